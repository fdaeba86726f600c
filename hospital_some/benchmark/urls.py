"""The site's URLs plus the benchmark's floor view; only the bench settings use this URLconf."""

from django.urls import path

from hospital_some.benchmark import views
from hospital_some.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("bench/floor/", views.floor, name="bench_floor"),
    *site_urlpatterns,
]
