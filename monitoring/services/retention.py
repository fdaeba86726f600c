"""Interactions holding personal or health data are kept only as long as the hospital needs them.

The retention job deletes them after ``MONITORING_HEALTH_DATA_RETENTION_DAYS`` — their history rows and access log
included — so nothing of them stays in the database. It counts from when the interaction was received.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from monitoring.models import Alert, Interaction, InteractionAccess

BATCH = 1000


@transaction.atomic
def health_data_purge(*, now=None) -> int:
    """Delete expired health-data interactions with every trace of them; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.MONITORING_HEALTH_DATA_RETENTION_DAYS)
    expired = list(
        Interaction.objects.filter(has_health_data=True, received_at__lt=cutoff).values_list("pk", flat=True)[:BATCH]
    )
    if not expired:
        return 0
    InteractionAccess.objects.filter(interaction_id__in=expired).delete()
    Alert.objects.filter(interaction_id__in=expired).delete()
    Interaction.objects.filter(pk__in=expired).delete()
    Interaction.history.filter(id__in=expired).delete()  # last: the deletion itself writes a history row
    return len(expired)
