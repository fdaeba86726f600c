"""Working time counts 08–16 on working days, public holidays of the hospital's country excluded."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from monitoring.working_time import add_working_minutes, due_after, elapsed_minutes, working_minutes_between

CPH = ZoneInfo("Europe/Copenhagen")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=CPH)


@pytest.mark.parametrize(
    ("start", "minutes", "expected"),
    [
        (at(2026, 11, 20, 15, 0), 480, at(2026, 11, 23, 15, 0)),  # Friday 15:00 + one working day → Monday 15:00
        (at(2026, 11, 23, 6, 30), 60, at(2026, 11, 23, 9, 0)),  # before opening: the clock starts at 08:00
        (at(2026, 11, 23, 17, 0), 30, at(2026, 11, 24, 8, 30)),  # after closing: the next morning
        (at(2026, 11, 22, 12, 0), 10, at(2026, 11, 23, 8, 10)),  # a Sunday
        (at(2026, 4, 1, 15, 0), 120, at(2026, 4, 7, 9, 0)),  # Maundy Thursday to Easter Monday are off
        (at(2026, 12, 24, 15, 0), 120, at(2026, 12, 28, 9, 0)),  # Christmas Day and Boxing Day, then a weekend
    ],
)
def test_adding_working_minutes_in_denmark(start, minutes, expected):
    assert add_working_minutes(start, minutes, "DK") == expected


def test_countries_keep_their_own_holidays():
    # 17 May is Norway's constitution day, a working day in Denmark (in 2029 a Thursday).
    start = at(2029, 5, 16, 15, 0)
    assert add_working_minutes(start, 120, "DK") == at(2029, 5, 17, 9, 0)
    assert add_working_minutes(start, 120, "NO") == at(2029, 5, 18, 9, 0)


def test_working_minutes_between_skip_nights_weekends_and_holidays():
    assert working_minutes_between(at(2026, 11, 20, 15, 0), at(2026, 11, 23, 9, 0), "DK") == 120
    assert working_minutes_between(at(2026, 11, 23, 9, 0), at(2026, 11, 23, 8, 0), "DK") == 0
    assert working_minutes_between(at(2026, 12, 24, 15, 0), at(2026, 12, 28, 9, 0), "DK") == 120


def test_around_the_clock_norms_use_the_plain_clock():
    start = at(2026, 11, 21, 23, 30)  # a Saturday night
    assert due_after(start, 120, working_time=False, country="DK") == at(2026, 11, 22, 1, 30)
    assert elapsed_minutes(start, at(2026, 11, 22, 1, 30), working_time=False, country="DK") == 120
    assert elapsed_minutes(start, at(2026, 11, 22, 1, 30), working_time=True, country="DK") == 0
