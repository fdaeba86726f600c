from django.urls import path

from metrics.imports import views

app_name = "metric_imports"

urlpatterns = [
    path("", views.metric_import_upload_view, name="upload"),
    path("<int:import_id>/", views.metric_import_detail_view, name="detail"),
    path("<int:import_id>/confirm/", views.metric_import_confirm_view, name="confirm"),
    path("<int:import_id>/discard/", views.metric_import_discard_view, name="discard"),
    path("channel/<int:channel_id>/", views.metric_import_list_view, name="channel_imports"),
]
