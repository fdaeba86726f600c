from django.urls import path

from metrics import views as metric_views

app_name = "metrics"

urlpatterns = [
    path("", metric_views.hospital_dashboard, name="hospital"),
    path("export/", metric_views.hospital_export, name="hospital_export"),
    path("units/<int:unit_id>/", metric_views.unit_dashboard, name="unit"),
    path("units/<int:unit_id>/export/", metric_views.unit_export, name="unit_export"),
    path("channels/<int:channel_id>/", metric_views.channel_dashboard, name="channel"),
    path("channels/<int:channel_id>/export/", metric_views.channel_export, name="channel_export"),
]
