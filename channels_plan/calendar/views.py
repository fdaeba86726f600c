"""The editorial calendar ("indholdskalender"): month, week and list views, and the personal iCalendar feed.

Navigation is plain links and a GET form, so everything works without JavaScript. When htmx is present, the
links and the filter form swap only the calendar region (``#calendar-region``) and push the new URL; the
response then carries the new page title and a status message for screen readers (an out-of-band swap).
"""

import calendar as calendar_module
import datetime
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST, require_safe
from icalendar import Calendar, Event, vDuration

from channels_plan import services
from channels_plan.calendar.selectors import (
    CALENDAR_STATUSES,
    RECENT_DAYS,
    CalendarFilters,
    calendar_entries_for_actor,
    calendar_feed_token_for_user,
    calendar_feed_token_get,
    calendar_filter_channels_for_actor,
    calendar_filter_units_for_actor,
    recent_window,
)
from channels_plan.exceptions import PlanError
from channels_plan.models import ContentProposal, ContentStrategy
from governance.permissions import Actor, actor_for, request_actor

REGION_ID = "calendar-region"
FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 365
# Dates outside these years are taken for nonsense and show today's period instead.
FIRST_YEAR, LAST_YEAR = 1970, 2200
# A month cell shows this many posts and links the rest to the day's week: rendering stays bounded in busy months.
MONTH_ITEMS_PER_DAY = 6


@dataclass
class CalendarDay:
    date: datetime.date
    is_today: bool
    in_period: bool = True
    items: list[ContentProposal] = field(default_factory=list)
    hidden_count: int = 0

    def keep_first(self, count: int) -> None:
        """Show the first ``count`` items; the rest are counted, for a "+N more" link."""
        self.hidden_count = max(len(self.items) - count, 0)
        del self.items[count:]


@dataclass
class CalendarWeek:
    number: int
    monday: datetime.date
    days: list[CalendarDay]


def _anchor_date(request: HttpRequest, today: datetime.date) -> datetime.date:
    """The day the person navigated to (``?date=YYYY-MM-DD``); today when absent or nonsense."""
    try:
        anchor = datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return today
    return anchor if FIRST_YEAR <= anchor.year <= LAST_YEAR else today


