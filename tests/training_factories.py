"""Training state for tests, written straight to the database so that the needs, reminder and evidence tests do not
depend on the catalogue and enrolment services."""

import datetime

from django.utils import timezone

from governance.models import Hospital, Unit, User
from maturity.models import Level
from maturity.services import unit_maturity_set
from tests.factories import HospitalFactory, UnitFactory, UserFactory, membership_make
from training.models import Completion, Course, CourseSession, Enrolment


def course(code: str) -> Course:
    """One of the scale's courses, seeded by the migrations."""
    return Course.objects.get(code=code)


def unit_at_levels(*, hospital: Hospital | None = None, current: int, target: int, **fields) -> Unit:
    unit = UnitFactory(hospital=hospital or HospitalFactory(), **fields)
    unit_maturity_set(
        unit=unit,
        current_level=Level.objects.get(number=current),
        target_level=Level.objects.get(number=target),
        acting_user=None,
    )
    return unit


def member_make(*, unit: Unit, role_code: str, **fields) -> User:
    user = UserFactory(**fields)
    if not user.email:
        user.email = f"{user.username}@hospital.example"
        user.save(update_fields=["email"])
    membership_make(user=user, unit=unit, role_code=role_code)
    return user


def completion_make(
    *, user: User, course: Course, completed_on: datetime.date, expires_on: datetime.date | None = None
) -> Completion:
    return Completion.objects.create(
        user=user,
        course=course,
        completed_on=completed_on,
        expires_on=expires_on,
        source=Completion.Source.EXTERNAL,
        evidence="E-learning",
        recorded_by=user,
    )


def session_make(*, course: Course, hospital: Hospital, starts_at: datetime.datetime, teacher: User) -> CourseSession:
    return CourseSession.objects.create(
        course=course,
        hospital=hospital,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        place="Auditorium 1",
        capacity=20,
        teacher=teacher,
    )


def enrolment_make(*, session: CourseSession, user: User, status: str = Enrolment.Status.ENROLLED) -> Enrolment:
    return Enrolment.objects.create(
        session=session, user=user, status=status, queued_at=timezone.now(), enrolled_by=user
    )
