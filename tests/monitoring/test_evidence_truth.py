"""One truth for the monitoring and metric evidence: what the gap report says of missed checks, answers due and
metrics collected is what the alerts page, the inbox and the metric dashboard it links to show; a department's and
the hospital's (answered by the communication unit). And no silent passes: every unit gets an answer where the scale
asks."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from channels_plan.models import Channel
from channels_plan.services import channel_status_set
from governance.models import Unit
from maturity.evidence import EvidenceStatus
from maturity.gaps.engine import unit_gap_report
from metrics.evidence import metrics_collected_evidence, metrics_url
from metrics.models import ChannelDailySnapshot
from monitoring.duty_evidence import (
    answer_deadlines_evidence,
    answers_due_url,
    missed_checks_url,
    monitoring_duties_evidence,
)
from monitoring.models import Alert
from monitoring.services.inbox import interaction_answer_record
from tests.factories import UnitFactory
from tests.gap_factories import unit_at
from tests.metric_factories import snapshots_add
from tests.monitoring.inbox import support
from tests.monitoring.inbox.support import interaction_enter

pytestmark = pytest.mark.django_db
demo_channel, communication_unit = support.demo_channel, support.communication_unit


def _today() -> datetime.date:
    return timezone.localdate()


def _evidence(unit: Unit, source: str, *, hospital: bool, level: int = 3):
    """What the unit's gap report at ``level`` says for ``source``, in the hospital's part or the department's."""
    with translation.override("en"):
        report = unit_gap_report(unit, today=_today(), level=level)
    items = [item for item in report.items if item.source == source and item.is_hospital_part == hospital]
    assert items, f"{source} is not in the {'hospital' if hospital else 'department'} part"
    return items[0].evidence


def _numbers(pattern: str, text: str) -> tuple[int, ...]:
    match = re.search(pattern, text)
    assert match, f"{pattern!r} not in {text!r}"
    return tuple(int(group) for group in match.groups())


def _activate(channel: Channel, people) -> Channel:
    return channel_status_set(channel=channel, status=Channel.Status.ACTIVE, acting_user=people["lead"])


def _missed_check(channel: Channel, *, hours_ago: int, closed: bool = False) -> Alert:
    """A missed-check alert as the monitoring sweep writes it (in bulk, without a service of its own)."""
    opened = timezone.now() - datetime.timedelta(hours=hours_ago)
    return Alert.objects.create(
        key=f"missed_check:channel:{channel.pk}:{hours_ago}",
        cause=Alert.Cause.MISSED_CHECK,
        hospital=channel.unit.hospital,
        unit=channel.unit,
        channel=channel,
        opened_at=opened,
        closed_at=opened + datetime.timedelta(minutes=30) if closed else None,
    )


def test_missed_checks_are_the_alerts_pages(demo_channel, department, communication_unit, people, client_as):
    _activate(demo_channel, people)
    _missed_check(demo_channel, hours_ago=2)
    _missed_check(demo_channel, hours_ago=30, closed=True)
    client = client_as("lead")
    # The department's own (its line on helping to monitor its own posts) and the hospital's (the CoE's line).
    for unit, hospital in ((department, False), (communication_unit, True)):
        evidence = _evidence(department, "monitoring_duties", hospital=hospital)
        missed, still_open = _numbers(r"(\d+) missed checks in the last 30 days, (\d+) still open", evidence.summary)
        assert evidence.status == EvidenceStatus.NOT_MET
        assert evidence.fix_url == missed_checks_url(unit.pk)
        page = client.get(evidence.fix_url).context
        assert (missed, still_open) == (page["missed"], page["still_open"]) == (2, 1)
        assert page["page"].paginator.count == missed


def test_answers_due_are_the_inboxs(demo_channel, department, communication_unit, people, client_as):
    _activate(demo_channel, people)
    hours_ago = [timezone.now() - datetime.timedelta(hours=hours) for hours in (5, 6)]
    late = interaction_enter(demo_channel, people["community"], occurred_at=hours_ago[0])
    interaction_enter(demo_channel, people["community"], occurred_at=hours_ago[1])
    interaction_answer_record(interaction=late, acting_user=people["community"])  # after its deadline
    evidence = _evidence(department, "answer_deadlines", hospital=True)  # the hospital's line, the hospital's inbox
    in_time, total = _numbers(r"(\d+) of (\d+) answers due", evidence.summary)
    assert (in_time, total) == (0, 2)
    assert evidence.fix_url == answers_due_url(communication_unit)
    page = client_as("lead").get(evidence.fix_url).context
    assert page["answers_due"]["in_time"] == in_time and page["answers_due"]["total"] == total
    assert page["page"].paginator.count == total


