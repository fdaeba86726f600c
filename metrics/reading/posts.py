"""The best and worst posts of a period: by engagement rate (among posts that reached enough people for the rate to
mean something) and by engagements. Four small queries, each limited, whatever the number of posts."""

from dataclasses import dataclass

from django.db.models import F, FloatField, QuerySet
from django.db.models.functions import Cast

from metrics.models import PostMetric
from metrics.reading.periods import Period
from metrics.reading.scopes import MetricScope

# A post seen by fewer people than this has a rate that says more about chance than about the post.
MIN_REACH_FOR_RATE = 100
POSTS_SHOWN = 5


@dataclass(frozen=True)
class PostRanking:
    best_by_rate: list[PostMetric]
    worst_by_rate: list[PostMetric]
    best_by_engagements: list[PostMetric]
    worst_by_engagements: list[PostMetric]

    @property
    def is_empty(self) -> bool:
        return not (self.best_by_rate or self.best_by_engagements)


def _posts(scope: MetricScope, period: Period) -> QuerySet[PostMetric]:
    start, end = period.datetimes()
    return PostMetric.objects.filter(
        scope.channel_filter, published_at__gte=start, published_at__lt=end, engagements__isnull=False
    ).select_related("channel")


def post_ranking(*, scope: MetricScope, period: Period) -> PostRanking:
    posts = _posts(scope, period)
    rated = posts.filter(reach__gte=MIN_REACH_FOR_RATE).annotate(
        rate=Cast(F("engagements"), FloatField()) / Cast(F("reach"), FloatField())
    )
    return PostRanking(
        best_by_rate=list(rated.order_by("-rate", "-published_at", "pk")[:POSTS_SHOWN]),
        worst_by_rate=list(rated.order_by("rate", "-published_at", "pk")[:POSTS_SHOWN]),
        best_by_engagements=list(posts.order_by("-engagements", "-published_at", "pk")[:POSTS_SHOWN]),
        worst_by_engagements=list(posts.order_by("engagements", "-published_at", "pk")[:POSTS_SHOWN]),
    )
