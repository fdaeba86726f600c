from django.urls import include, path

app_name = "monitoring"

urlpatterns = [
    path("inbox/", include("monitoring.inbox_urls")),
    path("feeds/", include("monitoring.feed_urls")),
    path("alerts/", include("monitoring.alert_urls")),
]