def _month_bounds(anchor: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first day of the anchor's month and the first day of the next month."""
    first = anchor.replace(day=1)
    days = calendar_module.monthrange(first.year, first.month)[1]
    return first, first + datetime.timedelta(days=days)


def _week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _local_midnight(day: datetime.date) -> datetime.datetime:
    """The start of ``day`` in the time zone the page is shown in (Europe/Copenhagen unless activated otherwise)."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def _proposal_path(proposal_id: int) -> str:
    return reverse("channels_plan:proposal_detail", args=[proposal_id])


def _load_items(actor: Actor, first: datetime.date, end: datetime.date, filters: CalendarFilters) -> list:
    """The period's items, each with its local day, time and link, in calendar order."""
    items = list(
        calendar_entries_for_actor(actor=actor, start=_local_midnight(first), end=_local_midnight(end), filters=filters)
    )
    # Labels and the link pattern are worked out once per request, not once per item: a busy month has hundreds.
    labels = {status: str(label) for status, label in ContentProposal.Status.choices}
    strategies = {strategy: str(label) for strategy, label in ContentStrategy.choices}
    path = _proposal_path(0).replace("/0/", "/{}/")
    for item in items:
        item.local_at = timezone.localtime(item.calendar_at)
        item.url = path.format(item.pk)
        item.status_label = labels[item.status]
        item.strategy_label = strategies.get(item.strategy, item.strategy)
        item.channel_list = list(item.channels.all())
    return items


def _days(first: datetime.date, end: datetime.date, today: datetime.date, items, period=None) -> list[CalendarDay]:
    """The days in [first, end), each with its items; ``period`` marks the days that belong to the month shown."""
    period_start, period_end = period or (first, end)
    dates = [first + datetime.timedelta(days=offset) for offset in range((end - first).days)]
    days = {
        date: CalendarDay(date=date, is_today=date == today, in_period=period_start <= date < period_end)
        for date in dates
    }
    for item in items:
        day = days.get(item.local_at.date())
        if day is not None:
            day.items.append(item)
    return list(days.values())


def _month_context(actor, anchor, today, filters) -> dict:
    first, next_first = _month_bounds(anchor)
    grid_start = _week_start(first)
    grid_end = _week_start(next_first - datetime.timedelta(days=1)) + datetime.timedelta(days=7)
    items = _load_items(actor, grid_start, grid_end, filters)
    days = _days(grid_start, grid_end, today, items, period=(first, next_first))
    for day in days:
        day.keep_first(MONTH_ITEMS_PER_DAY)
    weeks = [
        CalendarWeek(number=days[index].date.isocalendar().week, monday=days[index].date, days=days[index : index + 7])
        for index in range(0, len(days), 7)
    ]
    return {
        "weeks": weeks,
        "weekdays": [day.date for day in weeks[0].days],
        "item_count": sum(1 for item in items if first <= item.local_at.date() < next_first),
        "first": first,
        "previous_date": _month_bounds(first - datetime.timedelta(days=1))[0],
        "next_date": next_first,
        "period_label": _month_label(first),
        "previous_label": _("Previous month"),
        "next_label": _("Next month"),
        "today_label": _("This month"),
    }


def _month_label(first: datetime.date) -> str:
    return date_format(first, "F Y").capitalize()


def _week_context(actor, anchor, today, filters) -> dict:
    monday = _week_start(anchor)
    sunday = monday + datetime.timedelta(days=6)
    items = _load_items(actor, monday, monday + datetime.timedelta(days=7), filters)
    days = _days(monday, monday + datetime.timedelta(days=7), today, items)
    label = _("Week %(number)s, %(start)s – %(end)s") % {
        "number": monday.isocalendar().week,
        "start": date_format(monday, "j F"),
        "end": date_format(sunday, "j F Y"),
    }
    return {
        "days": days,
        "item_count": len(items),
        "first": monday,
        "previous_date": monday - datetime.timedelta(days=7),
        "next_date": monday + datetime.timedelta(days=7),
        "period_label": label,
        "previous_label": _("Previous week"),
        "next_label": _("Next week"),
        "today_label": _("This week"),
    }


def _list_context(actor, anchor, today, filters) -> dict:
    first, next_first = _month_bounds(anchor)
    items = _load_items(actor, first, next_first, filters)
    return {
        "items": items,
        "item_count": len(items),
        "first": first,
        "previous_date": _month_bounds(first - datetime.timedelta(days=1))[0],
        "next_date": next_first,
        "period_label": _month_label(first),
        "previous_label": _("Previous month"),
        "next_label": _("Next month"),
        "today_label": _("This month"),
    }


def _recent_context(actor, anchor, today, filters) -> dict:
    """The list of the last 30 days up to today (``?days=30``): what the gap report counts as the calendar in use."""
    start, end = recent_window(today)
    first = start.date()
    items = _load_items(actor, first, end.date(), filters)
    month_first = _month_bounds(today)[0]
    return {
        "items": items,
        "item_count": len(items),
        "first": first,
        "next_date": _month_bounds(today)[1],
        "recent_days": RECENT_DAYS,
        "previous_date": _month_bounds(month_first - datetime.timedelta(days=1))[0],
        "period_label": _("The last %(days)s days") % {"days": RECENT_DAYS},
        "previous_label": _("Previous month"),
        "next_label": _("Next month"),
        "today_label": _("This month"),
    }


VIEWS = {
    "month": (_month_context, "channels_plan/calendar_month.html"),
    "week": (_week_context, "channels_plan/calendar_week.html"),
    "list": (_list_context, "channels_plan/calendar_list.html"),
}


def _feed_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("calendar:feed", args=[token]))


