from django.urls import path

from training.needs import views as needs_views

app_name = "training_needs"

urlpatterns = [
    path("mine/", needs_views.my_training, name="mine"),
    path("units/<int:unit_id>/", needs_views.unit_gap, name="unit"),
    path("hospital/", needs_views.hospital_overview, name="hospital"),
]
