from celery import shared_task

from channels_plan.notifications import notify_decision, notify_submission


@shared_task
def send_plan_submitted_email(*, plan_id: int) -> None:
    notify_submission(plan_id=plan_id)


@shared_task
def send_plan_decision_email(*, decision_id: int) -> None:
    notify_decision(decision_id=decision_id)
