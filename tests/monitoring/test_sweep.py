"""The monitoring sweep: alerts open when a duty is not met, close when it is, never twice, and escalate."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from channels_plan.models import Channel
from governance.models import Unit, User
from maturity.models import Level
from maturity.services import unit_maturity_set
from monitoring.models import Alert, ChannelCheck, Interaction, MentionFeed
from monitoring.services.intake import IncomingInteraction, interactions_intake
from monitoring.sweep import monitoring_sweep
from monitoring.tasks import run_monitoring_sweep

CPH = ZoneInfo("Europe/Copenhagen")


def _check(channel: Channel, person: User, when: datetime) -> None:
    ChannelCheck.objects.create(channel=channel, checked_by=person, checked_at=when)


def _open_keys() -> set[str]:
    return set(Alert.objects.filter(closed_at__isnull=True).values_list("key", flat=True))


def test_a_missed_check_raises_an_alert_that_a_check_closes(make_active_channel, people):
    channel = make_active_channel("Hjerteliv")
    now = timezone.now()
    _check(channel, people["flowmanager"], now - timedelta(hours=3))  # level 3: every 2 hours, around the clock
    monitoring_sweep(now=now)
    assert f"missed_check:channel:{channel.pk}" in _open_keys()

    _check(channel, people["flowmanager"], now)
    result = monitoring_sweep(now=now + timedelta(minutes=5))
    assert f"missed_check:channel:{channel.pk}" not in _open_keys()
    assert result.closed >= 1
    closed = Alert.objects.get(key=f"missed_check:channel:{channel.pk}")
    assert closed.closed_at == now + timedelta(minutes=5)


def test_running_the_sweep_again_raises_nothing_twice(make_active_channel, people):
    channel = make_active_channel("Hjerteliv")
    now = timezone.now() + timedelta(hours=5)
    first = monitoring_sweep(now=now)
    second = monitoring_sweep(now=now + timedelta(minutes=5))
    assert first.opened and not second.opened
    assert Alert.objects.filter(key=f"missed_check:channel:{channel.pk}").count() == 1


def test_a_working_hours_norm_does_not_count_the_weekend(make_active_channel, people, department):
    unit_maturity_set(
        unit=department,
        current_level=Level.objects.get(number=2),
        target_level=Level.objects.get(number=3),
        acting_user=None,
    )
    channel = make_active_channel("Weekendkanal")
    friday = datetime(2026, 11, 20, 15, 0, tzinfo=CPH)
    _check(channel, people["flowmanager"], friday)
    monitoring_sweep(now=datetime(2026, 11, 22, 20, 0, tzinfo=CPH))  # Sunday evening: 60 working minutes later
    assert f"missed_check:channel:{channel.pk}" not in _open_keys()
    monitoring_sweep(now=datetime(2026, 11, 23, 10, 1, tzinfo=CPH))  # Monday 10:01: 181 working minutes
    assert f"missed_check:channel:{channel.pk}" in _open_keys()


def test_an_answer_past_its_deadline_raises_an_alert_until_it_is_answered(make_active_channel, people):
    channel = make_active_channel("Spørgsmål")
    written = timezone.now() - timedelta(hours=3)
    result = interactions_intake(
        hospital=channel.unit.hospital,
        channel=channel,
        items=[IncomingInteraction(kind="comment", text="Hvornår åbner I?", occurred_at=written, external_id="c1")],
        source="manual",
    )
    interaction = result.created[0]
    assert interaction.deadline == written + timedelta(hours=2)  # level 3: within two hours
    monitoring_sweep()
    assert f"overdue_answer:interaction:{interaction.pk}" in _open_keys()
    interaction.status = Interaction.Status.ANSWERED
    interaction.save()
    monitoring_sweep()
    assert f"overdue_answer:interaction:{interaction.pk}" not in _open_keys()


def test_channel_housekeeping_alerts(make_active_channel, people):
    channel = make_active_channel("Gammel kanal")
    people["producer"].is_active = False
    people["producer"].save()
    channel.backup = people["producer"]
    channel.save()
    later = timezone.now() + timedelta(days=400)
    monitoring_sweep(now=later)
    keys = _open_keys()
    assert f"no_backup:channel:{channel.pk}" in keys
    assert f"review_due:channel:{channel.pk}" in keys
    assert f"dormant_channel:channel:{channel.pk}" in keys
    assert f"evaluation_due:plan:{channel.plan_id}" in keys


def test_a_feed_failing_three_times_raises_an_alert(demo):
    hospital = Unit.objects.get(kind=Unit.Kind.COMMUNICATION).hospital
    feed = MentionFeed.objects.create(hospital=hospital, name="Nyheder", url="https://news.example/rss")
    feed.consecutive_failures = 3
    feed.save()
    monitoring_sweep()
    assert f"feed_failing:feed:{feed.pk}" in _open_keys()


def test_an_alert_open_too_long_is_escalated_once(make_active_channel, people):
    channel = make_active_channel("Eskalering")
    start = timezone.now() + timedelta(hours=5)
    monitoring_sweep(now=start)
    assert not monitoring_sweep(now=start + timedelta(minutes=30)).escalated
    escalated = monitoring_sweep(now=start + timedelta(hours=2)).escalated  # level 3: after 120 minutes
    assert Alert.objects.get(key=f"missed_check:channel:{channel.pk}").pk in escalated
    assert not monitoring_sweep(now=start + timedelta(hours=3)).escalated


def test_the_sweep_runs_a_fixed_number_of_queries(make_active_channel, people, django_assert_num_queries):
    for index in range(3):
        make_active_channel(f"Kanal {index}")
    later = timezone.now() + timedelta(days=400)
    monitoring_sweep(now=later)
    with django_assert_num_queries(SWEEP_QUERIES):
        monitoring_sweep(now=later + timedelta(minutes=5))
    for index in range(3, 15):
        make_active_channel(f"Kanal {index}")
    monitoring_sweep(now=later)
    with django_assert_num_queries(SWEEP_QUERIES):
        monitoring_sweep(now=later + timedelta(minutes=10))


SWEEP_QUERIES = 10  # the savepoint of its transaction and its release, and eight queries


def test_a_sweep_that_dies_halfway_leaves_nothing_and_the_next_one_raises_each_alert_once(
    make_active_channel, people, monkeypatch
):
    channel = make_active_channel("Afbrudt")
    later = timezone.now() + timedelta(hours=5)
    real_bulk_create = Alert.objects.bulk_create

    def die(*args, **kwargs):
        real_bulk_create(*args, **kwargs)
        raise SystemExit("worker killed")

    monkeypatch.setattr(Alert.objects, "bulk_create", die)
    with pytest.raises(SystemExit):
        monitoring_sweep(now=later)
    assert not Alert.objects.exists()  # the transaction rolled back
    monkeypatch.setattr(Alert.objects, "bulk_create", real_bulk_create)
    monitoring_sweep(now=later)
    monitoring_sweep(now=later)
    assert Alert.objects.filter(key=f"missed_check:channel:{channel.pk}").count() == 1


def test_new_alerts_are_mailed_after_commit_without_interaction_text(
    make_active_channel, people, django_capture_on_commit_callbacks, eager_celery
):
    channel = make_active_channel("Postkasse")
    interactions_intake(
        hospital=channel.unit.hospital,
        channel=channel,
        items=[
            IncomingInteraction(
                kind="direct_message",
                text="Min mor ligger på stue 4 med hjertesvigt",
                occurred_at=timezone.now() - timedelta(hours=5),
                has_health_data=True,
            )
        ],
        source="manual",
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_monitoring_sweep.delay()
    assert mail.outbox
    recipients = {address for message in mail.outbox for address in message.to}
    assert channel.owner.email in recipients
    assert all("hjertesvigt" not in message.body for message in mail.outbox)
    assert any("Answer overdue" in message.body for message in mail.outbox)


def test_a_task_enqueued_in_a_transaction_that_rolls_back_never_runs(
    make_active_channel, people, django_capture_on_commit_callbacks, eager_celery
):
    make_active_channel("Tilbagerulning")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            from governance.dispatch import enqueue_on_commit

            enqueue_on_commit(run_monitoring_sweep)
            raise RuntimeError("rolled back")
    assert callbacks == []
    assert not Alert.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sweeps_at_once_raise_each_alert_once(demo):
    channel = Channel.objects.get(unit__name="Hjertemedicinsk afdeling")
    channel.status = Channel.Status.ACTIVE
    channel.save()
    later = timezone.now() + timedelta(hours=5)
    barrier, errors = threading.Barrier(2), []

    def sweep():
        barrier.wait()
        try:
            monitoring_sweep(now=later)
        except Exception as error:  # a serialisation failure is acceptable: the next sweep catches up
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    monitoring_sweep(now=later)
    assert Alert.objects.filter(key=f"missed_check:channel:{channel.pk}").count() == 1
    assert Alert.objects.filter(notified_at__isnull=True).count() == 0
