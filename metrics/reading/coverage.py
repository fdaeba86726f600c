"""Which of the scale's metrics a department collects: the data of a period on its active channels, for many units at
once. The department's dashboard ("What the level requires") and the gap report's metric evidence both read it, so
the two say the same.

A channel counts once the channel registry lists it as active (``channels_plan.selectors.ACTIVE_CHANNEL``); figures
imported for a channel still planned or paused are named, so that both pages can say why they do not count yet.
Interactions count on the unit's active channels and where the unit is the responsible unit. The hospital's coverage
(``hospitals_metric_coverage``) is what its communication unit answers for the whole hospital, and what the
hospital's dashboard shows. Which of the metrics a unit is asked is ``metrics.reading.asked``'s. Two
queries whatever the number of units.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q

from channels_plan.models import Channel, Platform
from metrics.models import ChannelDailySnapshot
from metrics.reading.figures import PRESENCE
from metrics.reading.periods import Period
from monitoring.models import Interaction

INVOLVEMENT_CODES = ("involvement_engagement", "involvement_input")


@dataclass
class MetricCoverage:
    codes: set[str] = field(default_factory=set)  # the scale's metric codes with data on active channels
    inactive_with_data: list[str] = field(default_factory=list)  # channels not active whose figures do not count


def _channel_label(sender_name: str, platform: str, status: str) -> str:
    return f"{sender_name} ({Platform(platform).label}, {Channel.Status(status).label.lower()})"


def _snapshot_coverage(coverage: dict[int, MetricCoverage], channels: Q, key: str, period: Period) -> None:
    """Add the period's figures of ``channels`` (on ChannelDailySnapshot), grouped by ``key``: one query."""
    snapshot_rows = (
        ChannelDailySnapshot.objects.filter(channels, day__range=(period.start, period.end))
        .exclude(channel__status=Channel.Status.CLOSED)
        .values("channel_id", key, "channel__status", "channel__sender_name", "channel__platform")
        .annotate(**{code: Count("pk", filter=present) for code, present in PRESENCE.items()})
        .order_by("channel__sender_name", "channel_id")
    )
    for row in snapshot_rows:
        codes = {code for code in PRESENCE if row[code]}
        entry = coverage[row[key]]
        if row["channel__status"] == Channel.Status.ACTIVE:
            entry.codes |= codes
        elif codes:
            entry.inactive_with_data.append(
                _channel_label(row["channel__sender_name"], row["channel__platform"], row["channel__status"])
            )


def _interaction_codes(row: dict) -> set[str]:
    codes = {"mentions_sentiment"} if row["total"] else set()
    if row["involvement"]:
        codes.update(INVOLVEMENT_CODES)
    return codes


INTERACTION_COUNTS = {"total": Count("pk"), "involvement": Count("pk", filter=Q(is_involvement=True))}


def units_metric_coverage(*, unit_ids: Iterable[int], period: Period) -> dict[int, MetricCoverage]:
    """Per unit, the metric codes its active channels (and the interactions it answers for) hold data for in the
    period, and its other channels that hold figures anyway. Two queries."""
    unit_ids = set(unit_ids)
    coverage: dict[int, MetricCoverage] = defaultdict(MetricCoverage)
    _snapshot_coverage(coverage, Q(channel__unit_id__in=unit_ids), "channel__unit_id", period)
    start, end = period.datetimes()
    on_active = Q(channel__unit_id__in=unit_ids, channel__status=Channel.Status.ACTIVE)
    interaction_rows = (
        Interaction.objects.filter(on_active | Q(unit_id__in=unit_ids), occurred_at__gte=start, occurred_at__lt=end)
        .values("channel__unit_id", "channel__status", "unit_id")
        .annotate(**INTERACTION_COUNTS)
        .order_by()
    )
    for row in interaction_rows:
        codes = _interaction_codes(row)
        if row["channel__status"] == Channel.Status.ACTIVE and row["channel__unit_id"] in unit_ids:
            coverage[row["channel__unit_id"]].codes |= codes
        if row["unit_id"] in unit_ids:
            coverage[row["unit_id"]].codes |= codes
    return coverage


def hospitals_metric_coverage(*, hospital_ids: Iterable[int], period: Period) -> dict[int, MetricCoverage]:
    """Per hospital, what its communication unit answers for the whole hospital: the metric codes the hospital's
    active channels and its interactions (on an active channel, or found outside its channels) hold data for, and
    its other channels that hold figures anyway. Two queries."""
    hospital_ids = set(hospital_ids)
    coverage: dict[int, MetricCoverage] = defaultdict(MetricCoverage)
    _snapshot_coverage(coverage, Q(channel__unit__hospital_id__in=hospital_ids), "channel__unit__hospital_id", period)
    start, end = period.datetimes()
    counted = Q(channel__isnull=True) | Q(channel__status=Channel.Status.ACTIVE)
    interaction_rows = (
        Interaction.objects.filter(counted, hospital_id__in=hospital_ids, occurred_at__gte=start, occurred_at__lt=end)
        .values("hospital_id")
        .annotate(**INTERACTION_COUNTS)
        .order_by()
    )
    for row in interaction_rows:
        coverage[row["hospital_id"]].codes |= _interaction_codes(row)
    return coverage
