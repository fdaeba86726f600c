"""Maturity's own checks of governance: roles staffed, back-ups, guidelines approved and current."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from channels_plan.services import posting_enrolment_grant
from governance.models import Unit
from maturity.evidence import EvidenceStatus
from maturity.gaps.governance_checks import follow_group, guidelines_current, role_backups, roles_staffed
from tests.gap_factories import staff, unit_at


@pytest.fixture
def communication(demo) -> Unit:
    return Unit.objects.get(hospital=demo, kind=Unit.Kind.COMMUNICATION)


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


def test_central_roles_not_met_when_no_one_holds_the_required_role(communication, today):
    # Level 1 asks the communication unit for one producer; the demo's unit has a strategist and a community manager.
    evidence = roles_staffed([communication], 1, today)[communication.pk]
    assert evidence.status == EvidenceStatus.NOT_MET
    assert "Social Media Producer/Coordinator: 0 of 1" in evidence.details
    # Roles are staffed on the unit's people page, which the unit's manager (here the lead) may open.
    assert evidence.fix_url == reverse("unit_people", args=[communication.pk])
    assert evidence.fix_by == "The communication unit lead"


def test_central_roles_met_once_the_minimum_head_count_is_reached(communication, today):
    staff(communication, "producer", "central-producer")
    evidence = roles_staffed([communication], 1, today)[communication.pk]
    assert evidence.status == EvidenceStatus.MET
    assert evidence.fix_url == ""


def test_central_roles_partly_met_below_a_minimum_of_two(communication, today):
    # Level 3: strategist, flowmanager, two community managers, a producer; the demo has one community manager.
    staff(communication, "flowmanager", "central-flow")
    staff(communication, "producer", "central-producer")
    evidence = roles_staffed([communication], 3, today)[communication.pk]
    assert evidence.status == EvidenceStatus.PARTLY_MET
    assert "Community Manager: 1 of 2" in evidence.details
    staff(communication, "community_manager", "second-community")
    assert roles_staffed([communication], 3, today)[communication.pk].status == EvidenceStatus.MET


def test_department_is_checked_against_the_posting_department_scope(demo, people, today):
    department = unit_at(hospital=demo, name="Ny afdeling", current=3, target=3)
    # Not enrolled to post: the posting departments' head-counts do not apply ("0 of 2 roles staffed" no more).
    assert roles_staffed([department], 3, today)[department.pk].status == EvidenceStatus.NOT_APPLICABLE
    posting_enrolment_grant(unit=department, acting_user=people["lead"])
    assert roles_staffed([department], 1, today)[department.pk].status == EvidenceStatus.NOT_APPLICABLE
    evidence = roles_staffed([department], 3, today)[department.pk]
    assert evidence.status == EvidenceStatus.NOT_MET
    assert evidence.fix_url == reverse("unit_people", args=[department.pk])
    assert evidence.fix_by == "The department's manager"
    staff(department, "flowmanager", "dept-flow")
    assert roles_staffed([department], 3, today)[department.pk].status == EvidenceStatus.PARTLY_MET
    staff(department, "producer", "dept-producer")
    assert roles_staffed([department], 3, today)[department.pk].status == EvidenceStatus.MET


def test_backup_present_only_when_a_member_stands_in_for_the_holder(communication, today):
    producer = staff(communication, "producer", "central-producer")
    evidence = role_backups([communication], 1, today)[communication.pk]
    assert evidence.status == EvidenceStatus.NOT_MET
    assert "Social Media Producer/Coordinator: 0 of 1 holders have a back-up" in evidence.details
    staff(communication, "producer", "stand-in", backup_for=producer)
    # The stand-in is a producer too, without a back-up of their own: one of two holders covered.
    assert role_backups([communication], 1, today)[communication.pk].status == EvidenceStatus.NOT_MET
    staff(communication, "community_manager", "stand-in-2", backup_for=staff(communication, "producer", "stand-in"))
    assert role_backups([communication], 1, today)[communication.pk].status == EvidenceStatus.MET


def test_guidelines_approved_and_current_then_overdue(communication, today):
    # The demo approves the level 1–3 response guidelines today.
    assert guidelines_current([communication], 3, today)[communication.pk].status == EvidenceStatus.MET
    later = today + datetime.timedelta(days=365 * 5)
    overdue = guidelines_current([communication], 3, later)[communication.pk]
    assert overdue.status == EvidenceStatus.NOT_MET
    assert "Crisis plan: overdue for review" in overdue.details
    assert overdue.fix_url == "/guidelines/"


def test_guidelines_missing_at_a_level_that_asks_for_more(communication, today):
    evidence = guidelines_current([communication], 4, today)[communication.pk]
    assert evidence.status == EvidenceStatus.PARTLY_MET
    assert "Handling of user involvement: no approved version" in evidence.details


def test_follow_group_asked_only_from_level_4(demo, communication, today):
    assert follow_group([communication], 3, today) == {}
    evidence = follow_group([communication], 4, today)[communication.pk]
    assert evidence.status in {EvidenceStatus.MET, EvidenceStatus.PARTLY_MET}
    assert "members from" in evidence.summary
