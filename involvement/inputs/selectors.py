"""Reading an activity's input: the interactions that may be linked, and the summary (counts per topic and
sentiment, and the coder's own summaries: never the comments). A fixed number of queries each."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, Sum

from governance.permissions import Actor
from involvement.models import InvolvementActivity, InvolvementInput
from metrics.models import PostMetric
from monitoring.models import Interaction
from monitoring.permissions import visible_interactions_filter
from monitoring.sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD

CANDIDATES_SHOWN = 200
SENTIMENTS = {
    "positive": Q(interaction__sentiment__gte=POSITIVE_THRESHOLD),
    "neutral": Q(interaction__sentiment__gt=NEGATIVE_THRESHOLD, interaction__sentiment__lt=POSITIVE_THRESHOLD),
    "negative": Q(interaction__sentiment__lte=NEGATIVE_THRESHOLD),
    "unknown": Q(interaction__sentiment__isnull=True),
}
POST_FIGURES = ("reach", "reactions", "comments", "shares", "engagements")


@dataclass(frozen=True)
class TopicCount:
    label: str  # empty: not coded yet
    summary: str
    counts: dict[str, int]  # sentiment label -> number of linked interactions
    health_data: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class InputSummary:
    topics: list[TopicCount]
    linked: int
    post_figures: dict[str, int | None] = field(default_factory=dict)  # summed PostMetric figures of its posts
    posts_with_figures: int = 0


def _channel_ids(activity: InvolvementActivity) -> set[int]:
    """From the prefetched proposals and channels of ``involvement_selectors.activity_get_for_actor``."""
    return {channel.pk for proposal in activity.proposals.all() for channel in proposal.channels.all()}


def input_summary(activity: InvolvementActivity) -> InputSummary:
    """Counts per topic and sentiment (two queries), and its posts' figures where imported (one query)."""
    rows = (
        InvolvementInput.objects.filter(activity=activity)
        .values("topic_id")
        .annotate(
            **{name: Count("pk", filter=condition) for name, condition in SENTIMENTS.items()},
            health_data=Count("pk", filter=Q(interaction__has_health_data=True)),
        )
        .order_by()
    )
    by_topic = {row.pop("topic_id"): row for row in rows}
    empty = dict.fromkeys([*SENTIMENTS, "health_data"], 0)
    topics = [
        TopicCount(
            label=topic.label,
            summary=topic.summary,
            counts={name: by_topic.get(topic.pk, empty)[name] for name in SENTIMENTS},
            health_data=by_topic.get(topic.pk, empty)["health_data"],
        )
        for topic in activity.topics.all()
    ]
    if None in by_topic:
        uncoded = by_topic[None]
        topics.append(TopicCount("", "", {name: uncoded[name] for name in SENTIMENTS}, uncoded["health_data"]))
    permalinks = {proposal.permalink for proposal in activity.proposals.all() if proposal.permalink}
    figures = PostMetric.objects.filter(channel_id__in=_channel_ids(activity), permalink__in=permalinks).aggregate(
        posts=Count("pk"), **{name: Sum(name) for name in POST_FIGURES}
    )
    posts = figures.pop("posts")
    return InputSummary(
        topics=topics,
        linked=sum(topic.total for topic in topics),
        post_figures=figures,
        posts_with_figures=posts,
    )


def input_candidates(*, actor: Actor, activity: InvolvementActivity) -> list[Interaction]:
    """Interactions the person sees on the channels of the activity's posts since it was planned, newest first,
    each with ``link`` (its link to this activity, or None). One query for the lot, plus one for the links."""
    candidates = list(
        Interaction.objects.filter(
            visible_interactions_filter(actor),
            hospital_id=activity.unit.hospital_id,
            channel_id__in=_channel_ids(activity),
            occurred_at__gte=activity.created_at,
        )
        .select_related("channel")
        .prefetch_related(
            Prefetch(
                "involvement_inputs",
                queryset=InvolvementInput.objects.filter(activity=activity),
                to_attr="activity_links",
            )
        )
        .order_by("-occurred_at")[:CANDIDATES_SHOWN]
    )
    for interaction in candidates:
        interaction.link = interaction.activity_links[0] if interaction.activity_links else None
    return candidates
