"""The gap engine: items per dimension, self-assessments, the assessed level, snapshots."""

import datetime

import pytest

from governance.audit import save_as
from governance.models import Unit
from maturity.evidence import EvidenceStatus
from maturity.exceptions import MaturityError
from maturity.gaps.engine import unit_gap_report, unit_gap_reports
from maturity.gaps.services import gap_snapshots_take, self_assessment_answer, self_assessment_review
from maturity.models import SELF_ASSESSED, GapSnapshot, Requirement, SelfAssessment
from tests.gap_factories import registered_provider, unit_at

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture
def department(demo) -> Unit:
    return Unit.objects.select_related("maturity__target_level", "maturity__current_level").get(
        name="Hjertemedicinsk afdeling"
    )


def test_report_defaults_to_the_target_level_and_lists_missing_pieces_first(department):
    report = unit_gap_report(department, today=TODAY)
    assert (report.level, report.current_level, report.target_level) == (4, 3, 4)
    done = {EvidenceStatus.MET, EvidenceStatus.NOT_APPLICABLE}
    for dimension in report.dimensions:
        assert dimension.items == dimension.hospital_items + dimension.department_items  # the hospital's part first
        for items in (dimension.hospital_items, dimension.department_items):
            done_seen = False
            for item in items:
                done_seen = done_seen or item.status in done
                assert not (done_seen and item.status not in done)
    texts = [item.title for item in report.items]
    assert "Educating users" in texts  # level 2, inherited by level 4's content strategy
    resources = next(d for d in report.dimensions if d.dimension.code == "resources")
    assert "roles_staffed" in [item.source for item in resources.items]


def _department_line() -> Requirement:
    """Level 2's "All departments: departments must be ready to give input to the dialogue"."""
    return Requirement.objects.get(
        evidence_source=SELF_ASSESSED, scope=Requirement.Scope.DEPARTMENT, cell__level__number=2
    )


def test_unanswered_self_assessment_is_not_evidenced_and_links_to_the_form(department):
    report = unit_gap_report(department, today=TODAY, level=2)
    communication = Unit.objects.get(hospital=department.hospital, kind=Unit.Kind.COMMUNICATION)
    hospital_item = next(item for item in report.items if item.is_self_assessed and item.is_hospital_part)
    assert hospital_item.status == EvidenceStatus.NOT_EVIDENCED
    # A hospital line is answered by the communication unit: its page, its lead.
    assert hospital_item.evidence.fix_url.endswith(
        f"/units/{communication.pk}/requirements/{hospital_item.requirements[0].pk}/"
    )
    assert hospital_item.evidence.fix_by == "The communication unit lead"
    own = next(item for item in report.items if item.is_self_assessed and not item.is_hospital_part)
    assert own.requirements == (_department_line(),)
    assert own.evidence.fix_url.endswith(f"/units/{department.pk}/requirements/{own.requirements[0].pk}/")
    assert own.evidence.fix_by == "The department's manager"


def test_pending_self_assessment_counts_only_once_accepted(department, people):
    requirement = _department_line()
    assessment = self_assessment_answer(
        unit=department, requirement=requirement, answer="met", evidence="Vi svarer.", acting_user=people["manager"]
    )
    item = next(i for i in unit_gap_report(department, today=TODAY, level=2).items if requirement in i.requirements)
    assert item.status == EvidenceStatus.NOT_EVIDENCED
    assert "waiting for review" in item.evidence.summary
    self_assessment_review(assessment=assessment, accept=True, comment="", acting_user=people["lead"])
    item = next(i for i in unit_gap_report(department, today=TODAY, level=2).items if requirement in i.requirements)
    assert item.status == EvidenceStatus.MET


def test_only_the_manager_answers_and_only_the_communication_unit_reviews(department, people):
    requirement = _department_line()
    with pytest.raises(MaturityError, match="manager"):
        self_assessment_answer(
            unit=department, requirement=requirement, answer="met", evidence="x", acting_user=people["producer"]
        )
    assessment = self_assessment_answer(
        unit=department, requirement=requirement, answer="partly_met", evidence="x", acting_user=people["manager"]
    )
    with pytest.raises(MaturityError, match="communication unit"):
        self_assessment_review(assessment=assessment, accept=True, comment="", acting_user=people["manager"])
    with pytest.raises(MaturityError, match="why"):
        self_assessment_review(assessment=assessment, accept=False, comment=" ", acting_user=people["lead"])
    rejected = self_assessment_review(
        assessment=assessment, accept=False, comment="Vis det", acting_user=people["lead"]
    )
    assert rejected.review == SelfAssessment.Review.REJECTED
    with pytest.raises(MaturityError, match="already"):
        self_assessment_review(assessment=assessment, accept=True, comment="", acting_user=people["lead"])
    again = self_assessment_answer(
        unit=department, requirement=requirement, answer="met", evidence="Nu", acting_user=people["manager"]
    )
    assert again.pk == assessment.pk and again.review == SelfAssessment.Review.PENDING
    assert again.history.count() == 3


def test_a_requirement_shown_by_data_cannot_be_self_assessed(department, people):
    requirement = Requirement.objects.exclude(evidence_source=SELF_ASSESSED).first()
    with pytest.raises(MaturityError, match="data"):
        self_assessment_answer(
            unit=department, requirement=requirement, answer="met", evidence="x", acting_user=people["manager"]
        )


def test_lines_of_a_source_nobody_registered_are_not_evidenced(department, people):
    requirement = Requirement.objects.get(cell__level__number=1, cell__dimension__code="effect", order=1)
    requirement.evidence_source = "not_built_yet"
    save_as(requirement, people["admin"])
    report = unit_gap_report(department, today=TODAY, level=1)
    item = next(item for item in report.items if item.source == "not_built_yet")
    assert item.status == EvidenceStatus.NOT_EVIDENCED
    assert item.evidence.summary == "The app does not collect this evidence yet"
    assert item.requirements == (requirement,)


def test_monthly_snapshot_is_taken_once_per_unit_and_month(demo, department):
    taken = gap_snapshots_take(hospital_id=demo.pk, today=TODAY)
    assert taken == Unit.objects.filter(hospital=demo).count()
    assert gap_snapshots_take(hospital_id=demo.pk, today=TODAY + datetime.timedelta(days=5)) == 0
    snapshot = GapSnapshot.objects.get(unit=department, month=datetime.date(2026, 11, 1))
    assert snapshot.report_level == 4
    assert set(snapshot.counts) >= {"resources", "response"}
    assert gap_snapshots_take(hospital_id=demo.pk, today=datetime.date(2026, 12, 1)) == taken


def test_reports_for_many_units_ask_each_source_once_per_level(demo, django_assert_max_num_queries):
    units = [unit_at(hospital=demo, name=f"Afdeling {n}", current=2, target=3) for n in range(3)]
    calls = []

    def counting(units_asked, level_number, today):
        calls.append((len(units_asked), level_number))
        return {}

    with registered_provider(code="counting", dimension="effect", provider=counting):
        unit_gap_reports(units, today=TODAY)
    # The three departments and their hospital's communication unit, which answers the hospital's part.
    assert calls == [(4, 1), (4, 2), (4, 3), (4, 4), (4, 5)]


def test_the_monthly_task_takes_this_months_snapshots_once(demo):
    from maturity.tasks import take_monthly_gap_snapshots

    assert take_monthly_gap_snapshots() == Unit.objects.count()
    assert take_monthly_gap_snapshots() == 0
