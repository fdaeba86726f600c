"""Reads of the editorial calendar: its items under the person's filters, the filter choices, the feed token.

Every function runs a fixed number of queries, whatever the number of items.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from channels_plan.models import CalendarFeedToken, Channel, ContentProposal, ContentStrategy
from channels_plan.permissions import visible_channels_filter
from channels_plan.proposal_selectors import calendar_items_for_actor
from governance.models import Unit, User
from governance.permissions import Actor

CALENDAR_STATUSES = (ContentProposal.Status.SCHEDULED, ContentProposal.Status.HELD, ContentProposal.Status.PUBLISHED)


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
