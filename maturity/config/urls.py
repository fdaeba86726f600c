from django.urls import path

from maturity.config import views

app_name = "scale_config"

# The standard is shared by every hospital: levels go by number, roles by code, a role requirement by its level,
# role and scope (unique together), so no URL here carries a database id.
urlpatterns = [
    path("", views.home, name="home"),
    path("levels/<int:level>/", views.level_page, name="level"),
    path("levels/<int:level>/roles/add/", views.requirement_add, name="requirement_add"),
    path("levels/<int:level>/roles/<slug:role_code>/<slug:scope>/", views.requirement_edit, name="requirement_edit"),
    path(
        "levels/<int:level>/roles/<slug:role_code>/<slug:scope>/remove/",
        views.requirement_remove,
        name="requirement_remove",
    ),
    path("levels/<int:level>/monitoring/", views.norm_edit, name="norm_edit"),
    path("levels/<int:level>/metrics/", views.metrics_edit, name="metrics_edit"),
    path("levels/<int:level>/guidelines/", views.guidelines_edit, name="guidelines_edit"),
    path("roles/<slug:role_code>/", views.role_edit, name="role_edit"),
]
