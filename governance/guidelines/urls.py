from django.urls import path

from governance.guidelines import views

app_name = "guidelines"

urlpatterns = [
    path("", views.library, name="library"),
    path("new/", views.document_create, name="document_create"),
    path("<int:document_id>/", views.document, name="document"),
    path("<int:document_id>/settings/", views.document_settings, name="document_settings"),
    path("<int:document_id>/draft/", views.draft_edit, name="draft_edit"),
    path("<int:document_id>/draft/discard/", views.draft_discard, name="draft_discard"),
    path("<int:document_id>/versions/<int:version_id>/", views.version, name="version"),
    path("<int:document_id>/versions/<int:version_id>/changes/", views.version_diff_view, name="version_diff"),
    path("<int:document_id>/versions/<int:version_id>/approve/", views.version_approve, name="version_approve"),
]
