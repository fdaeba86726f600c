"""The demo hospital's team on duty while `make run` runs: every active channel of the demo is checked as its owner
would check it, so that the demo's levels stay what its data shows.

The demo's departments are seeded at levels whose monitoring norms ask a check of each active channel every one or
two hours, around the clock (``maturity/scale/monitoring_norms.py``). In a real hospital the channel's owner and the
community managers record those checks in the inbox; in the demo nobody does, so a few hours after ``seed_demo`` the
monitoring sweep would rightly raise missed-check alerts, and the gap engine, which counts them over 30 days
(``monitoring/duty_evidence.py``), would drop every department to level 0: the demo would contradict itself.

So the demo simulates the working team, and says so: ``record_demo_checks`` records, through the inbox's own service
and in the name of the channel's owner (its back-up when the owner cannot), a check of each active channel of the
demo hospital. Only the `make run` settings (``hospital_some/settings/local.py``) import and schedule it, every
half hour, well inside the strictest norm (60 minutes); ``seed_demo`` calls it too, so a `make run` started after a
break begins with fresh checks. Nothing else is simulated: the demo's inbox keeps its open and overdue questions for
the visitor to answer, the sweep and the engine are the production ones, and a channel of another hospital is never
touched. It refuses to run where demo data is not allowed (production).
"""

import logging

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from channels_plan.models import Channel
from governance.models import Hospital
from hospital_some.demo.seed import DEMO_HOSPITAL
from monitoring.models import ChannelCheck
from monitoring.services.inbox import channel_check_record

logger = logging.getLogger(__name__)


def demo_channels_check(*, hospital: Hospital | None = None) -> list[ChannelCheck]:
    """Each active channel of the demo hospital (``hospital``, else the one named ``DEMO_HOSPITAL``) checked now by
    its owner (by its back-up when the owner is inactive or may not record a check); returns the checks recorded."""
    if not settings.DEMO_DATA_ALLOWED:
        raise ImproperlyConfigured("The demo's checks run only where demo data is allowed.")
    channels = Channel.objects.filter(status=Channel.Status.ACTIVE)
    if hospital is None:
        channels = channels.filter(unit__hospital__name=DEMO_HOSPITAL)
    else:
        channels = channels.filter(unit__hospital=hospital)
    checks = []
    for channel in channels.select_related("owner", "backup").order_by("pk"):
        check = _checked_by_owner_or_backup(channel)
        if check is None:
            logger.warning("Neither the owner nor the back-up of demo channel %s may check it.", channel.pk)
        else:
            checks.append(check)
    return checks


def _checked_by_owner_or_backup(channel: Channel) -> ChannelCheck | None:
    for person in (channel.owner, channel.backup):
        if person is None or not person.is_active:
            continue
        try:
            return channel_check_record(channel=channel, acting_user=person)
        except PermissionDenied:
            continue
    return None


@shared_task(soft_time_limit=60, time_limit=90)
def record_demo_checks() -> None:
    """Every half hour under `make run` (Celery beat, local settings only): the demo team checks its channels."""
    demo_channels_check()
