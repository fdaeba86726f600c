"""The daily figures of a scope: totals of a period beside the previous one, the latest followers and network
members, and the daily series for charts. One query each, whatever the number of channels and days."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum

from channels_plan.models import Channel
from metrics.models import ChannelDailySnapshot
from metrics.reading.periods import Period
from metrics.reading.scopes import MetricScope

SUMMED = (
    "new_followers",
    "reach",
    "reach_organic",
    "reach_paid",
    "views",
    "reactions",
    "comments",
    "shares",
    "clicks",
    "engagements",
)
# The scale's metric codes this module can tell about, with the figures that show them.
PRESENCE = {
    "followers": Q(followers__isnull=False) | Q(new_followers__isnull=False),
    "reach": Q(reach__isnull=False) | Q(reach_organic__isnull=False) | Q(reach_paid__isnull=False),
    "engagement": Q(engagements__isnull=False)
    | Q(reactions__isnull=False)
    | Q(comments__isnull=False)
    | Q(shares__isnull=False),
    "network_members_engagement": Q(network_members__isnull=False),
}
SERIES_FIELDS = ("followers", "new_followers", "reach", "reach_organic", "reach_paid", "views", "engagements")
SERIES_FIELDS += ("reactions", "comments", "shares", "network_members")


@dataclass(frozen=True)
class PeriodFigures:
    followers: int | None  # at the period's end: each channel's latest count in the period, added up
    network_members: int | None
    sums: dict[str, int | None]
    present: dict[str, bool]  # metric code -> the period holds any figure for it

    def __getattr__(self, name: str):
        if name in SUMMED:
            return self.sums[name]
        raise AttributeError(name)

    @property
    def engagement_rate(self) -> float | None:
        """Engagements per person reached, as a share."""
        if self.sums["engagements"] is None or not self.sums["reach"]:
            return None
        return self.sums["engagements"] / self.sums["reach"]


@dataclass(frozen=True)
class DailyPoint:
    day: datetime.date
    values: dict[str, int | None] = field(default_factory=dict)

    def __getattr__(self, name: str):
        if name in SERIES_FIELDS:
            return self.values[name]
        raise AttributeError(name)


def _latest(period: Period, figure: str) -> Subquery:
    rows = ChannelDailySnapshot.objects.filter(
        channel_id=OuterRef("pk"), day__range=(period.start, period.end), **{f"{figure}__isnull": False}
    ).order_by("-day")
    return Subquery(rows.values(figure)[:1], output_field=IntegerField())


def period_figures(*, scope: MetricScope, period: Period) -> tuple[PeriodFigures, PeriodFigures]:
    """The figures of ``period`` and of the period before it: two queries."""
    previous = period.previous()
    periods = {"current": period, "previous": previous}
    aggregates = {}
    for name, span in periods.items():
        in_span = Q(day__range=(span.start, span.end))
        for figure in SUMMED:
            aggregates[f"{name}_{figure}"] = Sum(figure, filter=in_span)
        for code, present in PRESENCE.items():
            aggregates[f"{name}_has_{code}"] = Count("pk", filter=in_span & present)
    sums = ChannelDailySnapshot.objects.filter(scope.channel_filter, day__range=(previous.start, period.end))
    sums = sums.aggregate(**aggregates)

    latest = {}
    for name, span in periods.items():
        latest[f"latest_{name}_followers"] = _latest(span, "followers")
        latest[f"latest_{name}_network_members"] = _latest(span, "network_members")
    channels = Channel.objects.filter(scope.channels).annotate(**latest)
    ends = channels.aggregate(**{key.removeprefix("latest_"): Sum(key) for key in latest})

    return tuple(
        PeriodFigures(
            followers=ends[f"{name}_followers"],
            network_members=ends[f"{name}_network_members"],
            sums={figure: sums[f"{name}_{figure}"] for figure in SUMMED},
            present={code: bool(sums[f"{name}_has_{code}"]) for code in PRESENCE},
        )
        for name in periods
    )


def daily_series(*, scope: MetricScope, period: Period) -> tuple[list[DailyPoint], list[DailyPoint]]:
    """Every day of ``period`` and of the period before it, with the scope's figures added up (None: no data)."""
    previous = period.previous()
    rows = (
        ChannelDailySnapshot.objects.filter(scope.channel_filter, day__range=(previous.start, period.end))
        .values("day")
        .annotate(**{f"total_{figure}": Sum(figure) for figure in SERIES_FIELDS})
        .order_by("day")
    )
    by_day = {row["day"]: {figure: row[f"total_{figure}"] for figure in SERIES_FIELDS} for row in rows}
    empty = dict.fromkeys(SERIES_FIELDS)
    return tuple(
        [DailyPoint(day=day, values=by_day.get(day, empty)) for day in span.dates()] for span in (period, previous)
    )
