from django.urls import path

from maturity import views

app_name = "maturity"

urlpatterns = [
    path("", views.scale_overview, name="scale"),
    path("levels/<int:number>/", views.level_page, name="level"),
    path("roles/", views.role_catalogue_page, name="roles"),
]
