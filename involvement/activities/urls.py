"""User involvement at /involvement/, in the "involvement" namespace; monitoring adds the input pages."""

from django.urls import path

from involvement.activities import views
from involvement.activities.registry import involvement_input_url_patterns

app_name = "involvement"

urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("new/<int:unit_id>/", views.activity_create, name="activity_create"),
    path("<int:activity_id>/", views.activity_detail, name="activity_detail"),
    path("<int:activity_id>/edit/", views.activity_edit, name="activity_edit"),
    path("<int:activity_id>/advance/", views.activity_advance, name="activity_advance"),
    path("<int:activity_id>/topics/", views.activity_topics, name="activity_topics"),
    path("<int:activity_id>/proposals/new/", views.activity_proposal_create, name="activity_proposal_create"),
    path("<int:activity_id>/report/", views.activity_report, name="activity_report"),
    *involvement_input_url_patterns(),
]
