"""Which of a level's required metrics a unit is asked to collect: one answer for the gap report's metric evidence
(``metrics.evidence``) and the metric dashboard's "What level N requires", so the two say the same.

The scale's lines say of whom they ask (``Requirement.scope``), not which metric; this module reads them with one
table. A metric tied to a department scope (``SCOPE_METRICS``: level 5's department line "specific measurements of
members and engagement in networks", asked of the departments running a patient network) is asked of a department
that scope reaches, where a line of that scope shown by the metric evidence is in force at the level. The other
metrics are the hospital's: the communication unit measures them for the whole hospital (the effect lines of scope
"hospital"), and a department only where a line asked of every department (or of those enrolled to post) names the
metric evidence. With the scale as it stands a department is asked nothing at levels 1–4 and, at level 5, the network
metric if it runs a patient network.

The lines in force at a level are the gap engine's (``maturity.selectors``: "As level N +" and ``last_level``), the
departments a scope reaches are the engine's too (``maturity.unit_scopes``): the report and the dashboard ask what the
engine judges. Two queries for the lines (once per ``evidence_run``), and one per department scope in force that
needs a hook (shared with the engine within a run).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch

from governance.models import Unit
from maturity.evidence import run_memo
from maturity.models import LevelDimension, Requirement
from maturity.selectors import effective_cells
from maturity.unit_scopes import network_departments, posting_departments

METRICS_SOURCE = "metrics_collected"
# The metrics a department line asks, by the line's scope; every other metric is the hospital's.
SCOPE_METRICS: dict[str, frozenset[str]] = {
    Requirement.Scope.NETWORK_DEPARTMENTS: frozenset({"network_members_engagement"}),
}
DEPARTMENT_METRICS = frozenset(code for codes in SCOPE_METRICS.values() for code in codes)
_REACHED = {
    Requirement.Scope.POSTING_DEPARTMENTS: posting_departments,
    Requirement.Scope.NETWORK_DEPARTMENTS: network_departments,
}


@dataclass(frozen=True)
class MetricsAsked:
    """What one unit is asked at one level: the communication unit the hospital's metrics; a department what the
    department lines in force that reach it ask (``scopes``: their scopes; ``unreached``: the scopes of the lines in
    force that do not reach it)."""

    for_hospital: bool
    scopes: frozenset[str] = frozenset()
    unreached: frozenset[str] = frozenset()

    @property
    def asks_anything(self) -> bool:
        """Whether a line of the level asks the unit for metrics at all (a department: a line that reaches it)."""
        return self.for_hospital or bool(self.scopes)

    @property
    def runs_no_network(self) -> bool:
        """Whether a line of the level asks the departments running a patient network, and this one runs none."""
        return Requirement.Scope.NETWORK_DEPARTMENTS in self.unreached

    def asks(self, code: str) -> bool:
        """Whether the metric ``code`` (one the level requires) is asked of the unit."""
        if self.for_hospital:
            return code not in DEPARTMENT_METRICS
        if code in DEPARTMENT_METRICS:
            return any(code in SCOPE_METRICS.get(scope, ()) for scope in self.scopes)
        return any(scope not in SCOPE_METRICS for scope in self.scopes)


def _department_line_scopes() -> dict[int, frozenset[str]]:
    """Per level number, the scopes of the department lines in force there that the metric evidence shows. Two
    queries."""
    lines = Requirement.objects.filter(evidence_source=METRICS_SOURCE).exclude(scope=Requirement.Scope.HOSPITAL)
    cells = {
        (cell.level.number, cell.dimension_id): cell
        for cell in LevelDimension.objects.select_related("level", "dimension").prefetch_related(
            Prefetch("requirements", queryset=lines.order_by("order"))
        )
    }
    dimensions = list({cell.dimension_id: cell.dimension for cell in cells.values()}.values())
    return {
        number: frozenset(
            line.scope for effective in effective_cells(number, dimensions, cells) for line in effective.requirements
        )
        for number in sorted({number for number, _dimension in cells})
    }


def department_line_scopes(level_number: int) -> frozenset[str]:
    """The scopes of the department lines in force at ``level_number`` that the metric evidence shows (loaded once per
    ``evidence_run`` for every level)."""
    return run_memo("metrics.department_line_scopes", _department_line_scopes).get(level_number, frozenset())


def metrics_asked(units: Sequence[Unit], level_number: int) -> dict[int, MetricsAsked]:
    """Per unit, what ``level_number`` asks of it in metrics."""
    in_force = department_line_scopes(level_number)
    departments = [unit for unit in units if not unit.is_communication_unit]
    reached = {scope: _REACHED[scope](departments) for scope in in_force if scope in _REACHED and departments}
    answer = {}
    for unit in units:
        if unit.is_communication_unit:
            answer[unit.pk] = MetricsAsked(for_hospital=True)
            continue
        reaching = frozenset(scope for scope in in_force if scope not in reached or unit.pk in reached[scope])
        answer[unit.pk] = MetricsAsked(for_hospital=False, scopes=reaching, unreached=in_force - reaching)
    return answer
