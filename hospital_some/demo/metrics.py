"""Demo effect figures: the persona department's Facebook page gets 120 days of daily figures and 20 posts.

The numbers follow a fixed pattern (a slow growth, a weekly rhythm, a campaign bump), no randomness, so every run
shows the same dashboard. Running it again adds nothing that is there (the unique keys of day and post id).
"""

import datetime

from django.utils import timezone

from channels_plan.models import Channel
from governance.models import Unit
from metrics.models import ChannelDailySnapshot, PostMetric

DEMO_DAYS = 120
DEMO_POSTS = 20
WEEKDAY_REACH = (1.0, 1.1, 1.05, 1.2, 0.9, 0.6, 0.7)  # Monday … Sunday
POST_TOPICS = [
    "Mød hjertesygeplejerskerne",
    "Sådan forbereder du dig til en ballonudvidelse",
    "Hjerteskolen for pårørende",
    "Gode råd efter en blodprop i hjertet",
    "Hjerteugen: åbent hus",
]


def _snapshot(channel: Channel, day: datetime.date, index: int) -> ChannelDailySnapshot:
    campaign = 1.6 if 60 <= index < 67 else 1.0
    reach = int((900 + 6 * index) * WEEKDAY_REACH[day.weekday()] * campaign)
    organic = reach * 4 // 5 if campaign == 1.0 else reach // 2
    reactions, comments, shares = reach // 30, reach // 160, reach // 220
    return ChannelDailySnapshot(
        channel=channel,
        day=day,
        followers=2400 + 4 * index + (index // 7) * 3,
        new_followers=4 + (index % 7 == 3) * 5,
        reach=reach,
        reach_organic=organic,
        reach_paid=reach - organic,
        views=reach * 2,
        reactions=reactions,
        comments=comments,
        shares=shares,
        clicks=reach // 50,
        engagements=reactions + comments + shares,
    )


def _post(channel: Channel, number: int, published: datetime.datetime) -> PostMetric:
    reach = 800 + (number * 377) % 2600
    engagements = reach * (2 + (number * 7) % 9) // 100
    return PostMetric(
        channel=channel,
        external_id=f"demo-post-{number}",
        published_at=published,
        post_type="photo" if number % 3 else "video",
        caption=f"{POST_TOPICS[number % len(POST_TOPICS)]} ({number})",
        reach=reach,
        reach_organic=reach,
        reach_paid=0,
        views=reach * 2,
        reactions=engagements * 3 // 4,
        comments=engagements // 8,
        shares=engagements - engagements * 3 // 4 - engagements // 8,
        engagements=engagements,
    )


def demo_metrics_seed(*, unit: Unit, today: datetime.date | None = None) -> None:
    """Figures for the unit's first approved channel, the last ``DEMO_DAYS`` days up to ``today``."""
    channel = Channel.objects.filter(unit=unit).exclude(status=Channel.Status.CLOSED).order_by("pk").first()
    if channel is None:
        return
    today = today or timezone.localdate()
    first = today - datetime.timedelta(days=DEMO_DAYS - 1)
    snapshots = [_snapshot(channel, first + datetime.timedelta(days=index), index) for index in range(DEMO_DAYS)]
    ChannelDailySnapshot.objects.bulk_create(snapshots, ignore_conflicts=True)
    noon = datetime.time(12, tzinfo=timezone.get_current_timezone())
    posts = [
        _post(channel, number, datetime.datetime.combine(first + datetime.timedelta(days=6 * number + 2), noon))
        for number in range(DEMO_POSTS)
    ]
    PostMetric.objects.bulk_create(posts, ignore_conflicts=True)
