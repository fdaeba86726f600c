"""What the scale asks of a unit's roles at its target level, for the unit's people page (``governance.registry``):
the gap report's own two checks (head-counts and back-ups), so the page where a manager staffs the unit says exactly
what the report will say afterwards."""

from django.utils import timezone

from governance.models import Unit
from governance.registry import StaffingCheck, StaffingNeeds, register_staffing_needs
from maturity.evidence import EvidenceStatus, evidence_run, evidence_sources
from maturity.gaps import requirement_sources as sources
from maturity.models import UnitMaturity

_DONE = {EvidenceStatus.MET, EvidenceStatus.NOT_APPLICABLE}


def unit_staffing_needs(unit: Unit) -> StaffingNeeds | None:
    """The unit's roles judged at its target level; None for a unit without a recorded standing."""
    standing = UnitMaturity.objects.filter(unit=unit).select_related("target_level").first()
    if standing is None:
        return None
    level, today = standing.target_level.number, timezone.localdate()
    checks = []
    registered = {source.code: source for source in evidence_sources()}
    with evidence_run():
        for code in (sources.ROLES_STAFFED, sources.ROLE_BACKUPS):
            evidence = registered[code].provider([unit], level, today).get(unit.pk)
            if evidence is not None and evidence.status != EvidenceStatus.NOT_APPLICABLE:
                checks.append(
                    StaffingCheck(
                        title=str(registered[code].label),
                        met=evidence.status in _DONE,
                        summary=evidence.summary,
                        details=evidence.details,
                    )
                )
    return StaffingNeeds(level=level, checks=tuple(checks))


def register_people_page_needs() -> None:
    register_staffing_needs(unit_staffing_needs)
