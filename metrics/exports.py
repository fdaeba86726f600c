"""The figures of a metric dashboard as rows for a CSV or XLSX download: the period's totals beside the previous
period's, the daily series, and the best and worst posts (whose captions are untrusted text; the spreadsheet
helpers quote anything that would start a formula)."""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from metrics.reading import MetricDashboard
from metrics.reading.figures import PeriodFigures

COLUMNS = (
    "followers",
    "new_followers",
    "reach",
    "reach_organic",
    "reach_paid",
    "views",
    "engagements",
    "reactions",
    "comments",
    "shares",
    "network_members",
)


def metric_export_header() -> list[str]:
    return [
        _("Section"),
        _("Day or item"),
        _("Followers"),
        _("New followers"),
        _("Reach"),
        _("Organic reach"),
        _("Paid reach"),
        _("Views"),
        _("Engagements"),
        _("Reactions"),
        _("Comments"),
        _("Shares"),
        _("Network members"),
        _("Engagement rate"),
    ]


def _totals(figures: PeriodFigures) -> list:
    values = [figures.followers, *(figures.sums[name] for name in COLUMNS[1:-1]), figures.network_members]
    rate = figures.engagement_rate
    return [*values, round(rate, 4) if rate is not None else None]


def metric_export_rows(dashboard: MetricDashboard) -> Iterator[list]:
    yield [_("This period"), str(dashboard.period), *_totals(dashboard.figures)]
    yield [_("Previous period"), str(dashboard.previous_period), *_totals(dashboard.previous_figures)]
    for label, series in ((_("Day"), dashboard.series), (_("Day of the previous period"), dashboard.previous_series)):
        for point in series:
            yield [label, point.day, *(point.values[name] for name in COLUMNS), None]
    posts = dashboard.posts
    for label, rows in (
        (_("Best post by engagement rate"), posts.best_by_rate),
        (_("Worst post by engagement rate"), posts.worst_by_rate),
        (_("Best post by engagements"), posts.best_by_engagements),
        (_("Worst post by engagements"), posts.worst_by_engagements),
    ):
        for post in rows:
            rate = post.engagement_rate
            yield [
                label,
                post.caption,
                None,
                None,
                post.reach,
                post.reach_organic,
                post.reach_paid,
                post.views,
                post.engagements,
                post.reactions,
                post.comments,
                post.shares,
                None,
                round(rate, 4) if rate is not None else None,
            ]
