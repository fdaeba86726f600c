"""Hooks through which the apps above governance feed its pages; they register in ``AppConfig.ready()``.

Governance is the lowest layer and imports no other app, yet its guidelines library shows from which level of the
scale each document is required: that knowledge is maturity's, so maturity registers the lookup here.
"""

from collections.abc import Callable

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
