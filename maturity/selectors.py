"""Reads of the scale. Every function runs a fixed number of queries, whatever the size of the data."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Min, Prefetch
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from governance.models import GuidelineKind, Role, Unit, in_language
from maturity.models import (
    Dimension,
    InteractionFeature,
    Level,
    LevelDimension,
    MonitoringNorm,
    RequiredGuideline,
    RequiredMetric,
    Requirement,
    RoleRequirement,
    UnitMaturity,
)


@dataclass
class EffectiveCell:
    """A level's requirements in one dimension: the lines it inherits from the levels below ("As level N +") that are
    still in force, its own lines, and the inherited lines that no longer apply here (``Requirement.last_level``)."""

    dimension: Dimension
    cell: LevelDimension | None
    inherited: list[Requirement] = field(default_factory=list)
    own: list[Requirement] = field(default_factory=list)
    replaced: list[Requirement] = field(default_factory=list)

    @property
    def requirements(self) -> list[Requirement]:
        return [*self.inherited, *self.own]


def cells_by_level_and_dimension(*, with_features: bool = False) -> dict[tuple[int, int], LevelDimension]:
    """Every cell with its lines in order (and, with ``with_features``, the features each line rules out)."""
    lines = Requirement.objects.order_by("order")
    if with_features:
        lines = lines.prefetch_related(Prefetch("forbidden_features", queryset=InteractionFeature.objects.order_by()))
    cells = LevelDimension.objects.select_related("level").prefetch_related(Prefetch("requirements", queryset=lines))
    return {(cell.level.number, cell.dimension_id): cell for cell in cells}


def effective_cells(
    number: int, dimensions: list[Dimension], cells: dict[tuple[int, int], LevelDimension]
) -> list[EffectiveCell]:
    """The cells of level ``number`` with the lines in force there ("As level N +" carries the lines below whose
    ``last_level`` has not passed): the one reading of the scale the engine, the level pages and the metrics use."""
    result = []
    for dimension in dimensions:
        cell = cells.get((number, dimension.pk))
        effective = EffectiveCell(dimension=dimension, cell=cell, own=list(cell.requirements.all()) if cell else [])
        below = number - 1
        inherits = cell is not None and cell.inherits_lower
        while inherits and below >= 1:
            lower = cells.get((below, dimension.pk))
            if lower is None:
                break
            lines = list(lower.requirements.all())
            effective.inherited[:0] = [line for line in lines if line.in_force_at(number)]
            effective.replaced[:0] = [line for line in lines if not line.in_force_at(number)]
            inherits = lower.inherits_lower
            below -= 1
        result.append(effective)
    return result


def level_list() -> list[Level]:
    return list(Level.objects.all())


def scale_matrix() -> dict:
    """The overview: every dimension as a row, every level as a column, each cell with its own lines."""
    levels = level_list()
    dimensions = list(Dimension.objects.all())
    cells = cells_by_level_and_dimension()
    rows = [
        {
            "dimension": dimension,
            "cells": [cells.get((level.number, dimension.pk)) for level in levels],
        }
        for dimension in dimensions
    ]
    return {"levels": levels, "rows": rows}


def level_detail(*, number: int) -> dict:
    """One level with its effective requirements per dimension and its structured rules."""
    level = (
        Level.objects.prefetch_related(
            "features",
            "required_metrics__metric",
            "required_guidelines",
            Prefetch(
                "role_requirements",
                queryset=RoleRequirement.objects.select_related("role").prefetch_related("may_combine_with"),
            ),
        )
        .filter(number=number)
        .first()
    )
    if level is None:
        raise Http404("No such level")
    dimensions = list(Dimension.objects.all())
    return {
        "level": level,
        "levels": level_list(),
        "cells": effective_cells(number, dimensions, cells_by_level_and_dimension()),
        "role_requirements": list(level.role_requirements.all()),
        "features": list(level.features.all()),
        "metrics": list(level.required_metrics.all()),
        "guidelines": list(level.required_guidelines.all()),
        "changes": level_changes(level=level),
    }


def unit_standing_list(*, hospitals) -> list:
    """The units of the given hospitals with their current and target level, central unit first."""
    return list(
        Unit.objects.filter(hospital__in=hospitals)
        .select_related("hospital", "parent", "maturity__current_level", "maturity__target_level")
        .order_by("hospital__name", "kind", "name")
    )


def unit_standing_get(*, unit_id: int) -> UnitMaturity | None:
    """A unit's current and target level, with the interaction features its current level allows."""
    return (
        UnitMaturity.objects.select_related("current_level", "target_level")
        .prefetch_related("current_level__features")
        .filter(unit_id=unit_id)
        .first()
    )


