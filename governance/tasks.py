from celery import shared_task

from governance.notifications import notify_crisis_mode


@shared_task
def send_crisis_mode_email(*, crisis_id: int) -> None:
    notify_crisis_mode(crisis_id=crisis_id)
