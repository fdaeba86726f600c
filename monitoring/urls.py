from django.urls import include, path

app_name = "monitoring"

urlpatterns = [
    path("inbox/", include("monitoring.inbox.urls")),
    path("feeds/", include("monitoring.feeds.urls")),
    path("alerts/", include("monitoring.alerts.urls")),
]
