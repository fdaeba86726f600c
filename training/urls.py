from django.urls import path

from training import catalogue_views, completion_views
from training.sessions import views as session_views

app_name = "training"

urlpatterns = [
    path("", catalogue_views.catalogue, name="catalogue"),
    path("courses/<slug:code>/", catalogue_views.course_detail, name="course_detail"),
    path("courses/<slug:code>/edit/", catalogue_views.course_edit, name="course_edit"),
    path("sessions/", session_views.session_list, name="session_list"),
    path("sessions/new/", session_views.session_new, name="session_new"),
    path("sessions/<int:session_id>/", session_views.session_detail, name="session_detail"),
    path("sessions/<int:session_id>/edit/", session_views.session_edit, name="session_edit"),
    path("sessions/<int:session_id>/enrol/", session_views.session_enrol, name="session_enrol"),
    path(
        "sessions/<int:session_id>/places/<int:enrolment_id>/cancel/",
        session_views.place_cancel,
        name="place_cancel",
    ),
    path("sessions/<int:session_id>/cancel/", session_views.session_cancel_view, name="session_cancel"),
    path("sessions/<int:session_id>/attendance/", session_views.attendance, name="attendance"),
    path("completions/", completion_views.my_completions, name="my_completions"),
    path("completions/record/", completion_views.completion_record, name="completion_record"),
    path("posting-courses/", completion_views.posting_courses, name="posting_courses"),
]
