"""The period a dashboard shows, and the period of the same length just before it."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

MAX_PERIOD_DAYS = 366


class PeriodPreset(models.TextChoices):
    LAST_7_DAYS = "7d", _("Last 7 days")
    LAST_30_DAYS = "30d", _("Last 30 days")
    LAST_90_DAYS = "90d", _("Last 90 days")
    LAST_MONTH = "month", _("Last month")
    LAST_QUARTER = "quarter", _("Last quarter")
    CUSTOM = "custom", _("Custom period")


DEFAULT_PRESET = PeriodPreset.LAST_30_DAYS


@dataclass(frozen=True)
class Period:
    """The days from ``start`` to ``end``, both included."""

    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same length that ends the day before this one starts."""
        end = self.start - datetime.timedelta(days=1)
        return Period(start=end - datetime.timedelta(days=self.days - 1), end=end)

    def dates(self) -> list[datetime.date]:
        return [self.start + datetime.timedelta(days=offset) for offset in range(self.days)]

    def datetimes(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as [first instant, the instant after the last day) in the current time zone."""
        zone = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone)
        end = datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
        return start, end

    def __str__(self) -> str:
        start, end = (formats.date_format(day, "SHORT_DATE_FORMAT") for day in (self.start, self.end))
        return f"{start}–{end}"


def _first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def period_for_month(month: datetime.date) -> Period:
    """The calendar month holding ``month``."""
    start = _first_of_month(month)
    following = _first_of_month(start + datetime.timedelta(days=32))
    return Period(start=start, end=following - datetime.timedelta(days=1))


def period_for_preset(preset: str, *, today: datetime.date) -> Period:
    """A preset period ending today (the last N days) or the last complete month or quarter before today."""
    if preset in (PeriodPreset.LAST_7_DAYS, PeriodPreset.LAST_30_DAYS, PeriodPreset.LAST_90_DAYS):
        days = int(str(preset).removesuffix("d"))
        return Period(start=today - datetime.timedelta(days=days - 1), end=today)
    if preset == PeriodPreset.LAST_MONTH:
        return period_for_month(_first_of_month(today) - datetime.timedelta(days=1))
    if preset == PeriodPreset.LAST_QUARTER:
        quarter_start = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        end = quarter_start - datetime.timedelta(days=1)
        start = datetime.date(end.year, end.month - 2, 1)
        return Period(start=start, end=end)
    raise ValueError(f"Not a preset period: {preset}")
