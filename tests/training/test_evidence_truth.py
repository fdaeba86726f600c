"""One truth for the training evidence: what the gap report says of a department's training is what its training
needs page shows when judged at the same level (the report's link), and no unit passes training by default."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from governance.models import Unit, User
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from maturity.evidence import EvidenceStatus
from maturity.gaps.engine import unit_gap_report
from tests.gap_factories import unit_at
from tests.training_factories import course, member_make
from training.evidence import training_coverage_evidence, training_needs_url
from training.services.catalogue import course_update
from training.services.completions import completion_record_external

pytestmark = pytest.mark.django_db


def _today() -> datetime.date:
    return timezone.localdate()


def _training_evidence(unit: Unit, level: int):
    """What the unit's gap report at ``level`` says of training, in the department's own part."""
    with translation.override("en"):
        report = unit_gap_report(unit, today=_today(), level=level)
    items = [item for item in report.items if item.source == "training_coverage" and not item.is_hospital_part]
    assert items, "training is not in the department's part"
    return items[0].evidence


def _page(client, unit: Unit, level: int):
    response = client.get(training_needs_url(unit.pk, level), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response


@pytest.fixture
def department(demo) -> Unit:
    return Unit.objects.get(name=PERSONA_DEPARTMENT)


def test_people_trained_are_the_training_needs_pages_at_the_same_level(department, client_as):
    lead, client = User.objects.get(username="lead"), client_as("lead")

    def report_figures() -> tuple[int, int]:
        evidence = _training_evidence(department, 3)
        match = re.search(r"(\d+) of (\d+) required people trained", evidence.summary)
        assert match, evidence.summary
        assert evidence.status == EvidenceStatus.MET or evidence.fix_url == training_needs_url(department.pk, 3)
        return int(match[1]), int(match[2])

    def page_figures() -> tuple[int, int]:
        at_level = _page(client, department, 3).context["at_level"]
        return at_level.trained_count, at_level.required_count

    trained, required = report_figures()
    assert (trained, required) == page_figures()
    assert trained < required  # the demo department lacks some courses
    at_level = _page(client, department, 3).context["at_level"]
    person = User.objects.get(pk=sorted(at_level.lacking_user_ids)[0])
    missing = [
        entry.course for entry in at_level.courses if person.pk in entry.required_user_ids - entry.trained_user_ids
    ]
    for needed in missing:
        completion_record_external(
            person=person, course=needed, completed_on=_today(), evidence="E-learning", acting_user=lead
        )
    assert report_figures() == page_figures() == (trained + 1, required)
    html = _page(client, department, 3).content.decode()
    assert f"{trained + 1} of {required} required people trained" in html


def test_a_department_without_members_does_not_pass_training(demo, client_as):
    empty = unit_at(hospital=demo, name="Tom afdeling", current=3, target=3)
    evidence = _training_evidence(empty, 3)
    assert evidence.status == EvidenceStatus.NOT_MET
    assert evidence.summary.startswith("The unit has no members yet")
    assert evidence.fix_url == training_needs_url(empty.pk, 3)
    assert "The unit has no members yet" in _page(client_as("lead"), empty, 3).content.decode()


def test_nobody_in_the_audience_is_not_met_and_a_unit_the_courses_are_not_for_is_not_applicable(demo, client_as):
    lead = User.objects.get(username="lead")
    for code in ("intro", "managers"):  # leave the level's department courses only
        course_update(course=course(code), data={"is_active": False}, acting_user=lead)
    department = unit_at(hospital=demo, name="Ledelsesafdeling", current=3, target=3)
    member_make(unit=department, role_code="manager")
    communication = Unit.objects.get(hospital=demo, kind=Unit.Kind.COMMUNICATION)
    answers = training_coverage_evidence([department, communication], 3, _today())
    assert answers[department.pk].status == EvidenceStatus.NOT_MET
    assert "nobody holds the roles the courses are for" in answers[department.pk].summary
    assert any("Content on social media" in line for line in answers[department.pk].details)
    assert "nobody holds the roles" in _page(client_as("lead"), department, 3).content.decode()
    assert answers[communication.pk].status == EvidenceStatus.NOT_APPLICABLE


def test_every_unit_gets_an_answer_where_training_is_asked(demo, department):
    units = list(Unit.objects.filter(hospital=demo))
    for level in (2, 3, 4, 5):
        assert set(training_coverage_evidence(units, level, _today())) == {unit.pk for unit in units}
    assert training_coverage_evidence(units, 1, _today()) == {}  # level 1 has no training line
