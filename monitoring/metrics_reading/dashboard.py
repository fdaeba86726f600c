"""Everything a metric dashboard shows, read in a fixed number of queries."""

from dataclasses import dataclass

from maturity.models import RequiredMetric, UnitMaturity
from monitoring.metrics_reading.figures import DailyPoint, PeriodFigures, daily_series, period_figures
from monitoring.metrics_reading.mentions import MentionFigures, mention_figures
from monitoring.metrics_reading.periods import Period
from monitoring.metrics_reading.posts import PostRanking, post_ranking
from monitoring.metrics_reading.scopes import MetricScope

INVOLVEMENT_CODES = ("involvement_engagement", "involvement_input")


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


def required_metric_list(*, unit_id: int | None) -> list[RequiredMetric]:
    """The metrics the unit's current level requires: one query (none for a unit without a level)."""
    if unit_id is None:
        return []
    levels = UnitMaturity.objects.filter(unit_id=unit_id).values("current_level")
    return list(RequiredMetric.objects.filter(level__in=levels).select_related("metric"))


def metric_dashboard_get(*, scope: MetricScope, period: Period) -> MetricDashboard:
    figures, previous_figures = period_figures(scope=scope, period=period)
    series, previous_series = daily_series(scope=scope, period=period)
    mentions, previous_mentions = mention_figures(scope=scope, period=period)
    with_data = metrics_with_data(figures, mentions)
    required = [
        RequiredMetricStatus(
            code=row.metric.code, name=row.metric.name, optional=row.optional, has_data=row.metric.code in with_data
        )
        for row in required_metric_list(unit_id=scope.level_unit_id)
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
    )
