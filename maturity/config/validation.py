"""The consistency rules of the scale's configuration. A change that breaks one is refused, naming the level and rule.

1. Head-counts: a role requirement's minimum is zero or more; its recommended head-count, when given, is not below
   the minimum.
2. "As level N +": where a level's cell of a dimension includes the level below (``LevelDimension.inherits_lower``,
   the seed's "Som niveau N +"), the level may not ask less than the level below in that dimension:
   - roles ("Resources, roles and tasks"): every (role, scope) the level below requires is required here too, with a
     minimum at least as high;
   - metrics ("Effect measurement"): every metric the level below asks for is asked for here too, and a metric
     required below is not merely optional here;
   - guideline documents ("Response guidelines"): every document the level below requires is required here too;
   - monitoring ("Monitoring"): the longest gap between checks, the answer deadline and the gap between checks of
     user-involvement posts are not longer than below, a deadline set below is set here too, and a duration counted
     around the clock below is not counted in working time only here.
   A change at level N is checked against level N-1 (when N builds on it) and level N+1 (when N+1 builds on N), so
   raising N's minimum above N+1's is refused as well as lowering N+1's below N's.

``standard_load`` reads the whole standard (five levels) in a fixed number of queries; the services apply their
change to it and call ``standard_check`` before writing anything.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from governance.models import GuidelineKind, Role
from maturity.exceptions import MaturityError
from maturity.models import (
    Dimension,
    LevelDimension,
    Metric,
    MonitoringNorm,
    RequiredGuideline,
    RequiredMetric,
    RoleRequirement,
)

ROLES_DIMENSION = "resources"
METRICS_DIMENSION = "effect"
GUIDELINES_DIMENSION = "response"
MONITORING_DIMENSION = "monitoring"


class ScaleConfigError(MaturityError):
    """A configuration change the scale's consistency rules refuse; ``field`` names the form field it concerns."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class NormTerms:
    """The durations of a monitoring norm the rules compare: (minutes or None, counted in working time only)."""

    check: tuple[int | None, bool]
    answer: tuple[int | None, bool]
    involvement: tuple[int | None, bool]

    @classmethod
    def of(cls, norm) -> "NormTerms":
        return cls(
            check=(norm.check_interval_minutes, norm.checks_in_working_time),
            answer=(norm.answer_within_minutes, norm.answer_in_working_time),
            # user-involvement posts are checked on the same clock as the other checks
            involvement=(norm.involvement_check_interval_minutes, norm.checks_in_working_time),
        )


@dataclass
class Standard:
    """The rules of every level that the consistency rules compare, keyed by level number and codes."""

    inherits: set[tuple[int, str]] = field(default_factory=set)  # (level, dimension code) building on the level below
    dimension_names: dict[str, str] = field(default_factory=dict)
    headcounts: dict[int, dict[tuple[str, str], int]] = field(default_factory=dict)  # level → (role, scope) → min
    metrics: dict[int, dict[str, bool]] = field(default_factory=dict)  # level → metric code → optional
    guidelines: dict[int, set[str]] = field(default_factory=dict)
    norms: dict[int, NormTerms] = field(default_factory=dict)
    role_names: dict[str, str] = field(default_factory=dict)
    metric_names: dict[str, str] = field(default_factory=dict)


def standard_load() -> Standard:
    """The whole standard in seven queries, whatever its size."""
    standard = Standard()
    standard.dimension_names = {dimension.code: dimension.name for dimension in Dimension.objects.all()}
    standard.inherits = set(
        LevelDimension.objects.filter(inherits_lower=True).values_list("level__number", "dimension__code")
    )
    standard.role_names = {role.code: role.name for role in Role.objects.all()}
    standard.metric_names = {metric.code: metric.name for metric in Metric.objects.all()}
    for number, role, scope, minimum in RoleRequirement.objects.values_list(
        "level__number", "role__code", "scope", "min_headcount"
    ):
        standard.headcounts.setdefault(number, {})[(role, scope)] = minimum
    for number, metric, optional in RequiredMetric.objects.values_list("level__number", "metric__code", "optional"):
        standard.metrics.setdefault(number, {})[metric] = optional
    for number, kind in RequiredGuideline.objects.values_list("level__number", "kind"):
        standard.guidelines.setdefault(number, set()).add(kind)
    for norm in MonitoringNorm.objects.select_related("level"):
        standard.norms[norm.level.number] = NormTerms.of(norm)
    return standard


