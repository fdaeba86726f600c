"""Training pages (tests/training/sessions/test_views.py): everyone signed in reads the catalogue, the sessions of
their hospital and their completions, and enrols; the communication unit's lead and reviewers (and administrators)
edit the catalogue; the communication unit plans and cancels sessions; the session's teacher (the demo's community
manager) records attendance; managers and the communication unit record completions done elsewhere; the lead sets
the courses required before posting. Forms posted empty are refused as invalid (400); the attendance of a session
that has not started is refused (400)."""

from governance.models import User
from tests.architecture.personas import signed_in
from training.models import CourseSession, Enrolment


def session() -> list[int]:
    """The demo's nearly full session of "content", taught by the community manager."""
    return [CourseSession.objects.get(course__code="content").pk]


def flowmanagers_place() -> list[int]:
    place = Enrolment.objects.get(session__course__code="content", user=User.objects.get(username="flowmanager"))
    return [place.session_id, place.pk]


READ = {"GET": signed_in(200), "POST": signed_in(405)}
CATALOGUE_EDITORS = {**signed_in(403), "lead": 200, "community": 200, "admin": 200}
COMMUNICATION_UNIT_ACTION = {**signed_in(403), "lead": 302, "community": 302, "admin": 302}
RECORDERS = {**signed_in(403), "manager": 200, "lead": 200, "community": 200, "admin": 200}

ROWS = {
    "training:catalogue": ([], READ),
    "training:course_detail": (["content"], READ),
    "training:course_edit": (
        ["content"],
        {"GET": CATALOGUE_EDITORS, "POST": {**signed_in(403), "lead": 400, "community": 400, "admin": 400}},
    ),
    "training:session_list": ([], READ),
    "training:session_new": (
        [],
        {"GET": CATALOGUE_EDITORS, "POST": {**signed_in(403), "lead": 400, "community": 400, "admin": 400}},
    ),
    "training:session_detail": (session, READ),
    "training:session_edit": (
        session,
        {"GET": CATALOGUE_EDITORS, "POST": {**signed_in(403), "lead": 400, "community": 400, "admin": 400}},
    ),
    # Each enrols themself (a seat or the waiting list); the service refuses nobody who works in the hospital.
    "training:session_enrol": (session, {"GET": signed_in(405), "POST": signed_in(302)}),
    # The flowmanager's own place, their manager, the communication unit: cancelled; the producer is refused with a
    # message (302 too): tests/training/sessions/test_views.py.
    "training:place_cancel": (flowmanagers_place, {"GET": signed_in(405), "POST": signed_in(302)}),
    "training:session_cancel": (session, {"GET": signed_in(405), "POST": COMMUNICATION_UNIT_ACTION}),
    "training:attendance": (
        session,
        {"GET": {**signed_in(403), "community": 200}, "POST": {**signed_in(403), "community": 400}},
    ),
    "training:my_completions": ([], READ),
    "training:completion_record": (
        [],
        {"GET": RECORDERS, "POST": {**signed_in(403), "manager": 400, "lead": 400, "community": 400, "admin": 400}},
    ),
    "training:posting_courses": (
        [],
        {"GET": signed_in(200), "POST": {**signed_in(403), "lead": 400, "admin": 400}},
    ),
}
