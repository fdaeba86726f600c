"""Starting and ending crisis mode. The lead acts; the apps above react to the signals in the same transaction
(channels_plan holds scheduled posts and suspends departments' posting rights), and the crisis team is told by e-mail
once it has committed."""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance.audit import save_as
from governance.dispatch import enqueue_on_commit
from governance.exceptions import GovernanceError
from governance.models import CrisisPeriod, Hospital, User
from governance.permissions import actor_for
from governance.signals import crisis_mode_ended, crisis_mode_started
from governance.tasks import send_crisis_mode_email


def _check_lead(hospital_id: int, acting_user: User) -> None:
    if not actor_for(acting_user).leads(hospital_id):
        raise GovernanceError(_("Only the communication unit lead starts and ends crisis mode."))


@transaction.atomic
def crisis_mode_start(*, hospital: Hospital, reason: str, expected_end=None, acting_user: User) -> CrisisPeriod:
    _check_lead(hospital.pk, acting_user)
    Hospital.objects.select_for_update().get(pk=hospital.pk)  # two leads at once: one crisis
    running = CrisisPeriod.objects.filter(hospital=hospital, ended_at__isnull=True).first()
    if running is not None:
        raise GovernanceError(
            _("Crisis mode has been on since %(time)s.")
            % {"time": date_format(timezone.localtime(running.started_at), "DATETIME_FORMAT")}
        )
    if not reason.strip():
        raise GovernanceError(_("Give the reason for crisis mode."))
    now = timezone.now()
    if expected_end is not None and expected_end <= now:
        raise GovernanceError(_("The expected end must lie in the future."))
    crisis = CrisisPeriod(
        hospital=hospital,
        reason=reason.strip(),
        expected_end=expected_end,
        started_by=acting_user,
        started_at=now,
    )
    save_as(crisis, acting_user)
    crisis_mode_started.send(sender=CrisisPeriod, crisis=crisis, acting_user=acting_user)
    enqueue_on_commit(send_crisis_mode_email, crisis_id=crisis.pk)
    return crisis


@transaction.atomic
def crisis_mode_end(*, crisis: CrisisPeriod, note: str = "", acting_user: User) -> CrisisPeriod:
    _check_lead(crisis.hospital_id, acting_user)
    crisis = CrisisPeriod.objects.select_for_update().get(pk=crisis.pk)
    if not crisis.is_open:
        raise GovernanceError(_("This crisis has already ended."))
    crisis.ended_at = timezone.now()
    crisis.ended_by = acting_user
    crisis.end_note = note.strip()
    save_as(crisis, acting_user)
    crisis_mode_ended.send(sender=CrisisPeriod, crisis=crisis, acting_user=acting_user)
    enqueue_on_commit(send_crisis_mode_email, crisis_id=crisis.pk)
    return crisis
