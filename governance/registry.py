"""Hooks through which the apps above governance feed its pages; they register in ``AppConfig.ready()``.

Governance is the lowest layer and imports no other app, yet its guidelines library shows from which level of the
scale each document is required, and a unit's people page what the scale asks of the unit's roles: that knowledge is
maturity's, so maturity registers the lookups here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from governance.models import Unit

_guideline_level_sources: list[Callable[[], dict[str, int]]] = []


def register_guideline_levels(source: Callable[[], dict[str, int]]) -> None:
    """``source()`` returns, per guideline kind, the lowest level of the scale that requires it."""
    if source not in _guideline_level_sources:
        _guideline_level_sources.append(source)


def guideline_required_levels() -> dict[str, int]:
    levels: dict[str, int] = {}
    for source in _guideline_level_sources:
        for kind, level in source().items():
            levels[kind] = min(level, levels.get(kind, level))
    return levels


@dataclass(frozen=True)
class StaffingCheck:
    """One check of a unit's roles at one level, as the gap report judges it ("Community Manager: 0 of 2")."""

    title: str
    met: bool
    summary: str
    details: tuple[str, ...]


@dataclass(frozen=True)
class StaffingNeeds:
    level: int
    checks: tuple[StaffingCheck, ...]

    @property
    def met(self) -> bool:
        return all(check.met for check in self.checks)


_staffing_sources: list[Callable[[Unit], StaffingNeeds | None]] = []


def register_staffing_needs(source: Callable[[Unit], StaffingNeeds | None]) -> None:
    """``source(unit)`` returns what the scale asks of the unit's roles at its target level (None: nothing known)."""
    _staffing_sources[:] = [source]


def staffing_needs(unit: Unit) -> StaffingNeeds | None:
    return _staffing_sources[0](unit) if _staffing_sources else None
