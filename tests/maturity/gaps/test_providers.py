"""The evidence providers of channels_plan and monitoring, and maturity's own: a fixed number of queries whatever
the number of units, and answers that follow the data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from channels_plan.evidence import (
    calendar_in_use_evidence,
    channel_plans_evidence,
    proposal_share_evidence,
    registry_url,
)
from channels_plan.models import Channel, ContentProposal
from governance.models import Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from maturity.evidence import EvidenceStatus, evidence_sources
from monitoring.duty_evidence import answer_deadlines_evidence, monitoring_duties_evidence
from monitoring.models import Alert
from tests.gap_factories import unit_at

TODAY = timezone.localdate()


def _queries(provider, units, level) -> int:
    with CaptureQueriesContext(connection) as context:
        provider(units, level, TODAY)
    return len(context.captured_queries)


def test_every_registered_provider_runs_the_same_queries_for_2_and_12_units(demo):
    few = list(Unit.objects.filter(name__in=["Kommunikationsafdelingen", PERSONA_DEPARTMENT]))
    for number in range(5):
        unit_at(hospital=demo, name=f"Ekstra {number}", current=3, target=4)
    many = list(Unit.objects.filter(hospital=demo).select_related("hospital"))
    assert len(many) >= 12
    for source in evidence_sources():
        for level in (1, 3, 5):
            assert _queries(source.provider, few, level) == _queries(source.provider, many, level), source.code


@pytest.fixture
def department(demo) -> Unit:
    return Unit.objects.get(name=PERSONA_DEPARTMENT)


def test_channel_plans_of_active_channels_approved_and_evaluated(department):
    channel = Channel.objects.filter(unit=department).select_related("plan").first()
    channel.status = Channel.Status.ACTIVE
    channel.save()
    evidence = channel_plans_evidence([department], 3, TODAY)[department.pk]
    assert evidence.status == EvidenceStatus.MET  # the demo plan's evaluation date is six months ahead
    late = TODAY + datetime.timedelta(days=365)
    overdue = channel_plans_evidence([department], 3, late)[department.pk]
    assert overdue.status == EvidenceStatus.NOT_MET and overdue.fix_url == registry_url(department.pk)
    assert channel_plans_evidence([department], 1, TODAY) == {}  # level 1 does not ask for plans


def test_calendar_in_use_for_units_that_post(demo, department):
    quiet = unit_at(hospital=demo, name="Stille afdeling", current=3, target=3)
    answers = calendar_in_use_evidence([department, quiet], 3, TODAY)
    assert answers[quiet.pk].status == EvidenceStatus.NOT_APPLICABLE  # it may not post, so nothing is asked of it
    planned = ContentProposal.objects.filter(unit=department, status__in=["scheduled", "published"]).exists()
    assert answers[department.pk].status == (EvidenceStatus.MET if planned else EvidenceStatus.NOT_MET)


def test_proposal_share_not_applicable_to_a_department_not_enrolled_without_published_posts(demo):
    quiet = unit_at(hospital=demo, name="Stille afdeling", current=3, target=3)
    assert proposal_share_evidence([quiet], 3, TODAY)[quiet.pk].status == EvidenceStatus.NOT_APPLICABLE


def test_missed_check_alerts_make_the_duty_not_met_while_open(department):
    channel = Channel.objects.filter(unit=department).first()
    channel.status = Channel.Status.ACTIVE
    channel.save()
    assert monitoring_duties_evidence([department], 3, TODAY)[department.pk].status == EvidenceStatus.MET
    alert = Alert.objects.create(
        key="missed_check:test",
        cause=Alert.Cause.MISSED_CHECK,
        hospital=department.hospital,
        unit=department,
        channel=channel,
        opened_at=timezone.now() - datetime.timedelta(hours=2),
    )
    assert monitoring_duties_evidence([department], 3, TODAY)[department.pk].status == EvidenceStatus.NOT_MET
    alert.closed_at = timezone.now()
    alert.save()
    evidence = monitoring_duties_evidence([department], 3, TODAY)[department.pk]
    assert evidence.status == EvidenceStatus.PARTLY_MET
    assert evidence.summary == "1 missed checks in the last 30 days, 0 still open"


def test_answer_deadlines_only_where_the_scale_asks(department):
    assert answer_deadlines_evidence([department], 1, TODAY) == {}
    answers = answer_deadlines_evidence([department], 3, TODAY)
    if department.pk in answers:
        assert answers[department.pk].status in set(EvidenceStatus)
