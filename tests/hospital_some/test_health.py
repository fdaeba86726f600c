import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring.models import SchedulerHeartbeat
from monitoring.services import SCHEDULER_HEARTBEAT, heartbeat_record
from monitoring.tasks import record_heartbeat

pytestmark = pytest.mark.django_db


def test_healthy_when_database_broker_and_heartbeat_are_fine(client):
    record_heartbeat()
    response = client.get(reverse("healthz"))
    body = json.loads(response.content)
    assert response.status_code == 200, body
    assert body["ok"] is True
    assert body["checks"]["database"]["ok"] and body["checks"]["broker"]["ok"]
    assert body["checks"]["heartbeat"]["beats"] == 1


def test_stale_heartbeat_makes_the_service_unhealthy(client, settings):
    heartbeat_record()
    SchedulerHeartbeat.objects.filter(name=SCHEDULER_HEARTBEAT).update(
        beat_at=timezone.now() - timedelta(seconds=settings.HEARTBEAT_MAX_AGE_SECONDS + 1)
    )
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["heartbeat"]["ok"] is False


def test_no_heartbeat_yet_is_unhealthy(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["heartbeat"] == {"ok": False, "last_beat": None, "beats": 0}


def test_unreachable_broker_answers_503(client, broker_unreachable):
    record_heartbeat()
    response = client.get(reverse("healthz"))
    body = json.loads(response.content)
    assert response.status_code == 503
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


def test_heartbeats_count_up():
    heartbeat_record()
    heartbeat_record()
    assert SchedulerHeartbeat.objects.get(name=SCHEDULER_HEARTBEAT).beats == 2


def test_beat_schedules_the_heartbeat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["scheduler-heartbeat"]
    assert entry["task"] == record_heartbeat.name
    assert entry["schedule"] < settings.HEARTBEAT_MAX_AGE_SECONDS
