"""The gap engine's training evidence: met, partly met, not met, and units the level asks nothing of."""

import datetime

import pytest
from django.urls import reverse

from maturity.evidence import EvidenceStatus, evidence_sources
from tests.training_factories import completion_make, course, member_make, unit_at_levels
from training.evidence import training_coverage_evidence

TODAY = datetime.date(2027, 3, 1)
pytestmark = pytest.mark.django_db


def department_with_producers(count: int, trained: int, *, current: int = 3):
    department = unit_at_levels(current=current, target=current)
    producers = [member_make(unit=department, role_code="producer") for _ in range(count)]
    for producer in producers[:trained]:
        completion_make(user=producer, course=course("intro"), completed_on=TODAY)
        completion_make(user=producer, course=course("content"), completed_on=TODAY)
    return department


def test_the_provider_is_registered_for_the_training_dimension():
    (source,) = [source for source in evidence_sources() if source.code == "training_coverage"]
    assert source.dimension == "training"
    assert source.provider is training_coverage_evidence


def test_every_required_person_trained_is_met():
    department = department_with_producers(2, trained=2)
    evidence = training_coverage_evidence([department], 3, TODAY)[department.pk]
    assert evidence.status == EvidenceStatus.MET
    assert evidence.summary == "2 of 2 required people trained"
    assert (evidence.fix_url, evidence.fix_by) == ("", "")


def test_at_least_half_is_partly_met_and_names_the_numbers_and_the_fix():
    department = department_with_producers(9, trained=7)
    manager = member_make(unit=department, role_code="manager", first_name="Mads", last_name="Krogh")
    completion_make(user=manager, course=course("intro"), completed_on=TODAY)
    completion_make(user=manager, course=course("managers"), completed_on=TODAY)
    evidence = training_coverage_evidence([department], 3, TODAY)[department.pk]
    assert evidence.status == EvidenceStatus.PARTLY_MET
    assert evidence.summary == "8 of 10 required people trained"
    assert evidence.fix_url == reverse("training_needs:unit", kwargs={"unit_id": department.pk}) + "?level=3"
    assert evidence.fix_by == "Mads Krogh"
    assert "Content on social media: 7 of 9" in evidence.details


def test_less_than_half_is_not_met_and_an_expired_completion_does_not_count():
    department = department_with_producers(3, trained=1)
    producer = department.memberships.order_by("pk").last().user
    completion_make(user=producer, course=course("intro"), completed_on=TODAY, expires_on=TODAY.replace(year=2026))
    completion_make(user=producer, course=course("content"), completed_on=TODAY, expires_on=TODAY.replace(year=2026))
    evidence = training_coverage_evidence([department], 3, TODAY)[department.pk]
    assert evidence.status == EvidenceStatus.NOT_MET
    assert evidence.summary == "1 of 3 required people trained"
    assert evidence.fix_by == "The unit's manager"


def test_no_unit_passes_by_default_where_the_level_asks_for_courses():
    department = department_with_producers(2, trained=0)
    empty = unit_at_levels(current=3, target=3)
    assert training_coverage_evidence([department, empty], 1, TODAY) == {}  # level 1 has no training line
    answers = training_coverage_evidence([department, empty], 2, TODAY)
    assert answers[department.pk].status == EvidenceStatus.NOT_MET
    assert answers[empty.pk].status == EvidenceStatus.NOT_MET
    assert answers[empty.pk].summary.startswith("The unit has no members yet")


def test_the_queries_do_not_grow_with_the_units(django_assert_num_queries):
    few = [department_with_producers(2, trained=1) for _ in range(2)]
    many = few + [department_with_producers(3, trained=2) for _ in range(6)]
    # Which levels ask, the courses (3), the members, the completions and the managers.
    with django_assert_num_queries(7):
        training_coverage_evidence(few, 3, TODAY)
    with django_assert_num_queries(7):
        assert len(training_coverage_evidence(many, 3, TODAY)) == 8
