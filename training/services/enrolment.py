"""Places on a session: a seat while seats remain, else the waiting list, which moves up when a seat is freed.

Every change locks the session row first, so two people taking the last seat at once queue behind each other:
exactly one gets it, the other is put on the waiting list.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.audit import save_as
from governance.models import User
from governance.permissions import actor_for
from training.exceptions import TrainingError
from training.models import CourseSession, Enrolment
from training.permissions import manages, may_run_sessions


def locked_session(session: CourseSession) -> CourseSession:
    return CourseSession.objects.select_for_update().order_by().get(pk=session.pk)


def seats_taken(session: CourseSession) -> int:
    return session.enrolments.filter(status=Enrolment.Status.ENROLLED).count()


def waiting_list_move_up(session: CourseSession, acting_user: User) -> Enrolment | None:
    """Give a free seat to the first person on the waiting list (the session row must be locked)."""
    first = session.enrolments.filter(status=Enrolment.Status.WAITING).order_by("queued_at", "pk").first()
    if first is not None:
        first.status = Enrolment.Status.ENROLLED
        save_as(first, acting_user)
    return first


def _check_may_enrol(session: CourseSession, person: User, acting_user: User) -> None:
    actor = actor_for(acting_user)
    if person.pk == acting_user.pk:
        if not actor.works_in(session.hospital_id):
            raise TrainingError(_("You can only enrol on sessions of your own hospital."))
        return
    if not manages(actor, person) or not actor_for(person).works_in(session.hospital_id):
        raise TrainingError(_("A manager enrols only people of their own unit, on sessions of their hospital."))


def _check_open(session: CourseSession, now: datetime) -> None:
    if session.cancelled_at:
        raise TrainingError(_("The session is cancelled."))
    if session.attendance_recorded_at or session.ends_at <= now:
        raise TrainingError(_("The session is over."))


@transaction.atomic
def enrolment_create(
    *, session: CourseSession, person: User, acting_user: User, now: datetime | None = None
) -> Enrolment:
    """Enrol ``person`` (themself, or by their manager): a seat if one is free, else the waiting list."""
    now = now or timezone.now()
    _check_may_enrol(session, person, acting_user)
    session = locked_session(session)
    _check_open(session, now)
    enrolment = Enrolment.objects.filter(session=session, user=person).first()
    if enrolment is not None and enrolment.status in Enrolment.ACTIVE:
        return enrolment
    enrolment = enrolment or Enrolment(session=session, user=person)
    has_room = seats_taken(session) < session.capacity
    enrolment.status = Enrolment.Status.ENROLLED if has_room else Enrolment.Status.WAITING
    enrolment.queued_at = now
    enrolment.enrolled_by = acting_user
    return save_as(enrolment, acting_user)


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, acting_user: User, now: datetime | None = None) -> Enrolment:
    """Give up a place (the person, their manager or the communication unit); the first one waiting moves up."""
    now = now or timezone.now()
    session = locked_session(enrolment.session)
    enrolment = Enrolment.objects.select_related("user").get(pk=enrolment.pk)
    actor = actor_for(acting_user)
    if not (
        enrolment.user_id == acting_user.pk
        or may_run_sessions(actor, session.hospital_id)
        or manages(actor, enrolment.user)
    ):
        raise TrainingError(_("You may not cancel this place."))
    if enrolment.status not in Enrolment.ACTIVE:
        raise TrainingError(_("This place is not active."))
    _check_open(session, now)
    had_seat = enrolment.status == Enrolment.Status.ENROLLED
    enrolment.status = Enrolment.Status.CANCELLED
    save_as(enrolment, acting_user)
    if had_seat:
        waiting_list_move_up(session, acting_user)
    return enrolment
