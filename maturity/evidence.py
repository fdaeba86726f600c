"""The gap engine's evidence registry: the apps above maturity tell it what they can show about a unit.

Each provider answers, for many units at once, whether the unit meets what one level of the scale asks of it in
the provider's area (courses taken, metrics collected, plans approved, duties met …). It runs a fixed number of
queries whatever the number of units, so the hospital overview stays constant in queries. Providers register in
their app's ``AppConfig.ready()`` with ``register_evidence``; maturity never imports the apps above it.

The engine asks every provider once per level. Around one report or overview it opens an ``evidence_run()``, in
which ``run_memo`` shares a load (the units' memberships, the completions …) between the levels and between the
providers; outside a run ``run_memo`` just loads.
"""

import datetime
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from governance.models import Unit


class EvidenceStatus(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly_met", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_EVIDENCED = "not_evidenced", _("Not evidenced")
    # The scale allows the line not to apply to this unit (the summary says why); it never blocks a level.
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


@dataclass(frozen=True)
class Evidence:
    """What a provider found for one unit at one level.

    ``summary`` says it in a sentence ("3 of 4 producers have taken 'Content on social media'"); ``fix_url`` is the
    page where the gap is closed and ``fix_by`` who can act there (a role or a person), both empty when met.
    """

    status: EvidenceStatus
    summary: str
    fix_url: str = ""
    fix_by: str = ""
    details: tuple[str, ...] = field(default=())


# provider(units, level_number, today) -> {unit id: Evidence}. The engine asks a source about a unit only where a
# line in force at that level names the source and reaches the unit (``Requirement.scope``: the communication unit
# for the hospital's lines); where such a line exists and the provider leaves the unit out of its answer, the report
# shows the line as not evidenced, with the reason. A provider answers every unit it can judge, "not applicable" with
# the reason where the scale allows the line not to apply.
EvidenceProvider = Callable[[Sequence[Unit], int, datetime.date], Mapping[int, Evidence]]


@dataclass(frozen=True)
class EvidenceSource:
    code: str
    dimension: str  # the code of the scale's dimension the evidence belongs to
    label: Promise | str
    provider: EvidenceProvider


_sources: dict[str, EvidenceSource] = {}


def register_evidence(*, code: str, dimension: str, label: Promise | str, provider: EvidenceProvider) -> None:
    """Register (or, on a repeated ``ready()``, re-register) the provider ``code``."""
    _sources[code] = EvidenceSource(code=code, dimension=dimension, label=label, provider=provider)


def evidence_sources() -> list[EvidenceSource]:
    return sorted(_sources.values(), key=lambda source: source.code)


def source_asked_at(code: str, level_number: int) -> bool:
    """Whether any requirement line of ``level_number`` or a level below is shown by the source ``code`` (the table
    in ``maturity/gaps/requirement_sources.py``). One query, once per ``evidence_run``; providers use it to answer
    only where the scale asks."""
    first_asked = run_memo("maturity.sources_first_asked", _sources_first_asked)
    return code in first_asked and first_asked[code] <= level_number


def _sources_first_asked() -> dict[str, int]:
    """Per evidence source, the lowest level with a requirement line it shows."""
    from maturity.models import Requirement

    rows = Requirement.objects.values("evidence_source").annotate(first=models.Min("cell__level__number"))
    return {row["evidence_source"]: row["first"] for row in rows.order_by()}


_run_memo: ContextVar[dict[Hashable, object] | None] = ContextVar("evidence_run_memo", default=None)
Loaded = TypeVar("Loaded")


@contextmanager
def evidence_run() -> Iterator[None]:
    """One report's or overview's run: loads shared through ``run_memo`` live until it ends (a run opened inside
    another shares the outer one's)."""
    if _run_memo.get() is not None:
        yield
        return
    token = _run_memo.set({})
    try:
        yield
    finally:
        _run_memo.reset(token)


def run_memo(key: Hashable, loader: Callable[[], Loaded]) -> Loaded:
    """``loader()``, loaded once per run for ``key`` (name the units and the day in the key where the load depends
    on them); outside a run, loaded on every call."""
    memo = _run_memo.get()
    if memo is None:
        return loader()
    if key not in memo:
        memo[key] = loader()
    return memo[key]


def units_key(units: Sequence[Unit]) -> tuple[int, ...]:
    """The units' ids, as a part of a ``run_memo`` key."""
    return tuple(sorted(unit.pk for unit in units))
