"""Reading the effect figures for a dashboard: periods, scopes (a channel, a department, the hospital), the figures
of a period beside the previous one, daily series, best and worst posts, mentions and sentiment, and which of them
the unit's level requires. Every block is one aggregate query, so a page costs the same whatever the data size."""

from metrics.reading.dashboard import MetricDashboard, metric_dashboard_get
from metrics.reading.periods import Period, PeriodPreset, period_for_preset
from metrics.reading.scopes import MetricScope, channel_scope, hospital_scope, unit_scope

__all__ = [
    "MetricDashboard",
    "MetricScope",
    "Period",
    "PeriodPreset",
    "channel_scope",
    "hospital_scope",
    "metric_dashboard_get",
    "period_for_preset",
    "unit_scope",
]
