"""The interaction inbox, at /monitoring/inbox/ in the "monitoring" namespace (monitoring/urls.py)."""

from django.urls import path

from monitoring.inbox import views

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.interaction_create, name="interaction_create"),
    path("import/", views.interactions_import, name="interactions_import"),
    path("assign/", views.interactions_assign_view, name="interactions_assign"),
    path("<int:interaction_id>/", views.interaction_detail, name="interaction_detail"),
    path("<int:interaction_id>/answer/", views.interaction_answer, name="interaction_answer"),
    path("<int:interaction_id>/status/", views.interaction_status, name="interaction_status"),
    path("<int:interaction_id>/triage/", views.interaction_triage, name="interaction_triage"),
    path("channels/<int:channel_id>/check/", views.channel_check, name="channel_check"),
]
