from celery import shared_task
from django.utils import timezone

from governance.dispatch import enqueue_on_commit
from governance.models import Hospital
from training.reminders import training_reminders_send


@shared_task
def queue_training_reminders() -> None:
    """Daily (beat): one reminder run per hospital."""
    for hospital_id in Hospital.objects.values_list("pk", flat=True):
        enqueue_on_commit(send_training_reminders, hospital_id=hospital_id)


@shared_task
def send_training_reminders(*, hospital_id: int) -> int:
    return training_reminders_send(hospital_id=hospital_id, now=timezone.now())
