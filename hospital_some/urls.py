from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from governance.forms import LoginForm
from hospital_some import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("maturity/", include("maturity.urls")),
    path("scale-config/", include("maturity.config.urls")),
    path("gaps/", include("maturity.gaps.urls")),
    path("guidelines/", include("governance.guidelines.urls")),
    path("triage/", include("governance.triage.urls")),
    path("crisis/", include("governance.crisis.urls")),
    path("follow-group/", include("governance.follow_group.urls")),
    path("units/", include("governance.people.urls")),
    path("training/needs/", include("training.needs.urls")),
    path("training/", include("training.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("api/", include("monitoring.api.urls")),
    path("metrics/imports/", include("metrics.imports.urls")),
    path("metrics/", include("metrics.urls")),
    path("calendar/", include("channels_plan.calendar.urls")),
    path("involvement/", include("involvement.activities.urls")),
    path("networks/", include("involvement.networks.urls")),
    path("", include("channels_plan.urls")),
    path("admin/", admin.site.urls),
]
