"""Sessions, places and people for the training tests, built through the services."""

from datetime import timedelta

from django.utils import timezone

from governance.models import Hospital, Unit, User
from tests.factories import UserFactory, membership_make
from training.models import Course, CourseSession
from training.services import session_create


def session_make(
    *, hospital: Hospital, teacher: User, organiser: User, course_code: str = "content", capacity: int = 2, **times
) -> CourseSession:
    starts_at = times.get("starts_at", timezone.now() + timedelta(days=7))
    return session_create(
        hospital=hospital,
        data={
            "course": Course.objects.get(code=course_code),
            "starts_at": starts_at,
            "ends_at": times.get("ends_at", starts_at + timedelta(hours=3)),
            "place": "Auditorium 1",
            "online_url": "",
            "capacity": capacity,
            "teacher": teacher,
        },
        acting_user=organiser,
    )


def person_make(*, unit: Unit, role_code: str = "producer", username: str | None = None) -> User:
    user = UserFactory(**({"username": username} if username else {}))
    membership_make(user=user, unit=unit, role_code=role_code)
    return user
