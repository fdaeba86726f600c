import datetime

from celery import shared_task
from django.utils import timezone

from governance.dispatch import enqueue_on_commit


@shared_task
def send_monthly_metric_reports() -> None:
    """On the 2nd of each month (Celery beat): one task per department with channels, for the month before."""
    from governance.models import Unit

    month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    departments = Unit.objects.filter(kind=Unit.Kind.DEPARTMENT, channels__isnull=False).distinct()
    for unit_id in departments.values_list("pk", flat=True):
        enqueue_on_commit(send_monthly_metric_report, unit_id=unit_id, month=month.isoformat())


@shared_task
def send_monthly_metric_report(*, unit_id: int, month: str) -> None:
    """One department's report for one month; sent at most once (MonthlyReportDispatch's unique key)."""
    from governance.models import Unit
    from metrics.monthly_report import monthly_report_send

    unit = Unit.objects.select_related("hospital").filter(pk=unit_id).first()
    if unit is not None:
        monthly_report_send(unit=unit, month=datetime.date.fromisoformat(month))
