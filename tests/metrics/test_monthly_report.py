import datetime
import threading

import pytest
from django.core import mail
from django.db import connection

from governance.models import Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from metrics.models import MonthlyReportDispatch
from metrics.monthly_report import monthly_report_recipients, monthly_report_send
from metrics.tasks import send_monthly_metric_reports
from tests.metrics.support import figures_fixture  # noqa: F401  (fixture)

MARCH = datetime.date(2026, 3, 1)


def test_the_report_goes_to_the_manager_and_the_communication_unit(demo):
    department = Unit.objects.get(name=PERSONA_DEPARTMENT)
    assert monthly_report_recipients(unit=department) == [
        "community@demohospitalet.example",
        "lead@demohospitalet.example",
        "manager@demohospitalet.example",
    ]


def test_the_monthly_report_holds_the_months_figures_in_danish(figures):
    assert monthly_report_send(unit=figures["department"], month=datetime.date(2026, 3, 17))
    (message,) = mail.outbox
    assert PERSONA_DEPARTMENT in message.subject and "03/2026" in message.subject
    assert "manager@demohospitalet.example" in message.to
    # March: the main channel's followers on 31 March (1059) and the second channel's (500); reach 31 × 100 + 500.
    assert "1.559" in message.body and "3.600" in message.body
    html = message.alternatives[0][0]
    assert "<table>" in html and "1.559" in html
    dispatch = MonthlyReportDispatch.objects.get(unit=figures["department"])
    assert dispatch.month == MARCH and dispatch.recipients == 3


def test_a_second_run_for_the_same_month_sends_nothing(figures):
    assert monthly_report_send(unit=figures["department"], month=MARCH)
    assert not monthly_report_send(unit=figures["department"], month=datetime.date(2026, 3, 31))
    assert len(mail.outbox) == 1
    assert monthly_report_send(unit=figures["department"], month=datetime.date(2026, 4, 1))
    assert len(mail.outbox) == 2


def test_the_beat_task_fans_out_per_department_with_channels_once(
    demo, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_monthly_metric_reports()
    (message,) = mail.outbox  # only the persona department has channels in the demo
    assert PERSONA_DEPARTMENT in message.subject
    with django_capture_on_commit_callbacks(execute=True):
        send_monthly_metric_reports()
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_one_report(demo):
    department = Unit.objects.select_related("hospital").get(name=PERSONA_DEPARTMENT)
    start = threading.Barrier(2)
    outcomes: list[bool] = []

    def send() -> None:
        start.wait()
        try:
            outcomes.append(monthly_report_send(unit=department, month=MARCH))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == [False, True]
    assert len(mail.outbox) == 1
    assert MonthlyReportDispatch.objects.filter(unit=department).count() == 1
