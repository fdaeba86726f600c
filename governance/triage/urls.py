from django.urls import path

from governance.triage import views

app_name = "triage"

urlpatterns = [
    path("", views.start, name="start"),
    path("edit/", views.edit, name="edit"),
    path("steps/new/", views.node_create, name="node_create"),
    path("steps/<int:node_id>/", views.step, name="step"),
    path("steps/<int:node_id>/edit/", views.node_edit, name="node_edit"),
    path("steps/<int:node_id>/delete/", views.node_delete, name="node_delete"),
]
