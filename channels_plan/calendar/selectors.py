"""Reads of the editorial calendar: its items under the person's filters, the filter choices, the feed token.

Every function runs a fixed number of queries, whatever the number of items.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from channels_plan.models import CalendarFeedToken, Channel, ContentProposal, ContentStrategy
from channels_plan.permissions import visible_channels_filter
from channels_plan.proposals.selectors import calendar_items, calendar_items_for_actor
from governance.models import Unit, User
from governance.permissions import Actor

CALENDAR_STATUSES = (ContentProposal.Status.SCHEDULED, ContentProposal.Status.HELD, ContentProposal.Status.PUBLISHED)
# The calendar's list of the last days (``?days=30``) and the gap report's calendar evidence cover this many days.
RECENT_DAYS = 30


def recent_window(today: datetime.date, days: int = RECENT_DAYS) -> tuple[datetime.datetime, datetime.datetime]:
    """The ``days`` days up to and including ``today``: [the first day's local midnight, the midnight after today)."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(today - datetime.timedelta(days=days - 1), datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return start, end


@dataclass
class CalendarCounts:
    """One unit's calendar items in a window, as the calendar shows them."""

    hospital_id: int
    is_communication_unit: bool
    in_calendar: int = 0  # scheduled, held or published
    published: int = 0
    reviewed: int = 0  # published after the communication unit reviewed the proposal


def calendar_counts(
    *, unit_ids: Iterable[int], hospital_ids: Iterable[int] = (), start, end
) -> dict[int, CalendarCounts]:
    """Per unit (of ``unit_ids``, and every unit of ``hospital_ids``) with items in [start, end): how many the
    calendar shows, published, and published after a review. One query, whatever the number of units."""
    units = Q(unit_id__in=list(unit_ids)) | Q(unit__hospital_id__in=list(hospital_ids))
    rows = (
        calendar_items(start=start, end=end)
        .filter(units)
        .values_list("unit_id", "unit__hospital_id", "unit__kind", "status", "submitted_at")
    )
    counts: dict[int, CalendarCounts] = {}
    for unit_id, hospital_id, kind, status, submitted_at in rows.order_by():
        entry = counts.get(unit_id)
        if entry is None:
            entry = counts[unit_id] = CalendarCounts(hospital_id, kind == Unit.Kind.COMMUNICATION)
        entry.in_calendar += 1
        if status == ContentProposal.Status.PUBLISHED:
            entry.published += 1
            entry.reviewed += submitted_at is not None
    return counts


@dataclass(frozen=True)
class CalendarFilters:
    """What the person narrowed the calendar to; every value already validated (empty = no filter)."""

    channel_id: int | None = None
    unit_id: int | None = None
    status: str = ""
    strategy: str = ""

    @classmethod
    def from_query(cls, query) -> "CalendarFilters":
        def number(name: str) -> int | None:
            value = query.get(name, "")
            return int(value) if value.isdigit() and len(value) < 19 else None

        status = query.get("status", "")
        strategy = query.get("strategy", "")
        return cls(
            channel_id=number("channel"),
            unit_id=number("unit"),
            status=status if status in CALENDAR_STATUSES else "",
            strategy=strategy if strategy in ContentStrategy.values else "",
        )

    @property
    def active(self) -> bool:
        return any((self.channel_id, self.unit_id, self.status, self.strategy))


def calendar_entries_for_actor(
    *, actor: Actor, start, end, filters: CalendarFilters | None = None
) -> QuerySet[ContentProposal]:
    """The items the person may see in [start, end), filtered, in calendar order, without their text. Two queries."""
    items = calendar_items_for_actor(actor=actor, start=start, end=end)
    filters = filters or CalendarFilters()
    if filters.channel_id is not None:
        items = items.filter(channels__id=filters.channel_id)
    if filters.unit_id is not None:
        items = items.filter(unit_id=filters.unit_id)
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.strategy:
        items = items.filter(strategy=filters.strategy)
    # The text of a post never leaves the database for the calendar: it may name patients.
    return (
        items.defer("text")
        .annotate(calendar_time=Coalesce("published_at", "scheduled_at"))
        .order_by("calendar_time", "pk")
    )


def calendar_filter_channels_for_actor(*, actor: Actor) -> list[Channel]:
    return list(Channel.objects.filter(visible_channels_filter(actor)).order_by("sender_name", "platform", "pk"))


def calendar_filter_units_for_actor(*, actor: Actor) -> list[Unit]:
    """The units whose items the person may see: their own, and every unit of the hospitals they communicate for."""
    units = Unit.objects.all()
    if not actor.user.is_superuser:
        units = units.filter(Q(pk__in=list(actor.unit_roles)) | Q(hospital_id__in=list(actor.communication_units)))
    return list(units.order_by("name", "pk"))


def calendar_feed_token_for_user(*, user: User) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(user=user).first()


def calendar_feed_token_get(*, token: str) -> CalendarFeedToken:
    """The token behind a feed URL, with its (active) owner; 404 for an unknown, reset or deactivated one."""
    feed_token = CalendarFeedToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed_token is None:
        raise Http404("No such calendar feed")
    return feed_token
