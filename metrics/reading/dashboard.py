"""Everything a metric dashboard shows, read in a fixed number of queries."""

from dataclasses import dataclass

from maturity.models import RequiredMetric, UnitMaturity
from metrics.reading.asked import MetricsAsked, metrics_asked
from metrics.reading.coverage import INVOLVEMENT_CODES, hospitals_metric_coverage, units_metric_coverage
from metrics.reading.figures import DailyPoint, PeriodFigures, daily_series, period_figures
from metrics.reading.mentions import MentionFigures, mention_figures
from metrics.reading.periods import Period
from metrics.reading.posts import PostRanking, post_ranking
from metrics.reading.scopes import MetricScope

__all__ = ["INVOLVEMENT_CODES", "MetricDashboard", "metric_dashboard_get", "required_metric_list"]


@dataclass(frozen=True)
class RequiredMetricStatus:
    code: str
    name: str
    optional: bool
    has_data: bool


@dataclass(frozen=True)
class MetricDashboard:
    scope: MetricScope
    period: Period
    previous_period: Period
    figures: PeriodFigures
    previous_figures: PeriodFigures
    series: list[DailyPoint]
    previous_series: list[DailyPoint]
    posts: PostRanking
    mentions: MentionFigures
    previous_mentions: MentionFigures
    required: list[RequiredMetricStatus]
    # A department's or the hospital's required metrics count active channels only (``coverage``); these channels
    # hold figures for the period but are not active in the channel registry.
    inactive_with_data: tuple[str, ...] = ()
    required_level: int | None = None  # the level asked about (?level=N), else the unit's current level
    # A department the level asks no metric of (the communication unit measures the hospital's): ``required`` is empty;
    # ``runs_no_network``: the level asks the departments running a patient network, and this one runs none.
    asks_nothing: bool = False
    runs_no_network: bool = False

    @property
    def missing(self) -> list[RequiredMetricStatus]:
        return [status for status in self.required if not status.has_data and not status.optional]

    @property
    def has_network(self) -> bool:
        return self.figures.network_members is not None or self.previous_figures.network_members is not None


def metrics_with_data(figures: PeriodFigures, mentions: MentionFigures) -> set[str]:
    """The scale's metric codes the period holds any figure for."""
    codes = {code for code, present in figures.present.items() if present}
    if mentions.interactions:
        codes.add("mentions_sentiment")
    if mentions.involvement:
        codes.update(INVOLVEMENT_CODES)
    return codes


def required_metric_list(*, unit_id: int | None = None, level_number: int | None = None) -> list[RequiredMetric]:
    """The metrics ``level_number`` requires, or else the unit's current level, with their level: one query (none for
    a unit without a level). The gap report's metric evidence asks it per level; which of them a unit is asked is
    ``metrics.reading.asked``'s."""
    if level_number is not None:
        rows = RequiredMetric.objects.filter(level__number=level_number)
    elif unit_id is None:
        return []
    else:
        rows = RequiredMetric.objects.filter(
            level__in=UnitMaturity.objects.filter(unit_id=unit_id).values("current_level")
        )
    return list(rows.select_related("metric", "level"))


def metric_dashboard_get(*, scope: MetricScope, period: Period, level_number: int | None = None) -> MetricDashboard:
    figures, previous_figures = period_figures(scope=scope, period=period)
    series, previous_series = daily_series(scope=scope, period=period)
    mentions, previous_mentions = mention_figures(scope=scope, period=period)
    inactive_with_data: tuple[str, ...] = ()
    rows = required_metric_list(unit_id=scope.level_unit_id, level_number=level_number)
    asked: MetricsAsked | None = None  # a channel's page lists what the level requires
    if scope.kind in ("unit", "hospital"):  # as the gap report counts and asks it
        if scope.kind == "unit":
            coverage = units_metric_coverage(unit_ids=[scope.unit.pk], period=period)[scope.unit.pk]
            if rows:
                asked = metrics_asked([scope.unit], rows[0].level.number)[scope.unit.pk]
        else:
            coverage = hospitals_metric_coverage(hospital_ids=[scope.hospital.pk], period=period)[scope.hospital.pk]
            asked = MetricsAsked(for_hospital=True)
        with_data, inactive_with_data = coverage.codes, tuple(coverage.inactive_with_data)
    else:
        with_data = metrics_with_data(figures, mentions)
    required = [
        RequiredMetricStatus(
            code=row.metric.code, name=row.metric.name, optional=row.optional, has_data=row.metric.code in with_data
        )
        for row in rows
        if asked is None or asked.asks(row.metric.code)
    ]
    return MetricDashboard(
        scope=scope,
        period=period,
        previous_period=period.previous(),
        figures=figures,
        previous_figures=previous_figures,
        series=series,
        previous_series=previous_series,
        posts=post_ranking(scope=scope, period=period),
        mentions=mentions,
        previous_mentions=previous_mentions,
        required=required,
        inactive_with_data=inactive_with_data,
        required_level=level_number,
        asks_nothing=asked is not None and not asked.asks_anything,
        runs_no_network=asked is not None and asked.runs_no_network,
    )
