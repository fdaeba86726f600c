"""Patient and relatives networks at /networks/, in the "networks" namespace; monitoring adds the member counts."""

from django.urls import path

from involvement.networks import views
from involvement.networks.registry import network_url_patterns

app_name = "networks"

urlpatterns = [
    path("", views.network_list, name="network_list"),
    path("plans/<int:plan_id>/terms/", views.network_plan_terms, name="network_plan_terms"),
    path("<int:network_id>/", views.network_detail, name="network_detail"),
    path("<int:network_id>/review/", views.network_review, name="network_review"),
    *network_url_patterns(),
]
