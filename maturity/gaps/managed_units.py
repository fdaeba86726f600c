"""The units a manager answers for that are not yet at their target level: the manager's line on the dashboard, with
what blocks the next level (the gap report's own verdict)."""

from django.utils import timezone

from governance.models import Unit
from governance.permissions import Actor
from maturity.gaps.engine import UnitGapReport, unit_gap_reports

MANAGER_ROLE = "manager"


def units_short_of_target_for_actor(*, actor: Actor) -> list[UnitGapReport]:
    """The gap reports of the departments this person manages whose assessed level is below their target level; none
    (and no query) for a person who manages no unit."""
    unit_ids = [unit_id for unit_id, roles in actor.unit_roles.items() if MANAGER_ROLE in roles]
    if not unit_ids:
        return []
    units = list(
        Unit.objects.filter(pk__in=unit_ids, kind=Unit.Kind.DEPARTMENT)
        .select_related("hospital", "maturity__current_level", "maturity__target_level")
        .order_by("name")
    )
    reports = unit_gap_reports(units, today=timezone.localdate())
    return [
        report
        for unit in units
        if (report := reports[unit.pk]).target_level and report.assessed_level < report.target_level
    ]
