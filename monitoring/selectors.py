from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from monitoring.models import SchedulerHeartbeat
from monitoring.services import SCHEDULER_HEARTBEAT


def heartbeat_status() -> dict:
    """The last scheduler heartbeat and whether it is recent enough to call the scheduler alive."""
    heartbeat = SchedulerHeartbeat.objects.filter(name=SCHEDULER_HEARTBEAT).first()
    if heartbeat is None:
        return {"ok": False, "last_beat": None, "beats": 0}
    max_age = timedelta(seconds=settings.HEARTBEAT_MAX_AGE_SECONDS)
    return {
        "ok": timezone.now() - heartbeat.beat_at <= max_age,
        "last_beat": heartbeat.beat_at.isoformat(),
        "beats": heartbeat.beats,
    }
