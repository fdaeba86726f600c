from django.urls import path

from maturity.gaps import views

app_name = "gaps"

urlpatterns = [
    path("", views.hospital_overview, name="hospital"),
    path("overview.csv", views.hospital_overview_csv, name="hospital_csv"),
    path("units/<int:unit_id>/", views.unit_report, name="unit"),
    path("units/<int:unit_id>/report.csv", views.unit_report_csv, name="unit_csv"),
    path("units/<int:unit_id>/requirements/<int:requirement_id>/", views.self_assessment, name="answer"),
    path(
        "units/<int:unit_id>/requirements/<int:requirement_id>/review/",
        views.self_assessment_review_view,
        name="review",
    ),
]
