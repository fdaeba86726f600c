"""The gap pages name a requirement of the scale beside the unit; the scale is shared by every hospital, so the
foreign object is the unit (``unit_id``) and any self-assessed requirement."""

from maturity.models import SELF_ASSESSED, Requirement

KWARGS = {"requirement_id"}


def build(base) -> dict[str, int]:
    lines = Requirement.objects.filter(evidence_source=SELF_ASSESSED).exclude(scope=Requirement.Scope.HOSPITAL)
    return {"requirement_id": lines.order_by("pk").first().pk}
