"""Reads of the scale. Every function runs a fixed number of queries, whatever the size of the data."""

from dataclasses import dataclass, field

from django.db.models import Min, Prefetch
from django.http import Http404

from governance.models import Unit
from maturity.models import (
    Dimension,
    Level,
    LevelDimension,
    RequiredGuideline,
    Requirement,
    RoleRequirement,
    UnitMaturity,
)


@dataclass
class EffectiveCell:
    """A level's requirements in one dimension, with the lines it inherits from the levels below."""

    dimension: Dimension
    cell: LevelDimension | None
    inherited: list[Requirement] = field(default_factory=list)
    own: list[Requirement] = field(default_factory=list)

    @property
    def requirements(self) -> list[Requirement]:
        return [*self.inherited, *self.own]


def cells_by_level_and_dimension() -> dict[tuple[int, int], LevelDimension]:
    cells = LevelDimension.objects.select_related("level").prefetch_related(
        Prefetch("requirements", queryset=Requirement.objects.order_by("order"))
    )
    return {(cell.level.number, cell.dimension_id): cell for cell in cells}


def _effective_cells(
    number: int, dimensions: list[Dimension], cells: dict[tuple[int, int], LevelDimension]
) -> list[EffectiveCell]:
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
            effective.inherited[:0] = list(lower.requirements.all())
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
        "cells": _effective_cells(number, dimensions, cells_by_level_and_dimension()),
        "role_requirements": list(level.role_requirements.all()),
        "features": list(level.features.all()),
        "metrics": list(level.required_metrics.all()),
        "guidelines": list(level.required_guidelines.all()),
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