def test_metrics_of_a_channel_still_planned_are_named_on_the_report_and_the_dashboard(
    demo_channel, department, communication_unit, people, client_as
):
    """The issue's case: "no active channel to measure" while the dashboard showed the channel's followers."""
    for channel in Channel.objects.filter(unit__hospital=department.hospital, status=Channel.Status.ACTIVE):
        channel_status_set(channel=channel, status=Channel.Status.PAUSED, acting_user=people["lead"])
    ChannelDailySnapshot.objects.filter(channel=demo_channel).delete()
    snapshots_add(demo_channel, _today() - datetime.timedelta(days=5), 5, followers=2927, reach=300, engagements=9)
    client = client_as("lead")

    evidence = _evidence(department, "metrics_collected", hospital=True)
    assert evidence.status == EvidenceStatus.NOT_MET
    assert demo_channel.sender_name in evidence.summary and "Set the channel active" in evidence.summary
    dashboard = client.get(metrics_url(communication_unit, 3)).context["dashboard"]
    assert any(demo_channel.sender_name in label for label in dashboard.inactive_with_data)
    unit_dashboard = client.get(metrics_url(department, 3)).context["dashboard"]
    assert any(demo_channel.sender_name in label for label in unit_dashboard.inactive_with_data)

    _activate(demo_channel, people)
    evidence = _evidence(department, "metrics_collected", hospital=True)
    collected, required = _numbers(r"(\d+) of (\d+) required metrics", evidence.summary)
    dashboard = client.get(metrics_url(communication_unit, 3)).context["dashboard"]
    asked = [status for status in dashboard.required if not status.optional]
    assert (collected, required) == (sum(status.has_data for status in asked), len(asked)) == (3, 4)
    assert dashboard.inactive_with_data == ()
    assert evidence.fix_url == metrics_url(communication_unit, 3)


def test_a_departments_own_metrics_are_its_dashboards(demo_channel, department, people, client_as):
    """Level 3's effect lines are the hospital's: the department is asked no metric, and its dashboard at level 3
    lists none (a department running a patient network at level 5: ``test_metric_evidence_department_lines``)."""
    _activate(demo_channel, people)
    ChannelDailySnapshot.objects.filter(channel=demo_channel).delete()
    snapshots_add(demo_channel, _today() - datetime.timedelta(days=3), 3, followers=100)
    evidence = metrics_collected_evidence([department], 3, _today())[department.pk]
    assert evidence.status == EvidenceStatus.NOT_APPLICABLE and not evidence.fix_url
    dashboard = client_as("manager").get(metrics_url(department, 3)).context["dashboard"]
    assert dashboard.required == [] and dashboard.asks_nothing


def test_every_unit_gets_an_answer_where_the_monitoring_lines_are_asked(demo, department, communication_unit):
    quiet = unit_at(hospital=demo, name="Stille afdeling", current=3, target=3)
    units = [quiet, department, communication_unit]
    for provider in (monitoring_duties_evidence, answer_deadlines_evidence, metrics_collected_evidence):
        answers = provider(units, 3, _today())
        assert set(answers) == {unit.pk for unit in units}, provider.__name__
        # A department without a channel of its own: the communication unit checks, answers and measures.
        assert answers[quiet.pk].status == EvidenceStatus.NOT_APPLICABLE, provider.__name__
        assert "communication unit" in answers[quiet.pk].summary


def test_a_hospital_without_an_active_channel_does_not_meet_the_monitoring_lines():
    communication = UnitFactory(name="Kommunikation", kind=Unit.Kind.COMMUNICATION)
    for provider in (monitoring_duties_evidence, answer_deadlines_evidence, metrics_collected_evidence):
        answer = provider([communication], 3, _today())[communication.pk]
        assert answer.status == EvidenceStatus.NOT_MET, provider.__name__
        assert "no active channel of the hospital" in answer.summary
        assert answer.fix_url and answer.fix_by