def guideline_levels() -> dict[str, int]:
    """Per guideline kind, the lowest level of the scale that requires it (the guidelines library shows it)."""
    return dict(RequiredGuideline.objects.order_by().values_list("kind").annotate(level=Min("level__number")))


@dataclass(frozen=True)
class ConfigurationChange:
    """One change of a level's configuration as history kept it: when, who, what."""

    when: datetime.datetime
    who: str
    action: str
    what: str


CHANGES_SHOWN = 10
_ACTIONS = {"+": _("added"), "~": _("changed"), "-": _("removed")}


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return gettext("the system")
    return user.get_full_name() or user.username


def _role_requirement_text(record) -> str:
    text = gettext("%(role)s (%(scope)s): minimum %(minimum)s") % {
        "role": record.role.name,
        "scope": RoleRequirement.Scope(record.scope).label,
        "minimum": record.min_headcount,
    }
    if record.recommended_headcount is not None:
        text += gettext(", recommended %(recommended)s") % {"recommended": record.recommended_headcount}
    return text


def _metric_text(record) -> str:
    if record.optional:
        return gettext("Metric: %(metric)s (optional)") % {"metric": record.metric.name}
    return gettext("Metric: %(metric)s") % {"metric": record.metric.name}


def _norm_text(record) -> str:
    return gettext("Monitoring norm: checks at most %(check)s minutes apart, answers within %(answer)s minutes") % {
        "check": record.check_interval_minutes,
        "answer": record.answer_within_minutes if record.answer_within_minutes is not None else "–",
    }


def level_changes(*, level: Level, limit: int = CHANGES_SHOWN) -> list[ConfigurationChange]:
    """The latest changes people made to a level's configuration (the seed's rows left out), newest first, in four
    queries whatever the history's size."""
    sources = (
        (RoleRequirement.history.select_related("history_user", "role"), _role_requirement_text),
        (RequiredMetric.history.select_related("history_user", "metric"), _metric_text),
        (
            RequiredGuideline.history.select_related("history_user"),
            lambda record: gettext("Guideline: %(kind)s") % {"kind": GuidelineKind(record.kind).label},
        ),
        (MonitoringNorm.history.select_related("history_user"), _norm_text),
    )
    latest = ("-history_date", "-history_id")
    changes = [
        ConfigurationChange(
            when=record.history_date, who=_who(record), action=str(_ACTIONS[record.history_type]), what=describe(record)
        )
        for queryset, describe in sources
        for record in queryset.filter(level_id=level.pk, history_user__isnull=False).order_by(*latest)[:limit]
    ]
    return sorted(changes, key=lambda change: change.when, reverse=True)[:limit]


def role_catalogue() -> dict:
    """The roles of the scale with their texts, and the latest changes to them (two queries)."""
    changes = [
        ConfigurationChange(
            when=record.history_date,
            who=_who(record),
            action=str(_ACTIONS[record.history_type]),
            what=in_language(record, "name"),
        )
        for record in Role.history.select_related("history_user")
        .filter(history_user__isnull=False)
        .order_by("-history_date", "-history_id")[:CHANGES_SHOWN]
    ]
    return {"roles": list(Role.objects.all()), "changes": changes}
