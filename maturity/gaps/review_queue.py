"""The self-assessments waiting for the communication unit's review: the reviewers' queue on the dashboard.

A reviewer is whoever ``may_review_self_assessment`` lets decide (the reviewers of the hospital's communication unit),
so the queue lists exactly what its reader can act on. One query for a reviewer; none for anybody else.
"""

from django.urls import reverse

from governance.permissions import Actor
from maturity.models import SelfAssessment


def review_hospital_ids(actor: Actor) -> list[int]:
    """The hospitals whose self-assessments this person reviews (``may_review_self_assessment``)."""
    return sorted(hospital_id for hospital_id in actor.communication_units if actor.reviews_for(hospital_id))


def self_assessments_to_review(*, actor: Actor, limit: int) -> list[SelfAssessment]:
    """Answers waiting for review in the person's hospitals, the longest waiting first; ``limit + 1`` at most, so
    that a caller showing ``limit`` knows whether more wait. Each comes with its unit and requirement (and the
    requirement's level) loaded."""
    hospital_ids = review_hospital_ids(actor)
    if not hospital_ids:
        return []
    return list(
        SelfAssessment.objects.filter(review=SelfAssessment.Review.PENDING, unit__hospital_id__in=hospital_ids)
        .select_related("unit", "requirement__cell__level")
        .order_by("answered_at", "pk")[: limit + 1]
    )


def self_assessment_review_url(assessment: SelfAssessment) -> str:
    """The self-assessment's page, at its review form."""
    return reverse("gaps:answer", args=[assessment.unit_id, assessment.requirement_id]) + "#review-heading"
