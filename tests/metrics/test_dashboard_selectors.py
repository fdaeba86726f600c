import datetime

import pytest

from channels_plan.models import Channel
from channels_plan.services import channel_status_set
from governance.models import Unit, User
from metrics.reading import (
    Period,
    PeriodPreset,
    channel_scope,
    hospital_scope,
    metric_dashboard_get,
    period_for_preset,
    unit_scope,
)
from metrics.reading.posts import MIN_REACH_FOR_RATE
from monitoring.models import Interaction
from tests.metric_factories import post_add
from tests.metrics.support import PERIOD, TODAY, figures_fixture  # noqa: F401  (fixture)


def _unit(unit):
    return unit_scope(Unit.objects.select_related("hospital").get(pk=unit.pk))


def test_period_presets_and_the_previous_period():
    assert period_for_preset(PeriodPreset.LAST_7_DAYS, today=TODAY) == Period(datetime.date(2026, 3, 25), TODAY)
    assert period_for_preset(PeriodPreset.LAST_MONTH, today=TODAY) == Period(
        datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)
    )
    assert period_for_preset(PeriodPreset.LAST_QUARTER, today=TODAY) == Period(
        datetime.date(2025, 10, 1), datetime.date(2025, 12, 31)
    )
    assert PERIOD.previous() == Period(datetime.date(2026, 1, 31), datetime.date(2026, 3, 1))


def test_a_departments_figures_beside_the_previous_period(figures):
    dashboard = metric_dashboard_get(scope=_unit(figures["department"]), period=PERIOD)
    now, before = dashboard.figures, dashboard.previous_figures
    assert now.followers == 1059 + 500  # each channel's latest count in the period
    assert before.followers == 1029
    assert (now.new_followers, before.new_followers) == (30, 30)
    assert (now.reach, now.reach_organic, now.reach_paid) == (3000 + 500, 2400, 600)
    assert before.reach == 3000
    assert (now.engagements, now.reactions, now.comments, now.shares) == (150, 90, 30, 30)
    assert now.engagement_rate == pytest.approx(150 / 3500)
    assert before.engagement_rate == pytest.approx(0.05)
    assert now.network_members is None and not dashboard.has_network


def test_the_daily_series_covers_every_day_and_adds_up_the_channels(figures):
    dashboard = metric_dashboard_get(scope=_unit(figures["department"]), period=PERIOD)
    assert len(dashboard.series) == len(dashboard.previous_series) == 30
    first_of_second = dashboard.series[8]  # 10 March
    assert first_of_second.day == datetime.date(2026, 3, 10)
    assert first_of_second.followers == 1000 + 38 + 500
    assert first_of_second.reach == 150
    assert dashboard.previous_series[0].followers == 1000


def test_a_channel_and_the_hospital_see_their_own_channels(figures):
    channel = figures["main"]
    scope = channel_scope(type(channel).objects.select_related("unit__hospital").get(pk=channel.pk))
    assert metric_dashboard_get(scope=scope, period=PERIOD).figures.reach == 3000
    hospital = figures["department"].hospital
    whole = metric_dashboard_get(scope=hospital_scope(hospital, communication_unit_id=None), period=PERIOD)
    assert whole.figures.reach == 3000 + 500 + 30000
    assert whole.figures.followers == 1059 + 500 + 7000


def _activate(channel):
    channel_status_set(channel=channel, status=Channel.Status.ACTIVE, acting_user=User.objects.get(username="lead"))


def test_required_metrics_without_data_are_marked(figures):
    # The department's level 3 asks no metric of it (the effect lines are the hospital's); its main channel is still
    # planned in the registry, and the page says why its figures would not count.
    dashboard = metric_dashboard_get(scope=_unit(figures["department"]), period=PERIOD)
    assert dashboard.required == [] and dashboard.asks_nothing
    assert dashboard.inactive_with_data == (f"{figures['main'].sender_name} (Facebook page, planned)",)
    # The hospital's page: level 3 asks for followers, reach, engagement and mentions and sentiment, counted on the
    # hospital's active channels; no interaction is in the period.
    hospital = hospital_scope(figures["department"].hospital, communication_unit_id=None)
    dashboard = metric_dashboard_get(scope=hospital, period=PERIOD, level_number=3)
    by_code = {status.code: status.has_data for status in dashboard.required}
    assert by_code == {"followers": True, "reach": True, "engagement": True, "mentions_sentiment": False}
    assert [status.code for status in dashboard.missing] == ["mentions_sentiment"]
    assert dashboard.inactive_with_data == (f"{figures['main'].sender_name} (Facebook page, planned)",)
    _activate(figures["main"])
    dashboard = metric_dashboard_get(scope=hospital, period=PERIOD, level_number=3)
    assert dashboard.inactive_with_data == ()


def test_mentions_and_sentiment_of_the_period(figures, people):
    department = figures["department"]
    _activate(figures["main"])
    when = datetime.datetime(2026, 3, 15, 12, tzinfo=datetime.UTC)
    for sentiment, kind in [(0.8, "mention"), (-0.6, "comment"), (0.0, "mention"), (None, "mention")]:
        Interaction.objects.create(
            hospital=department.hospital,
            unit=department,
            kind=kind,
            text="x",
            occurred_at=when,
            sentiment=sentiment,
        )
    Interaction.objects.create(
        hospital=department.hospital, unit=department, kind="mention", text="x", occurred_at=when.replace(month=2)
    )
    dashboard = metric_dashboard_get(scope=_unit(department), period=PERIOD)
    mentions = dashboard.mentions
    assert (mentions.interactions, mentions.mentions, mentions.scored) == (4, 3, 3)
    assert (mentions.positive, mentions.neutral, mentions.negative) == (1, 1, 1)
    assert mentions.average_sentiment == pytest.approx(0.2 / 3)
    assert dashboard.previous_mentions.mentions == 1
    assert not dashboard.missing


def test_best_and_worst_posts_by_rate_need_enough_reach(figures):
    channel = figures["main"]
    day = datetime.date(2026, 3, 20)
    tiny = post_add(channel, day=day, reach=MIN_REACH_FOR_RATE - 1, engagements=50)  # rate 0.5, too few reached
    good = post_add(channel, day=day, reach=1000, engagements=100)  # 0.10
    weak = post_add(channel, day=day, reach=5000, engagements=50)  # 0.01
    post_add(channel, day=datetime.date(2026, 2, 20), reach=1000, engagements=900)  # the previous period
    posts = metric_dashboard_get(scope=_unit(figures["department"]), period=PERIOD).posts
    assert [post.pk for post in posts.best_by_rate] == [good.pk, weak.pk]
    assert [post.pk for post in posts.worst_by_rate] == [weak.pk, good.pk]
    assert posts.best_by_engagements[0] == good
    assert [post.pk for post in posts.worst_by_engagements] == [tiny.pk, weak.pk, good.pk]
