"""Interactions holding health data are deleted after the retention period, with every trace of them."""

from datetime import timedelta

from django.utils import timezone

from monitoring.models import Alert, Interaction, InteractionAccess
from monitoring.services.intake import IncomingInteraction, interactions_intake
from monitoring.services.retention import health_data_purge
from monitoring.tasks import purge_expired_health_data


def _take_in(channel, *, text: str, health: bool) -> Interaction:
    item = IncomingInteraction(kind="direct_message", text=text, occurred_at=timezone.now(), has_health_data=health)
    return interactions_intake(hospital=channel.unit.hospital, channel=channel, items=[item], source="manual").created[
        0
    ]


def test_expired_health_data_goes_with_its_history_access_log_and_alerts(make_active_channel, people, settings):
    settings.MONITORING_HEALTH_DATA_RETENTION_DAYS = 30
    channel = make_active_channel("Beskeder")
    sensitive = _take_in(channel, text="Min søn har epilepsi", health=True)
    ordinary = _take_in(channel, text="Hvornår er der åbent?", health=False)
    sensitive.status = Interaction.Status.ANSWERED
    sensitive.save()
    InteractionAccess.objects.create(interaction=sensitive, user=people["lead"])
    Alert.objects.create(
        key=f"overdue_answer:interaction:{sensitive.pk}",
        cause="overdue_answer",
        hospital=channel.unit.hospital,
        interaction=sensitive,
        opened_at=timezone.now(),
    )
    assert health_data_purge(now=timezone.now() + timedelta(days=29)) == 0

    assert health_data_purge(now=timezone.now() + timedelta(days=31)) == 1
    assert not Interaction.objects.filter(pk=sensitive.pk).exists()
    assert not Interaction.history.filter(id=sensitive.pk).exists()
    assert not InteractionAccess.objects.filter(interaction_id=sensitive.pk).exists()
    assert not Alert.objects.filter(interaction_id=sensitive.pk).exists()
    assert Interaction.objects.filter(pk=ordinary.pk).exists()  # without health data it stays


def test_the_nightly_task_purges_in_batches_until_nothing_is_left(make_active_channel, settings, monkeypatch):
    settings.MONITORING_HEALTH_DATA_RETENTION_DAYS = 0
    channel = make_active_channel("Mange beskeder")
    for number in range(5):
        _take_in(channel, text=f"Helbred {number}", health=True)
    monkeypatch.setattr("monitoring.services.retention.BATCH", 2)
    purge_expired_health_data()
    assert not Interaction.objects.filter(has_health_data=True).exists()
