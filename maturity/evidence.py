"""The gap engine's evidence registry: the apps above maturity tell it what they can show about a unit.

Each provider answers, for many units at once, whether the unit meets what one level of the scale asks of it in
the provider's area (courses taken, metrics collected, plans approved, duties met …). It runs a fixed number of
queries whatever the number of units, so the hospital overview stays constant in queries. Providers register in
their app's ``AppConfig.ready()`` with ``register_evidence``; maturity never imports the apps above it.
"""

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from governance.models import Unit


class EvidenceStatus(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly_met", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_EVIDENCED = "not_evidenced", _("Not evidenced")


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


# provider(units, level_number, today) -> {unit id: Evidence}; a unit missing from the answer means the provider
# asks nothing of that unit at that level (for example no course is required at level 1).
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