def _render_calendar(request: HttpRequest, view: str) -> HttpResponse:
    actor = request_actor(request)
    today = timezone.localdate()
    anchor = _anchor_date(request, today)
    filters = CalendarFilters.from_query(request.GET)
    build_context, view_template = VIEWS[view]
    if view == "list" and request.GET.get("days") == str(RECENT_DAYS):
        build_context = _recent_context
    context = build_context(actor, anchor, today, filters)
    context.update(
        {
            # Switching between month, week and list keeps today in view when the period shown holds it.
            "switch_date": today if context["first"] <= today < context["next_date"] else context["first"],
            "view": view,
            "view_template": view_template,
            "today": today,
            "filters": filters,
            "filter_channels": calendar_filter_channels_for_actor(actor=actor),
            "filter_units": calendar_filter_units_for_actor(actor=actor),
            "statuses": [(status.value, status.label) for status in CALENDAR_STATUSES],
            "strategies": ContentStrategy.choices,
            "region_id": REGION_ID,
            "announcement": ngettext(
                "%(period)s: %(count)s post.", "%(period)s: %(count)s posts.", context["item_count"]
            )
            % {"period": context["period_label"], "count": context["item_count"]},
        }
    )
    # A swap of the region by htmx gets the region alone; a history restore or a plain request the whole page.
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == REGION_ID and not htmx.history_restore_request:
        response = render(request, "channels_plan/calendar_region.html", {**context, "partial": True})
    else:
        feed_token = calendar_feed_token_for_user(user=request.user)
        context["feed_url"] = _feed_url(request, feed_token.token) if feed_token else ""
        context["feed_token"] = feed_token
        response = render(request, "channels_plan/calendar_page.html", context)
    # The same URL answers with a region or a page: caches must keep the two apart.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    patch_cache_control(response, private=True)
    return response


@login_required
@require_GET
def calendar_month(request: HttpRequest) -> HttpResponse:
    return _render_calendar(request, "month")


@login_required
@require_GET
def calendar_week(request: HttpRequest) -> HttpResponse:
    return _render_calendar(request, "week")


@login_required
@require_GET
def calendar_list(request: HttpRequest) -> HttpResponse:
    return _render_calendar(request, "list")


@login_required
@require_POST
def calendar_feed_reset(request: HttpRequest) -> HttpResponse:
    """Issue the person's feed link, or replace it: the old URL stops working at once."""
    had_token = calendar_feed_token_for_user(user=request.user) is not None
    try:
        services.calendar_feed_token_reset(user=request.user, acting_user=request.user)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your calendar link is reset. Subscribe again with the new address; the old one no longer works.")
            if had_token
            else _("Your calendar link is ready. Subscribe to it in Outlook."),
        )
    return redirect(reverse("calendar:month") + "#calendar-feed")


def _feed_ics(items, *, site_url: str) -> bytes:
    """The items as iCalendar events: when, what and where, never the post's text (it may name patients)."""
    host = urlsplit(site_url).hostname or "hospital-some"
    now = timezone.now()
    feed = Calendar()
    feed.add("prodid", "-//hospital-some//editorial calendar//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", _("Editorial calendar"))
    # Ask subscribing clients (Outlook reads X-PUBLISHED-TTL) to refresh hourly.
    feed.add("x-published-ttl", "PT1H")
    feed.add("refresh-interval", vDuration(datetime.timedelta(hours=1)), parameters={"VALUE": "DURATION"})
    for item in items:
        channels = ", ".join(channel.sender_name for channel in item.channels.all())
        event = Event()
        event.add("uid", f"content-proposal-{item.pk}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", item.calendar_at.astimezone(datetime.UTC))
        event.add("summary", f"{item.title} ({channels})" if channels else item.title)
        event.add("url", site_url + _proposal_path(item.pk))
        event.add("transp", "TRANSPARENT")  # a post does not make its planner busy
        feed.add_component(event)
    return feed.to_ical()


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed behind a personal token: no login, the items the token's owner may see."""
    feed_token = calendar_feed_token_get(token=token)
    now = timezone.now()
    items = calendar_entries_for_actor(
        actor=actor_for(feed_token.user),
        start=now - datetime.timedelta(days=FEED_DAYS_BACK),
        end=now + datetime.timedelta(days=FEED_DAYS_AHEAD),
    )
    response = HttpResponse(
        _feed_ics(items, site_url=settings.SITE_URL.rstrip("/")), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="editorial-calendar.ics"'
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True, no_cache=True)
    return response
