"""Metrics collected, for a department: it is asked only what the department lines of the level ask of it, and the
metric dashboard its report links to (``metrics_url``, "What level N requires") lists the same.

The scale's effect lines at levels 1–4 are the hospital's (the communication unit measures the official profiles
for the whole hospital); level 5 adds one department line, of scope "departments running a patient network":
"specific measurements of members and engagement in networks". So a department running a network is asked the
network metric at level 5 and nothing else, and no department is judged on metrics at levels 1–4."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from channels_plan.models import Channel
from channels_plan.services import channel_status_set
from governance.models import Unit
from hospital_some.demo.involvement import NETWORK_DEPARTMENT
from maturity.evidence import EvidenceStatus
from maturity.gaps.engine import unit_gap_report
from metrics.evidence import metrics_collected_evidence, metrics_url
from metrics.models import ChannelDailySnapshot
from tests.involvement_factories import involvement_seed
from tests.metric_factories import snapshots_add

pytestmark = pytest.mark.django_db
NETWORK_METRIC = "network_members_engagement"


def _today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def network_unit(demo, people) -> Unit:
    """The demo's department running a patient network, its network's group active and measured for the last days
    on everything but the network's members."""
    involvement_seed()
    unit = Unit.objects.get(name=NETWORK_DEPARTMENT)
    group = Channel.objects.get(patient_network__unit=unit)
    channel_status_set(channel=group, status=Channel.Status.ACTIVE, acting_user=people["lead"])
    ChannelDailySnapshot.objects.filter(channel__unit__hospital=unit.hospital).delete()
    snapshots_add(group, _today() - datetime.timedelta(days=3), 3, followers=40, reach=120, engagements=9)
    return unit


def _department_item(unit: Unit, level: int, source: str = "metrics_collected"):
    """The department's part of the unit's gap report at ``level``: the item of ``source``, or None."""
    with translation.override("en"):
        report = unit_gap_report(unit, today=_today(), level=level)
    items = [item for item in report.items if item.source == source and not item.is_hospital_part]
    assert len(items) <= 1
    return items[0] if items else None


def _asked_on_the_page(client, unit: Unit, level: int):
    dashboard = client.get(metrics_url(unit, level)).context["dashboard"]
    return dashboard, [status for status in dashboard.required if not status.optional]


def test_at_level_5_a_network_department_is_asked_the_network_metric_only(network_unit, client_as):
    client = client_as("lead")
    item = _department_item(network_unit, 5)
    evidence = item.evidence
    match = re.search(r"(\d+) of (\d+) required metrics", evidence.summary)
    assert match, evidence.summary
    # Followers, reach and engagement have data on the group; they are the hospital's lines, not the department's.
    assert (int(match[1]), int(match[2])) == (0, 1)
    assert evidence.status == EvidenceStatus.NOT_MET
    assert len(evidence.details) == 1 and "Members and engagement in networks" in evidence.details[0]
    assert evidence.fix_url == metrics_url(network_unit, 5)

    dashboard, asked = _asked_on_the_page(client, network_unit, 5)
    assert dashboard.required_level == 5
    assert [(status.code, status.has_data) for status in asked] == [(NETWORK_METRIC, False)]
    assert (int(match[1]), int(match[2])) == (sum(status.has_data for status in asked), len(asked))

    snapshots_add(Channel.objects.get(patient_network__unit=network_unit), _today(), 1, network_members=41)
    evidence = _department_item(network_unit, 5).evidence
    assert evidence.status == EvidenceStatus.MET and evidence.summary.startswith("1 of 1 required metrics")
    _dashboard, asked = _asked_on_the_page(client, network_unit, 5)
    assert [(status.code, status.has_data) for status in asked] == [(NETWORK_METRIC, True)]


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_below_level_5_no_department_is_judged_on_metrics(network_unit, department, client_as, pages_in_english, level):
    """The effect lines of levels 1–4 are the hospital's: the department's part has no metric line, the provider
    says why, and the department's dashboard asks nothing at that level."""
    client = client_as("lead")
    answers = metrics_collected_evidence([network_unit, department], level, _today())
    for unit in (network_unit, department):
        assert _department_item(unit, level) is None
        assert answers[unit.pk].status == EvidenceStatus.NOT_APPLICABLE
        assert "communication unit" in answers[unit.pk].summary
        dashboard, asked = _asked_on_the_page(client, unit, level)
        assert asked == [] and dashboard.asks_nothing
        page = client.get(metrics_url(unit, level)).content.decode()
        assert f"What level {level} requires" in page
        assert "The level asks no metric of the department itself" in page


def test_a_department_without_a_network_is_asked_no_metric_at_level_5(
    network_unit, department, client_as, pages_in_english
):
    """The network line reaches the departments running one: the report says this one runs none (and links to where
    it proposes one), the provider asks it no metric, and its dashboard says both."""
    item = _department_item(department, 5)
    assert "runs none" in item.evidence.summary and item.evidence.fix_url != metrics_url(department, 5)
    assert metrics_collected_evidence([department], 5, _today())[department.pk].status == EvidenceStatus.NOT_APPLICABLE
    client = client_as("lead")
    dashboard, asked = _asked_on_the_page(client, department, 5)
    assert asked == [] and dashboard.asks_nothing and dashboard.runs_no_network
    page = client.get(metrics_url(department, 5)).content.decode()
    assert "this department runs none yet" in page
    # The department running one is not told so.
    assert not _asked_on_the_page(client, network_unit, 5)[0].runs_no_network


def test_the_hospital_is_asked_the_hospitals_metrics_and_not_the_networks(network_unit, client_as):
    communication = Unit.objects.get(hospital=network_unit.hospital, kind=Unit.Kind.COMMUNICATION)
    evidence = metrics_collected_evidence([communication], 5, _today())[communication.pk]
    match = re.search(r"(\d+) of (\d+) required metrics", evidence.summary)
    assert match, evidence.summary
    _dashboard, asked = _asked_on_the_page(client_as("lead"), communication, 5)
    codes = [status.code for status in asked]
    assert NETWORK_METRIC not in codes and len(codes) == 6
    assert (int(match[1]), int(match[2])) == (sum(status.has_data for status in asked), len(asked))


def test_a_network_department_without_an_active_channel_does_not_meet_the_network_line(network_unit, people):
    """Asked for the network metric, a department with no active channel cannot show it: not a silent "not
    applicable" (the communication unit does not measure its network); it is told to set its channel active."""
    group = Channel.objects.get(patient_network__unit=network_unit)
    snapshots_add(group, _today(), 1, network_members=41)
    channel_status_set(channel=group, status=Channel.Status.PAUSED, acting_user=people["lead"])
    with translation.override("en"):
        evidence = metrics_collected_evidence([network_unit], 5, _today())[network_unit.pk]
        assert evidence.status == EvidenceStatus.NOT_MET
        assert "figures were imported for" in evidence.summary and "paused" in evidence.summary
        ChannelDailySnapshot.objects.filter(channel=group).delete()
        evidence = metrics_collected_evidence([network_unit], 5, _today())[network_unit.pk]
    assert evidence.status == EvidenceStatus.NOT_MET
    assert "no active channel of its own" in evidence.summary and evidence.fix_url and evidence.fix_by
    assert _department_item(network_unit, 5).evidence == evidence