def headcount_check(*, minimum: int, recommended: int | None) -> None:
    """Rule 1."""
    if minimum < 0:
        raise ScaleConfigError(_("The minimum head-count cannot be below zero."), field="min_headcount")
    if recommended is not None and recommended < minimum:
        raise ScaleConfigError(
            _("The recommended head-count cannot be below the minimum."), field="recommended_headcount"
        )


def standard_check(standard: Standard, *, number: int) -> None:
    """Rule 2 for level ``number`` against its neighbours; raises the first broken rule."""
    for lower, upper in ((number - 1, number), (number, number + 1)):
        for check in (_roles_problem, _metrics_problem, _guidelines_problem, _monitoring_problem):
            if problem := check(standard, lower, upper):
                message, field_name = problem
                raise ScaleConfigError(message, field=field_name)


def _builds_on(standard: Standard, upper: int, dimension: str) -> bool:
    return (upper, dimension) in standard.inherits


def _rule_context(standard: Standard, lower: int, upper: int, dimension: str) -> dict:
    return {"upper": upper, "lower": lower, "dimension": standard.dimension_names.get(dimension, dimension)}


def _roles_problem(standard: Standard, lower: int, upper: int) -> tuple[str, str] | None:
    if not _builds_on(standard, upper, ROLES_DIMENSION):
        return None
    above = standard.headcounts.get(upper, {})
    for (role, scope), minimum in sorted(standard.headcounts.get(lower, {}).items()):
        if above.get((role, scope), 0) < minimum:
            return (
                _(
                    "Level %(upper)s builds on level %(lower)s in “%(dimension)s”, so it cannot require fewer "
                    "people as “%(role)s” (%(scope)s) than level %(lower)s: at least %(minimum)s."
                )
                % {
                    **_rule_context(standard, lower, upper, ROLES_DIMENSION),
                    "role": standard.role_names.get(role, role),
                    "scope": RoleRequirement.Scope(scope).label,
                    "minimum": minimum,
                },
                "min_headcount",
            )
    return None


def _metrics_problem(standard: Standard, lower: int, upper: int) -> tuple[str, str] | None:
    if not _builds_on(standard, upper, METRICS_DIMENSION):
        return None
    above = standard.metrics.get(upper, {})
    for metric, optional in sorted(standard.metrics.get(lower, {}).items()):
        if metric not in above or (above[metric] and not optional):
            return (
                _(
                    "Level %(upper)s builds on level %(lower)s in “%(dimension)s”, so it must ask for the metric "
                    "“%(metric)s” at least as firmly as level %(lower)s."
                )
                % {**_rule_context(standard, lower, upper, METRICS_DIMENSION), "metric": standard.metric_names[metric]},
                f"metric_{metric}",
            )
    return None


def _guidelines_problem(standard: Standard, lower: int, upper: int) -> tuple[str, str] | None:
    if not _builds_on(standard, upper, GUIDELINES_DIMENSION):
        return None
    missing = sorted(standard.guidelines.get(lower, set()) - standard.guidelines.get(upper, set()))
    if missing:
        return (
            _(
                "Level %(upper)s builds on level %(lower)s in “%(dimension)s”, so it must also require “%(kind)s”, "
                "which level %(lower)s requires."
            )
            % {**_rule_context(standard, lower, upper, GUIDELINES_DIMENSION), "kind": GuidelineKind(missing[0]).label},
            "kinds",
        )
    return None


def _laxer(higher: tuple[int | None, bool], lower: tuple[int | None, bool]) -> bool:
    (higher_minutes, higher_working), (lower_minutes, lower_working) = higher, lower
    if lower_minutes is None:
        return False
    if higher_minutes is None:
        return True
    return higher_minutes > lower_minutes or (higher_working and not lower_working)


def _monitoring_problem(standard: Standard, lower: int, upper: int) -> tuple[str, str] | None:
    if not _builds_on(standard, upper, MONITORING_DIMENSION):
        return None
    below, above = standard.norms.get(lower), standard.norms.get(upper)
    if below is None or above is None:
        return None
    terms = (
        ("check", "check_interval_minutes", _("the longest gap between checks")),
        ("answer", "answer_within_minutes", _("the answer deadline")),
        ("involvement", "involvement_check_interval_minutes", _("the gap between checks of user-involvement posts")),
    )
    for attribute, field_name, label in terms:
        if _laxer(getattr(above, attribute), getattr(below, attribute)):
            return (
                _(
                    "Level %(upper)s builds on level %(lower)s in “%(dimension)s”, so %(term)s cannot be longer or "
                    "counted more loosely than at level %(lower)s."
                )
                % {**_rule_context(standard, lower, upper, MONITORING_DIMENSION), "term": label},
                field_name,
            )
    return None
