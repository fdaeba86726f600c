"""Sessions of a course at a hospital, planned by its communication unit."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.audit import save_as
from governance.models import Hospital, Membership, User
from governance.permissions import actor_for
from training.exceptions import TrainingError
from training.models import CourseSession, Enrolment
from training.permissions import may_run_sessions
from training.services.enrolment import locked_session, seats_taken, waiting_list_move_up

SESSION_FIELDS = ("course", "starts_at", "ends_at", "place", "online_url", "capacity", "teacher")


def _check_organiser(hospital_id: int, acting_user: User) -> None:
    if not may_run_sessions(actor_for(acting_user), hospital_id):
        raise TrainingError(_("Only the communication unit plans the hospital's sessions."))


def _check_data(hospital_id: int, data: dict) -> None:
    if data["ends_at"] <= data["starts_at"]:
        raise TrainingError(_("A session ends after it starts."))
    if not Membership.objects.filter(user=data["teacher"], unit__hospital_id=hospital_id).exists():
        raise TrainingError(_("The teacher must work at the hospital."))


@transaction.atomic
def session_create(*, hospital: Hospital, data: dict, acting_user: User) -> CourseSession:
    _check_organiser(hospital.pk, acting_user)
    _check_data(hospital.pk, data)
    session = CourseSession(hospital=hospital, **{field: data[field] for field in SESSION_FIELDS})
    return save_as(session, acting_user)


@transaction.atomic
def session_update(*, session: CourseSession, data: dict, acting_user: User) -> CourseSession:
    """Change a session; more seats move people up from the waiting list, fewer than are taken is refused."""
    _check_organiser(session.hospital_id, acting_user)
    session = locked_session(session)
    if session.cancelled_at or session.attendance_recorded_at:
        raise TrainingError(_("A cancelled or completed session cannot be changed."))
    _check_data(session.hospital_id, data)
    taken = seats_taken(session)
    if data["capacity"] < taken:
        raise TrainingError(
            _("%(taken)d people have a seat already: the session needs at least as many seats.") % {"taken": taken}
        )
    for field in SESSION_FIELDS:
        setattr(session, field, data[field])
    save_as(session, acting_user)
    for _seat in range(session.capacity - taken):
        if waiting_list_move_up(session, acting_user) is None:
            break
    return session


@transaction.atomic
def session_cancel(*, session: CourseSession, acting_user: User, now: datetime | None = None) -> CourseSession:
    """Cancel a session: its participants' places are cancelled with it."""
    _check_organiser(session.hospital_id, acting_user)
    session = locked_session(session)
    if session.cancelled_at:
        return session
    if session.attendance_recorded_at:
        raise TrainingError(_("The session has taken place: its attendance is recorded."))
    session.cancelled_at = now or timezone.now()
    save_as(session, acting_user)
    for enrolment in session.enrolments.filter(status__in=Enrolment.ACTIVE):
        enrolment.status = Enrolment.Status.CANCELLED
        save_as(enrolment, acting_user)
    return session
