from django.urls import path

from monitoring.alerts import views as alert_views

urlpatterns = [
    path("", alert_views.alert_list, name="alerts"),
]
