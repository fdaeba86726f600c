"""Celery tasks of maturity: they load by id, call a service, and may run twice without harm."""

from celery import shared_task
from django.utils import timezone

from maturity.gaps.services import gap_snapshots_take


@shared_task
def take_monthly_gap_snapshots() -> int:
    """This month's gap snapshot of every unit (one per unit and month, so a second run takes none)."""
    return gap_snapshots_take(today=timezone.localdate())
