"""Mentions and sentiment from the interaction inbox, for a period beside the previous one: one query."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Q

from metrics.reading.periods import Period
from metrics.reading.scopes import MetricScope
from monitoring.models import Interaction
from monitoring.sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD


@dataclass(frozen=True)
class MentionFigures:
    interactions: int
    mentions: int
    involvement: int  # interactions on user-involvement posts
    scored: int
    positive: int
    neutral: int
    negative: int
    average_sentiment: float | None


def mention_figures(*, scope: MetricScope, period: Period) -> tuple[MentionFigures, MentionFigures]:
    previous = period.previous()
    aggregates = {}
    spans = {"current": period, "previous": previous}
    for name, span in spans.items():
        start, end = span.datetimes()
        inside = Q(occurred_at__gte=start, occurred_at__lt=end)
        aggregates |= {
            f"{name}_interactions": Count("pk", filter=inside),
            f"{name}_mentions": Count("pk", filter=inside & Q(kind=Interaction.Kind.MENTION)),
            f"{name}_involvement": Count("pk", filter=inside & Q(is_involvement=True)),
            f"{name}_scored": Count("pk", filter=inside & Q(sentiment__isnull=False)),
            f"{name}_positive": Count("pk", filter=inside & Q(sentiment__gte=POSITIVE_THRESHOLD)),
            f"{name}_negative": Count("pk", filter=inside & Q(sentiment__lte=NEGATIVE_THRESHOLD)),
            f"{name}_average_sentiment": Avg("sentiment", filter=inside),
        }
    start, _ = previous.datetimes()
    _, end = period.datetimes()
    row = Interaction.objects.filter(scope.interaction_filter, occurred_at__gte=start, occurred_at__lt=end).aggregate(
        **aggregates
    )
    return tuple(
        MentionFigures(
            interactions=row[f"{name}_interactions"],
            mentions=row[f"{name}_mentions"],
            involvement=row[f"{name}_involvement"],
            scored=row[f"{name}_scored"],
            positive=row[f"{name}_positive"],
            neutral=row[f"{name}_scored"] - row[f"{name}_positive"] - row[f"{name}_negative"],
            negative=row[f"{name}_negative"],
            average_sentiment=row[f"{name}_average_sentiment"],
        )
        for name in spans
    )
