import pytest
from kombu.exceptions import OperationalError

from monitoring.models import SchedulerHeartbeat
from monitoring.tasks import record_heartbeat
from tests.celery_fixtures import wait_until


def test_a_real_worker_runs_a_queued_task(celery_worker_process):
    record_heartbeat.delay()
    assert wait_until(lambda: SchedulerHeartbeat.objects.filter(beats__gte=1).exists(), seconds=60)
    assert celery_worker_process.poll() is None


@pytest.mark.django_db
def test_publishing_to_a_dead_broker_fails_fast_instead_of_hanging(broker_unreachable):
    with pytest.raises(OperationalError):
        record_heartbeat.apply_async(retry=False)
    assert not SchedulerHeartbeat.objects.exists()
