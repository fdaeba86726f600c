from django.urls import path

from governance.crisis import views

app_name = "crisis"

urlpatterns = [
    path("", views.status, name="status"),
    path("start/", views.start, name="start"),
    path("<int:crisis_id>/end/", views.end, name="end"),
]
