"""The gap engine: items per dimension, self-assessments, the assessed level, snapshots."""

import datetime

import pytest
from django.utils import timezone

from governance.audit import save_as
from governance.models import Role, Unit
from governance.services import membership_ensure
from maturity.evidence import Evidence, EvidenceStatus
from maturity.exceptions import MaturityError
from maturity.gaps.engine import unit_gap_report, unit_gap_reports
from maturity.gaps.services import gap_snapshots_take, self_assessment_answer, self_assessment_review
from maturity.models import SELF_ASSESSED, GapSnapshot, Requirement, SelfAssessment
from tests.gap_factories import data_sources_met, registered_provider, unit_at

DATA_SOURCES = (
    "channel_plans",
    "calendar_in_use",
    "proposal_share",
    "monitoring_duties",
    "answer_deadlines",
    "metrics_collected",
    "training_coverage",
)

TODAY = datetime.date(2026, 11, 20)


def _accept_all_self_assessments(unit, level, people):
    for requirement in Requirement.objects.filter(evidence_source=SELF_ASSESSED, cell__level__number__lte=level):
        assessment = self_assessment_answer(
            unit=unit, requirement=requirement, answer="met", evidence="Vi gør det.", acting_user=people["manager"]
        )
        self_assessment_review(assessment=assessment, accept=True, comment="", acting_user=people["lead"])


@pytest.fixture
def department(demo) -> Unit:
    return Unit.objects.select_related("maturity__target_level", "maturity__current_level").get(
        name="Hjertemedicinsk afdeling"
    )


def test_report_defaults_to_the_target_level_and_lists_missing_pieces_first(department):
    report = unit_gap_report(department, today=TODAY)
    assert (report.level, report.current_level, report.target_level) == (4, 3, 4)
    for dimension in report.dimensions:
        statuses = [item.status for item in dimension.items]
        met_seen = False
        for status in statuses:
            met_seen = met_seen or status == EvidenceStatus.MET
            assert not (met_seen and status != EvidenceStatus.MET)
    texts = [item.title for item in report.items]
    assert "Educating users" in texts  # level 2, inherited by level 4's content strategy
    resources = next(d for d in report.dimensions if d.dimension.code == "resources")
    assert "roles_staffed" in [item.source for item in resources.items]


def test_unanswered_self_assessment_is_not_evidenced_and_links_to_the_form(department):
    report = unit_gap_report(department, today=TODAY, level=1)
    item = next(item for item in report.items if item.is_self_assessed)
    assert item.status == EvidenceStatus.NOT_EVIDENCED
    assert item.evidence.fix_url.endswith(f"/requirements/{item.requirements[0].pk}/")
    assert item.evidence.fix_by == "The department's manager"


def test_pending_self_assessment_counts_only_once_accepted(department, people):
    requirement = Requirement.objects.filter(evidence_source=SELF_ASSESSED, cell__level__number=1).first()
    assessment = self_assessment_answer(
        unit=department, requirement=requirement, answer="met", evidence="Vi poster.", acting_user=people["manager"]
    )
    item = next(i for i in unit_gap_report(department, today=TODAY, level=1).items if requirement in i.requirements)
    assert item.status == EvidenceStatus.NOT_EVIDENCED
    assert "waiting for review" in item.evidence.summary
    self_assessment_review(assessment=assessment, accept=True, comment="", acting_user=people["lead"])
    item = next(i for i in unit_gap_report(department, today=TODAY, level=1).items if requirement in i.requirements)
    assert item.status == EvidenceStatus.MET


def test_only_the_manager_answers_and_only_the_communication_unit_reviews(department, people):
    requirement = Requirement.objects.filter(evidence_source=SELF_ASSESSED).first()
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


def test_assessed_level_is_the_highest_level_with_everything_below_met(demo, people):
    unit = unit_at(hospital=demo, name="Testafdeling", current=1, target=3)
    membership_ensure(user=people["manager"], unit=unit, role=Role.objects.get(code="manager"))
    _accept_all_self_assessments(unit, 2, people)
    with data_sources_met(DATA_SOURCES):
        report = unit_gap_report(unit, today=timezone.localdate())
        # Levels 1 and 2 are met; level 3 asks the department for roles and self-assessed lines it does not meet.
        assert (report.assessed_level, report.level) == (2, 3)

        def partly_at_two(units, level_number, today):
            if level_number == 2:
                return {u.pk: Evidence(EvidenceStatus.PARTLY_MET, "half") for u in units}
            return {}

        with registered_provider(code="fake_partly", dimension="monitoring", provider=partly_at_two):
            assert unit_gap_report(unit, today=timezone.localdate()).assessed_level == 1


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
    assert calls == [(3, 1), (3, 2), (3, 3), (3, 4), (3, 5)]


def test_the_monthly_task_takes_this_months_snapshots_once(demo):
    from maturity.tasks import take_monthly_gap_snapshots

    assert take_monthly_gap_snapshots() == Unit.objects.count()
    assert take_monthly_gap_snapshots() == 0
