"""A department's report in two parts and its assessed level: the hospital's part (the communication unit acts), the
department's own part, which part blocks the next level, lines that do not reach a department, no silent passes,
and the pages that explain it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from channels_plan.services import posting_enrolment_grant
from governance.models import Unit, User
from maturity.evidence import EvidenceStatus
from maturity.exceptions import MaturityError
from maturity.gaps.engine import DEPARTMENT_PART, HOSPITAL_PART, unit_gap_reports
from maturity.gaps.export import report_verdict
from maturity.gaps.services import self_assessment_answer, self_assessment_review
from maturity.models import Dimension, Requirement, SelfAssessment
from tests.gap_factories import fake_provided_sources, hospital_at_level, registered_provider, staff, unit_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]


def _reports(built, level=None):
    with fake_provided_sources(built):
        return unit_gap_reports(built.units(), today=timezone.localdate(), level=level)


def unit_at_loaded(unit: Unit) -> Unit:
    return Unit.objects.select_related("hospital", "maturity__current_level", "maturity__target_level").get(pk=unit.pk)


def _log_in(client, user: User) -> None:
    """Log in as the person as stored (the factories leave the in-memory password unsaved)."""
    client.force_login(User.objects.get(pk=user.pk))


def _line(level: int, dimension: str, order: int) -> Requirement:
    return Requirement.objects.get(cell__level__number=level, cell__dimension__code=dimension, order=order)


def test_the_hospitals_part_blocks_when_the_communication_unit_has_not_answered_a_hospital_line():
    centre = _line(2, "organisation", 1)  # "The central communications unit is responsible for …" (hospital)
    built = hospital_at_level(2, without=centre)
    report = _reports(built)[built.department.pk]
    assert (report.assessed_level, report.next_level) == (1, 2)
    assert report.part_levels == {HOSPITAL_PART: 1, DEPARTMENT_PART: 2}
    assert report.blocking_parts == [HOSPITAL_PART]
    [(dimension, item)] = report.blocked_by
    assert (dimension.code, item.part, item.requirements) == ("organisation", HOSPITAL_PART, (centre,))
    # Answered by the communication unit, on the communication unit's page.
    assert item.evidence.fix_by == "The communication unit lead"
    assert item.evidence.fix_url == reverse("gaps:answer", args=[built.communication.pk, centre.pk])
    assert report_verdict(report).startswith("Assessed at level 1. Level 2 is blocked by: ")
    # The communication unit's own report is the hospital's part, blocked by the same line.
    own = _reports(built)[built.communication.pk]
    assert own.parts == (HOSPITAL_PART,) and own.assessed_level == 1
    assert not any(item.part == DEPARTMENT_PART for item in own.items)
    assert [item for _dimension, item in own.blocked_by] == [item]


def test_the_departments_part_blocks_when_its_own_line_is_missing():
    ready = _line(2, "resources", 4)  # "All departments: … ready to give input to the dialogue"
    built = hospital_at_level(2, without=ready)
    report = _reports(built)[built.department.pk]
    assert report.part_levels == {HOSPITAL_PART: 2, DEPARTMENT_PART: 1}
    assert (report.assessed_level, report.blocking_parts) == (1, [DEPARTMENT_PART])
    [(_dimension, item)] = report.blocked_by
    assert item.requirements == (ready,) and item.evidence.fix_by == "The department's manager"
    assert _reports(built)[built.communication.pk].assessed_level == 2  # the hospital itself is at level 2


def test_a_department_manager_is_never_asked_a_hospital_line_nor_the_communication_unit_a_department_line(
    client,
):
    built = hospital_at_level(1)
    hospital_line = _line(2, "organisation", 1)
    department_line = _line(2, "resources", 4)
    with pytest.raises(MaturityError, match="communication unit answers"):
        self_assessment_answer(
            unit=built.department, requirement=hospital_line, answer="met", evidence="x", acting_user=built.manager
        )
    with pytest.raises(MaturityError, match="asked of the departments"):
        self_assessment_answer(
            unit=built.communication, requirement=department_line, answer="met", evidence="x", acting_user=built.lead
        )
    _log_in(client, built.manager)
    assert client.get(reverse("gaps:answer", args=[built.department.pk, hospital_line.pk])).status_code == 404
    assert client.get(reverse("gaps:answer", args=[built.department.pk, department_line.pk])).status_code == 200
    report = _reports(built, level=2)[built.department.pk]
    asked_of_the_manager = [
        item for item in report.items if item.is_self_assessed and item.evidence.fix_by == "The department's manager"
    ]
    assert [item.requirements for item in asked_of_the_manager] == [(department_line,)]


def test_lines_of_posting_departments_do_not_apply_to_a_department_not_enrolled():
    built = hospital_at_level(3)
    other = unit_at(hospital=built.hospital, name="Ikke tilmeldt", current=3, target=3)
    staff(other, "manager", f"other-manager-{other.pk}")
    with fake_provided_sources(built):
        report = unit_gap_reports([other], today=timezone.localdate())[other.pk]
    posting = [
        item for item in report.items if item.requirements and item.requirements[0].scope == "posting_departments"
    ]
    assert posting and all(item.status == EvidenceStatus.NOT_APPLICABLE for item in posting)
    assert all("not enrolled" in item.evidence.summary for item in posting)
    # Its own part asks what every department gives: its readiness and its training (met by the stand-in).
    blocking = {item.requirements for _dimension, item in report.blocked_by}
    assert blocking == {(_line(2, "resources", 4),)}
    assert report.part_levels[HOSPITAL_PART] == 3
    # Enrolled, the posting departments' head-counts apply: no producer, no flowmanager yet.
    posting_enrolment_grant(unit=other, acting_user=built.lead)
    with fake_provided_sources(built):
        report = unit_gap_reports([other], today=timezone.localdate(), level=3)[other.pk]
    resources = next(dimension for dimension in report.dimensions if dimension.dimension.code == "resources")
    roles = next(item for item in resources.department_items if item.source == "roles_staffed")
    assert roles.status == EvidenceStatus.NOT_MET
    assert roles.evidence.fix_url == reverse("unit_people", args=[other.pk])


def test_a_source_with_lines_in_force_and_no_answer_is_shown_not_evidenced_with_the_reason():
    built = hospital_at_level(2)

    def silent(units, level_number, today):
        return {}

    with (
        fake_provided_sources(built),
        registered_provider(code="metrics_collected", dimension="effect", provider=silent),
    ):
        report = unit_gap_reports(built.units(), today=timezone.localdate())[built.department.pk]
    item = next(item for item in report.items if item.source == "metrics_collected")
    assert item.status == EvidenceStatus.NOT_EVIDENCED and item.part == HOSPITAL_PART
    assert item.evidence.summary == "Not evidenced: “metrics_collected” found nothing to judge for Kommunikation"
    assert report.assessed_level == 0  # level 1 asks for followers too: nothing passes silently


def test_every_dimension_of_the_level_appears_in_both_parts_of_the_page(client):
    built = hospital_at_level(1)
    _log_in(client, built.manager)
    with fake_provided_sources(built):
        html = client.get(reverse("gaps:unit", args=[built.department.pk])).content.decode()
    for dimension in Dimension.objects.all():
        assert f'id="dimension-hospital-{dimension.code}"' in html
        assert f'id="dimension-department-{dimension.code}"' in html
    assert "Level 1 asks nothing of the department here." in html


def test_the_page_explains_the_level_and_shows_fix_links_the_reader_may_open(client):
    built = hospital_at_level(2, without=_line(2, "organisation", 1))
    answer_url = reverse("gaps:answer", args=[built.communication.pk, _line(2, "organisation", 1).pk])
    _log_in(client, built.manager)
    with fake_provided_sources(built):
        html = client.get(reverse("gaps:unit", args=[built.department.pk])).content.decode()
    assert "Assessed at level 1." in html and "Level 2 is blocked by:" in html
    assert "The hospital's part blocks level 2: the communication unit acts." in html
    assert answer_url not in html  # the manager cannot open the communication unit's pages
    _log_in(client, built.lead)
    with fake_provided_sources(built):
        html = client.get(reverse("gaps:unit", args=[built.department.pk])).content.decode()
    assert answer_url in html


def test_the_overview_shows_assessed_current_and_target_in_a_fixed_number_of_queries(client):
    built = hospital_at_level(3)
    _log_in(client, built.lead)
    url = reverse("gaps:hospital") + f"?hospital={built.hospital.pk}"

    def count_queries() -> int:
        with fake_provided_sources(built), CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    few = count_queries()
    for number in range(8):
        extra = unit_at(hospital=built.hospital, name=f"Afdeling {number}", current=2 + number % 3, target=4)
        if number % 3:  # level 3 or 4: the communication unit selects it to post
            posting_enrolment_grant(unit=extra, acting_user=built.lead)
    many = count_queries()
    assert many == few
    with fake_provided_sources(built):
        html = client.get(url).content.decode()
    assert '<th scope="col">Current</th>' in html
    row = html[html.index(f'href="{reverse("gaps:unit", args=[built.department.pk])}"') :]
    cells = [cell.split(">", 1)[1].split("<", 1)[0].strip() for cell in row.split("<td")[1:4]]
    assert cells == ["3", "3", "3"]  # assessed, current, target


def test_an_answer_to_a_hospital_line_counts_for_every_department_of_the_hospital():
    centre = _line(2, "organisation", 1)
    built = hospital_at_level(2, without=centre)
    second = unit_at(hospital=built.hospital, name="Anden afdeling", current=2, target=2)
    manager = staff(second, "manager", f"second-manager-{second.pk}").user
    ready = _line(2, "resources", 4)
    answer = self_assessment_answer(unit=second, requirement=ready, answer="met", evidence="Ja.", acting_user=manager)
    self_assessment_review(assessment=answer, accept=True, comment="", acting_user=built.lead)
    answer = self_assessment_answer(
        unit=built.communication, requirement=centre, answer="met", evidence="Ja.", acting_user=built.lead
    )
    units = [*built.units(), unit_at_loaded(second)]
    with fake_provided_sources(built):
        before = unit_gap_reports(units, today=timezone.localdate())
    assert {before[unit.pk].assessed_level for unit in units} == {1}  # waiting for review
    self_assessment_review(assessment=answer, accept=True, comment="", acting_user=built.lead)
    with fake_provided_sources(built):
        after = unit_gap_reports(units, today=timezone.localdate())
    assert {after[unit.pk].assessed_level for unit in units} == {2}
    assert SelfAssessment.objects.filter(requirement=centre).count() == 1
