"""Working time: 08–16 on working days in the hospital's time zone, public holidays of its country excluded.

Norms that say "within normal working hours" count only these minutes: a comment written on Friday at 15:00 with a
one-working-day deadline is due on Monday at 15:00 (or Tuesday, after Easter Monday).
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone

SEARCH_LIMIT_DAYS = 30  # no country has a month of holidays in a row: a guard against endless loops


@lru_cache(maxsize=8)
def _holidays(country: str) -> holidays.HolidayBase:
    return holidays.country_holidays(country, years=range(2000, 2101))


def is_working_day(day: date, country: str) -> bool:
    return day.weekday() < 5 and day not in _holidays(country)


def _bounds(day: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start_hour, end_hour = settings.MONITORING_WORKING_HOURS
    return (
        timezone.make_aware(datetime.combine(day, time(start_hour)), zone),
        timezone.make_aware(datetime.combine(day, time(end_hour)), zone),
    )


def add_working_minutes(start: datetime, minutes: int, country: str) -> datetime:
    """The moment ``minutes`` of working time after ``start``."""
    moment = timezone.localtime(start)
    remaining = timedelta(minutes=minutes)
    day = moment.date()
    for _ in range(SEARCH_LIMIT_DAYS * 16):
        if is_working_day(day, country):
            opens, closes = _bounds(day)
            begin = max(moment, opens)
            if begin < closes:
                if begin + remaining <= closes:
                    return begin + remaining
                remaining -= closes - begin
        day += timedelta(days=1)
        moment = _bounds(day)[0]
    raise ValueError("No working time found")


def working_minutes_between(start: datetime, end: datetime, country: str) -> int:
    """How many working minutes lie between ``start`` and ``end`` (0 when ``end`` is not after ``start``)."""
    if end <= start:
        return 0
    start, end = timezone.localtime(start), timezone.localtime(end)
    total = timedelta()
    day = start.date()
    while day <= end.date():
        if is_working_day(day, country):
            opens, closes = _bounds(day)
            overlap = min(closes, end) - max(opens, start)
            if overlap > timedelta():
                total += overlap
        day += timedelta(days=1)
    return int(total.total_seconds() // 60)


def due_after(start: datetime, minutes: int, *, working_time: bool, country: str) -> datetime:
    """A deadline ``minutes`` after ``start``, in working time or around the clock."""
    if working_time:
        return add_working_minutes(start, minutes, country)
    return start + timedelta(minutes=minutes)


def elapsed_minutes(start: datetime, end: datetime, *, working_time: bool, country: str) -> int:
    if working_time:
        return working_minutes_between(start, end, country)
    return max(0, int((end - start).total_seconds() // 60))
