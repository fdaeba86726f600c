"""A department with hand-countable figures, shared by the metric dashboard, report and evidence tests.

The persona department's channel has 60 days of figures from 31 January 2026: followers 1000 + the day's index,
1 new follower, reach 100 (80 organic, 20 paid), 5 engagements (3 reactions, 1 comment, 1 share) a day. A second
channel of the department has 10 days from 10 March with 500 followers and reach 50. A third department's channel
has figures too, which only the hospital sees.
"""

import datetime

import pytest

from channels_plan.models import Channel
from governance.models import Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from metrics.models import ChannelDailySnapshot, PostMetric
from metrics.reading import Period
from monitoring.models import Interaction
from tests.metric_factories import department_with_channel, snapshots_add

TODAY = datetime.date(2026, 3, 31)
PERIOD = Period(start=datetime.date(2026, 3, 2), end=TODAY)  # 30 days; the previous: 31 January – 1 March


@pytest.fixture(name="figures")
def figures_fixture(demo, make_active_channel):
    ChannelDailySnapshot.objects.all().delete()
    PostMetric.objects.all().delete()
    Interaction.objects.all().delete()
    department = Unit.objects.get(name=PERSONA_DEPARTMENT)
    main = Channel.objects.get(unit=department, plan__title="Hjerteafdelingen på Facebook")
    snapshots_add(
        main,
        datetime.date(2026, 1, 31),
        60,
        followers=lambda index: 1000 + index,
        new_followers=1,
        reach=100,
        reach_organic=80,
        reach_paid=20,
        engagements=5,
        reactions=3,
        comments=1,
        shares=1,
    )
    second = make_active_channel("Hjerteskolen på X")
    snapshots_add(second, datetime.date(2026, 3, 10), 10, followers=500, reach=50)
    other_unit, other_channel = department_with_channel(name="Lungemedicinsk afdeling")
    snapshots_add(other_channel, datetime.date(2026, 3, 2), 30, followers=7000, reach=1000, engagements=10)
    return {
        "department": department,
        "main": main,
        "second": second,
        "other_unit": other_unit,
        "other_channel": other_channel,
    }
