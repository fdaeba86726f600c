from django.urls import path

from monitoring import alert_views

urlpatterns = [
    path("", alert_views.alert_list, name="alerts"),
]
