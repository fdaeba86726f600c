"""Writes of the gap engine: self-assessments, their review, and the monthly snapshots."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.audit import save_as
from governance.models import Unit, User
from governance.permissions import actor_for
from maturity.exceptions import MaturityError
from maturity.gaps.engine import unit_gap_reports
from maturity.gaps.permissions import may_answer_self_assessment, may_review_self_assessment
from maturity.models import SELF_ASSESSED, GapSnapshot, Requirement, SelfAssessment


@transaction.atomic
def self_assessment_answer(
    *, unit: Unit, requirement: Requirement, answer: str, evidence: str, acting_user: User, now=None
) -> SelfAssessment:
    """The unit's manager answers a self-assessed requirement; a new answer goes back to review. A hospital line is
    answered by the communication unit for the whole hospital, a department's line by the department."""
    if not may_answer_self_assessment(actor_for(acting_user), unit):
        raise MaturityError(_("Only the unit's manager answers its self-assessment."))
    if requirement.evidence_source != SELF_ASSESSED:
        raise MaturityError(_("This requirement is shown by data, not by a self-assessment."))
    if not requirement.is_answered_by(unit):
        if requirement.is_hospital_line:
            raise MaturityError(_("The communication unit answers this requirement for the whole hospital."))
        raise MaturityError(_("This requirement is asked of the departments, not of the communication unit."))
    if answer not in SelfAssessment.Answer.values:
        raise MaturityError(_("Choose met, partly met or not met."))
    if not evidence.strip():
        raise MaturityError(_("Say what shows it."))
    assessment = (
        SelfAssessment.objects.select_for_update().order_by().filter(unit=unit, requirement=requirement).first()
    )
    if assessment is None:
        assessment = SelfAssessment(unit=unit, requirement=requirement)
    assessment.answer = answer
    assessment.evidence = evidence.strip()
    assessment.answered_by = acting_user
    assessment.answered_at = now or timezone.now()
    assessment.review = SelfAssessment.Review.PENDING
    assessment.reviewed_by = None
    assessment.reviewed_at = None
    assessment.review_comment = ""
    save_as(assessment, acting_user)
    return assessment


@transaction.atomic
def self_assessment_review(
    *, assessment: SelfAssessment, accept: bool, comment: str, acting_user: User, now=None
) -> SelfAssessment:
    """The communication unit accepts or rejects a pending answer; a rejection says why."""
    if not may_review_self_assessment(actor_for(acting_user), assessment.unit):
        raise MaturityError(_("Only the communication unit reviews self-assessments."))
    locked = SelfAssessment.objects.select_for_update().order_by().get(pk=assessment.pk)
    if locked.review != SelfAssessment.Review.PENDING:
        raise MaturityError(_("This self-assessment has already been reviewed."))
    if not accept and not comment.strip():
        raise MaturityError(_("Say why the self-assessment is not accepted."))
    locked.review = SelfAssessment.Review.ACCEPTED if accept else SelfAssessment.Review.REJECTED
    locked.reviewed_by = acting_user
    locked.reviewed_at = now or timezone.now()
    locked.review_comment = comment.strip()
    save_as(locked, acting_user)
    return locked


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def gap_snapshots_take(*, hospital_id: int | None = None, today: datetime.date) -> int:
    """Keep this month's gap report of every unit (of one hospital, or of all); a unit that already has this
    month's snapshot keeps it. Returns how many snapshots were taken."""
    month = _month_start(today)
    units = Unit.objects.select_related("maturity__current_level", "maturity__target_level").exclude(
        gap_snapshots__month=month
    )
    if hospital_id is not None:
        units = units.filter(hospital_id=hospital_id)
    units = list(units)
    if not units:
        return 0
    taken = 0
    for report in unit_gap_reports(units, today=today).values():
        try:
            with transaction.atomic():
                snapshot = GapSnapshot(
                    unit=report.unit,
                    month=month,
                    assessed_level=report.assessed_level,
                    report_level=report.level,
                    counts=report.counts_by_dimension(),
                    taken_at=timezone.now(),
                )
                save_as(snapshot, None)
        except IntegrityError:
            continue  # another run took it in the meantime
        taken += 1
    return taken
