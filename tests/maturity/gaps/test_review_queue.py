"""Self-assessments waiting for review are on the reviewers' dashboard (the communication unit's reviewers), with a
link to each review; nobody else is shown them, and the queue costs the same number of queries however long it is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Unit, User
from governance.permissions import actor_for
from hospital_some.dashboard import WAITING_LIMIT
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from maturity.exceptions import MaturityError
from maturity.gaps.review_queue import self_assessment_review_url, self_assessments_to_review
from maturity.gaps.services import self_assessment_answer, self_assessment_review
from maturity.models import SELF_ASSESSED, Requirement, SelfAssessment
from tests.factories import HospitalFactory, UnitFactory, UserFactory, membership_make

pytestmark = pytest.mark.django_db


def _answer(unit: Unit, manager: User) -> SelfAssessment:
    """The manager answers the first self-assessed line the scale asks of the unit."""
    for requirement in Requirement.objects.filter(evidence_source=SELF_ASSESSED).order_by("cell__level__number", "pk"):
        try:
            return self_assessment_answer(
                unit=unit, requirement=requirement, answer="met", evidence="Vi gør det.", acting_user=manager
            )
        except MaturityError:
            continue
    raise AssertionError("No self-assessed line the manager may answer")


def _waiting_labels(client) -> list[str]:
    return [item["label"] for item in client.get(reverse("home")).context["waiting"]]


def test_the_lead_finds_a_waiting_self_assessment_and_the_producer_does_not(client_as, people, pages_in_english):
    department = Unit.objects.get(name=PERSONA_DEPARTMENT)
    assessment = _answer(department, people["manager"])
    response = client_as("lead").get(reverse("home"))
    items = [item for item in response.context["waiting"] if item["label"].startswith("Review the self-assessment")]
    assert len(items) == 1
    assert PERSONA_DEPARTMENT in items[0]["label"]
    assert items[0]["url"] == self_assessment_review_url(assessment)
    assert items[0]["url"].startswith(reverse("gaps:answer", args=[department.pk, assessment.requirement_id]))
    assert f'href="{items[0]["url"]}"' in response.content.decode()
    # The link opens the page with the review form for the lead.
    page = client_as("lead").get(items[0]["url"])
    assert page.status_code == 200 and page.context["review_form"] is not None
    for persona in ("producer", "flowmanager", "manager"):
        assert not any(label.startswith("Review the self-assessment") for label in _waiting_labels(client_as(persona)))
    assert any(label.startswith("Review the self-assessment") for label in _waiting_labels(client_as("community")))


def test_a_reviewed_self_assessment_leaves_the_queue(people):
    assessment = _answer(Unit.objects.get(name=PERSONA_DEPARTMENT), people["manager"])
    lead = actor_for(people["lead"])
    assert self_assessments_to_review(actor=lead, limit=10) == [assessment]
    self_assessment_review(assessment=assessment, accept=True, comment="", acting_user=people["lead"])
    assert self_assessments_to_review(actor=lead, limit=10) == []


def test_another_hospitals_self_assessments_are_not_in_the_queue(people):
    foreign = UnitFactory(hospital=HospitalFactory(), name="Fremmed afdeling")
    manager = UserFactory(username="foreign-manager")
    membership_make(user=manager, unit=foreign, role_code="manager")
    _answer(foreign, manager)
    assert self_assessments_to_review(actor=actor_for(people["lead"]), limit=10) == []
    assert self_assessments_to_review(actor=actor_for(people["admin"]), limit=10) == []  # admins do not review


def test_the_queue_takes_one_query_for_a_reviewer_and_none_for_others(people, django_assert_num_queries):
    _answer(Unit.objects.get(name=PERSONA_DEPARTMENT), people["manager"])
    lead, producer = actor_for(people["lead"]), actor_for(people["producer"])
    with django_assert_num_queries(1):
        queue = self_assessments_to_review(actor=lead, limit=10)
        assert [(item.unit.name, item.requirement.cell.level.number) for item in queue]
    with django_assert_num_queries(0):
        assert self_assessments_to_review(actor=producer, limit=10) == []


def test_the_dashboard_shows_the_oldest_ten_with_a_constant_number_of_queries(client_as, people, pages_in_english):
    department = Unit.objects.get(name=PERSONA_DEPARTMENT)
    _answer(department, people["manager"])
    client = client_as("lead")
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as one_waiting:
        client.get(reverse("home"))
    for index in range(WAITING_LIMIT + 2):
        unit = UnitFactory(hospital=department.hospital, name=f"Afdeling {index:02d}")
        manager = UserFactory(username=f"manager-{index}")
        membership_make(user=manager, unit=unit, role_code="manager")
        _answer(unit, manager)
    with CaptureQueriesContext(connection) as many_waiting:
        response = client.get(reverse("home"))
    assert len(many_waiting) == len(one_waiting)
    labels = [item["label"] for item in response.context["waiting"]]
    reviews = [label for label in labels if label.startswith("Review the self-assessment")]
    assert len(reviews) == WAITING_LIMIT
    assert PERSONA_DEPARTMENT in reviews[0]  # the longest waiting first
    assert "All units' gap reports" in labels
