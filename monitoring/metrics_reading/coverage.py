"""Which of the scale's metrics a department collects: the data of a period on its active channels, for many units at
once. The department's dashboard ("What the level requires") and the gap report's metric evidence both read it, so
the two say the same.

A channel counts once the channel registry lists it as active (``channels_plan.selectors.ACTIVE_CHANNEL``); figures
imported for a channel still planned or paused are named, so that both pages can say why they do not count yet.
Interactions count on the unit's active channels and where the unit is the responsible unit. The network metric is
asked only of a unit running a patient network. Three queries whatever the number of units.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q

from channels_plan.models import Channel, PatientNetwork, Platform
from monitoring.metrics_reading.figures import PRESENCE
from monitoring.metrics_reading.periods import Period
from monitoring.models import ChannelDailySnapshot, Interaction

INVOLVEMENT_CODES = ("involvement_engagement", "involvement_input")
# Asked only of a unit running a patient network (the scale's level-5 "measurements of members and engagement in
# networks").
NETWORK_METRICS = frozenset({"network_members_engagement"})


@dataclass
class MetricCoverage:
    codes: set[str] = field(default_factory=set)  # the scale's metric codes with data on active channels
    inactive_with_data: list[str] = field(default_factory=list)  # channels not active whose figures do not count
    runs_network: bool = False

    def asks(self, code: str) -> bool:
        """Whether a metric the level requires is asked of this unit."""
        return code not in NETWORK_METRICS or self.runs_network


def _channel_label(sender_name: str, platform: str, status: str) -> str:
    return f"{sender_name} ({Platform(platform).label}, {Channel.Status(status).label.lower()})"


def units_metric_coverage(*, unit_ids: Iterable[int], period: Period) -> dict[int, MetricCoverage]:
    """Per unit, the metric codes its active channels (and the interactions it answers for) hold data for in the
    period, its other channels that hold figures anyway, and whether it runs a patient network. Three queries."""
    unit_ids = set(unit_ids)
    coverage: dict[int, MetricCoverage] = defaultdict(MetricCoverage)
    snapshot_rows = (
        ChannelDailySnapshot.objects.filter(channel__unit_id__in=unit_ids, day__range=(period.start, period.end))
        .exclude(channel__status=Channel.Status.CLOSED)
        .values("channel_id", "channel__unit_id", "channel__status", "channel__sender_name", "channel__platform")
        .annotate(**{code: Count("pk", filter=present) for code, present in PRESENCE.items()})
        .order_by("channel__sender_name", "channel_id")
    )
    for row in snapshot_rows:
        codes = {code for code in PRESENCE if row[code]}
        entry = coverage[row["channel__unit_id"]]
        if row["channel__status"] == Channel.Status.ACTIVE:
            entry.codes |= codes
        elif codes:
            entry.inactive_with_data.append(
                _channel_label(row["channel__sender_name"], row["channel__platform"], row["channel__status"])
            )
    start, end = period.datetimes()
    on_active = Q(channel__unit_id__in=unit_ids, channel__status=Channel.Status.ACTIVE)
    interaction_rows = (
        Interaction.objects.filter(on_active | Q(unit_id__in=unit_ids), occurred_at__gte=start, occurred_at__lt=end)
        .values("channel__unit_id", "channel__status", "unit_id")
        .annotate(total=Count("pk"), involvement=Count("pk", filter=Q(is_involvement=True)))
        .order_by()
    )
    for row in interaction_rows:
        codes = {"mentions_sentiment"} if row["total"] else set()
        if row["involvement"]:
            codes.update(INVOLVEMENT_CODES)
        if row["channel__status"] == Channel.Status.ACTIVE and row["channel__unit_id"] in unit_ids:
            coverage[row["channel__unit_id"]].codes |= codes
        if row["unit_id"] in unit_ids:
            coverage[row["unit_id"]].codes |= codes
    networks = PatientNetwork.objects.filter(unit__in=unit_ids).exclude(channel__status=Channel.Status.CLOSED)
    for unit_id in networks.values_list("unit_id", flat=True):
        coverage[unit_id].runs_network = True
    return coverage
