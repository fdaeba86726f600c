"""Metric figures for tests, written straight with the ORM: snapshots and post figures are not historied."""

import datetime
from itertools import count

from django.utils import timezone

from channels_plan.models import Channel
from governance.models import Unit, User
from metrics.models import ChannelDailySnapshot, PostMetric

_post_numbers = count(1)


def snapshots_add(channel: Channel, first_day: datetime.date, days: int, **figures) -> list[ChannelDailySnapshot]:
    """``days`` snapshots from ``first_day``; each figure is a number, or a callable of the day's index."""
    rows = []
    for index in range(days):
        values = {name: value(index) if callable(value) else value for name, value in figures.items()}
        rows.append(ChannelDailySnapshot(channel=channel, day=first_day + datetime.timedelta(days=index), **values))
    return ChannelDailySnapshot.objects.bulk_create(rows, batch_size=5000)


def post_add(
    channel: Channel, *, day: datetime.date, reach: int | None, engagements: int | None, **fields
) -> PostMetric:
    number = next(_post_numbers)
    published = datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_current_timezone())
    return PostMetric.objects.create(
        channel=channel,
        external_id=f"post-{number}",
        published_at=published,
        caption=fields.pop("caption", f"Opslag {number}"),
        reach=reach,
        engagements=engagements,
        **fields,
    )


def department_with_channel(*, name: str, level: int = 3) -> tuple[Unit, Channel]:
    """Another department of the demo hospital with its own producer, level and one approved, active channel."""
    from channels_plan.services import channel_status_set, plan_create, plan_decide
    from maturity.models import Level
    from maturity.services import unit_maturity_set
    from tests.factories import UnitFactory, UserFactory, membership_make, plan_submit_complete

    lead = User.objects.get(username="lead")
    unit = UnitFactory(hospital=lead.memberships.get().unit.hospital, name=name)
    producer = UserFactory(username=f"producer-{unit.pk}")
    membership_make(user=producer, unit=unit, role_code="producer")
    membership_make(user=UserFactory(username=f"flowmanager-{unit.pk}"), unit=unit, role_code="flowmanager")
    standing = Level.objects.get(number=level)
    unit_maturity_set(unit=unit, current_level=standing, target_level=standing, acting_user=None)
    plan = plan_create(unit=unit, data={"title": f"{name} kanal", "platform": "x"}, acting_user=producer)
    plan_submit_complete(plan=plan, acting_user=producer)
    plan_decide(plan=plan, decision="approve", comment="", acting_user=lead)
    channel = channel_status_set(channel=Channel.objects.get(plan=plan), status=Channel.Status.ACTIVE, acting_user=lead)
    return unit, channel
