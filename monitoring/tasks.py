from celery import shared_task
from django.db import transaction

from governance.dispatch import enqueue_on_commit
from monitoring.feeds import mention_feeds_fetch_all
from monitoring.notifications import notify_alerts
from monitoring.services import heartbeat_record
from monitoring.services.retention import health_data_purge
from monitoring.sweep import monitoring_sweep


@shared_task
def record_heartbeat() -> None:
    heartbeat_record()


@shared_task
def run_monitoring_sweep() -> None:
    """Every few minutes (Celery beat): raise, close and escalate alerts, then mail the people responsible."""
    with transaction.atomic():
        result = monitoring_sweep()
        if result.opened or result.escalated:
            enqueue_on_commit(send_alert_emails, opened_ids=result.opened, escalated_ids=result.escalated)


@shared_task
def send_alert_emails(*, opened_ids: list[int], escalated_ids: list[int]) -> None:
    notify_alerts(opened_ids=opened_ids, escalated_ids=escalated_ids)


@shared_task
def purge_expired_health_data() -> None:
    """Nightly: delete interactions holding health data once their retention period is over, in batches."""
    while health_data_purge():
        pass


@shared_task
def fetch_mention_feeds() -> None:
    """Every quarter of an hour (Celery beat): new mentions from the hospitals' RSS and Atom feeds."""
    mention_feeds_fetch_all()
