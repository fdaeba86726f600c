from celery import shared_task

from channels_plan.models import Channel
from channels_plan.notifications import notify_decision, notify_submission
from channels_plan.rights.policy import posting_rights_sync


@shared_task
def send_plan_submitted_email(*, plan_id: int) -> None:
    notify_submission(plan_id=plan_id)


@shared_task
def send_plan_decision_email(*, decision_id: int) -> None:
    notify_decision(decision_id=decision_id)


@shared_task
def reconcile_posting_rights() -> None:
    """Nightly: bring every channel's object permissions back in line with the policy."""
    for channel_id in Channel.objects.values_list("pk", flat=True).iterator():
        posting_rights_sync(channel=Channel(pk=channel_id))
