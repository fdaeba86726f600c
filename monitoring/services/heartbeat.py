from django.db import transaction
from django.db.models import F
from django.utils import timezone

from monitoring.models import SchedulerHeartbeat

SCHEDULER_HEARTBEAT = "scheduler"


@transaction.atomic
def heartbeat_record(*, name: str = SCHEDULER_HEARTBEAT) -> SchedulerHeartbeat:
    """Record one beat. Safe when two workers beat at once: the counter is incremented in the database."""
    now = timezone.now()
    heartbeat, created = SchedulerHeartbeat.objects.get_or_create(name=name, defaults={"beat_at": now, "beats": 1})
    if not created:
        SchedulerHeartbeat.objects.filter(pk=heartbeat.pk).update(beat_at=now, beats=F("beats") + 1)
        heartbeat.refresh_from_db()
    return heartbeat
