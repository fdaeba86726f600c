"""Completions: attendance recorded by a session's teacher, or a course done elsewhere with evidence.

Posting rights may depend on completions (``PostingCourseRequirement``): every change announces the people
concerned with ``completions_changed`` once committed; expiry is picked up by the nightly rights reconciliation.
"""

import calendar
from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.audit import save_as
from governance.models import User
from governance.permissions import actor_for
from training.exceptions import TrainingError
from training.models import Completion, Course, CourseSession, Enrolment
from training.permissions import manages
from training.services.enrolment import locked_session
from training.signals import completions_changed


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 January + 1 = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def completion_expiry(*, course: Course, completed_on: date) -> date | None:
    """A completion is valid for the course's months; a course without a validity is never renewed."""
    return add_months(completed_on, course.validity_months) if course.validity_months else None


def _announce(user_ids: Iterable[int]) -> None:
    user_ids = frozenset(user_ids)
    if user_ids:
        transaction.on_commit(lambda: completions_changed.send(sender=Completion, user_ids=user_ids))


@transaction.atomic
def session_attendance_record(
    *, session: CourseSession, attended_user_ids: Iterable[int], acting_user: User, now: datetime | None = None
) -> list[Completion]:
    """The teacher records, once, who of the seated participants attended: each gets a completion."""
    now = now or timezone.now()
    session = locked_session(session)
    if session.teacher_id != acting_user.pk:
        raise TrainingError(_("Only the session's teacher records attendance."))
    if session.cancelled_at:
        raise TrainingError(_("The session is cancelled."))
    if session.attendance_recorded_at:
        raise TrainingError(_("Attendance has been recorded already."))
    if session.starts_at > now:
        raise TrainingError(_("Attendance is recorded once the session has started."))
    seated = list(session.enrolments.filter(status=Enrolment.Status.ENROLLED).select_related("user"))
    attended = set(attended_user_ids)
    if attended - {enrolment.user_id for enrolment in seated}:
        raise TrainingError(_("Only participants with a seat can be marked as attending."))
    completed_on = timezone.localdate(session.starts_at)
    expires_on = completion_expiry(course=session.course, completed_on=completed_on)
    completions = []
    for enrolment in seated:
        present = enrolment.user_id in attended
        enrolment.status = Enrolment.Status.ATTENDED if present else Enrolment.Status.ABSENT
        save_as(enrolment, acting_user)
        if present:
            completion = Completion(
                user_id=enrolment.user_id,
                course_id=session.course_id,
                completed_on=completed_on,
                expires_on=expires_on,
                source=Completion.Source.SESSION,
                session=session,
                recorded_by=acting_user,
            )
            completions.append(save_as(completion, acting_user))
    session.attendance_recorded_at = now
    save_as(session, acting_user)
    _announce(completion.user_id for completion in completions)
    return completions


@transaction.atomic
def completion_record_external(
    *,
    person: User,
    course: Course,
    completed_on: date,
    evidence: str,
    acting_user: User,
    today: date | None = None,
) -> Completion:
    """A course done elsewhere (e-learning, another hospital), recorded by the person's manager or the
    communication unit of a hospital the person works in, with the evidence seen."""
    today = today or timezone.localdate()
    actor = actor_for(acting_user)
    person_hospitals = actor_for(person).hospital_ids
    by_communication_unit = any(actor.communication_roles(hospital_id) for hospital_id in person_hospitals)
    if not (acting_user.is_superuser or by_communication_unit or manages(actor, person)):
        raise TrainingError(_("Only the person's manager or the communication unit records a completion."))
    if not evidence.strip():
        raise TrainingError(_("Say what shows the course was completed (a certificate, the e-learning record)."))
    if completed_on > today:
        raise TrainingError(_("A completion cannot be dated in the future."))
    completion = Completion(
        user=person,
        course=course,
        completed_on=completed_on,
        expires_on=completion_expiry(course=course, completed_on=completed_on),
        source=Completion.Source.EXTERNAL,
        evidence=evidence.strip(),
        recorded_by=acting_user,
    )
    save_as(completion, acting_user)
    _announce({person.pk})
    return completion
