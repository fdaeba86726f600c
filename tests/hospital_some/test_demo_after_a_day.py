"""The demo stays true while `make run` runs: hours and days after ``seed_demo``, with the monitoring sweep running
as Celery beat runs it, the gap engine still assesses each department at the level the demo built it for
(``test_demo_levels``).

The clock is ``django.utils.timezone.now``, moved forward by the test (the project has no time-machine library). The
beat of `make run` is read from its settings (``hospital_some.settings.local``): the sweep every 5 minutes and the demo
team's checks (``hospital_some.demo.duty``) every half hour, each run at its own moments as beat would."""

import importlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from governance.models import Hospital, Unit
from hospital_some.demo.duty import record_demo_checks
from hospital_some.demo.levels import LEVEL_DEPARTMENTS
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from monitoring.alerts.selectors import MISSED_CHECK_CAUSES
from monitoring.models import Alert, Interaction
from monitoring.sweep import monitoring_sweep

pytestmark = pytest.mark.django_db

MAKE_RUN_BEAT = importlib.import_module("hospital_some.settings.local").CELERY_BEAT_SCHEDULE
SWEEP = "monitoring-sweep"
DEMO_CHECKS = "demo-team-checks-channels"
LATER = (1, 8, 24, 72)  # hours after seed_demo


class Clock:
    """``timezone.now`` at a moment the test chooses; the beat entries of `make run` run when they are due."""

    def __init__(self, monkeypatch, start: datetime):
        self.monkeypatch = monkeypatch
        self.now = start
        self.set(start)

    def set(self, moment: datetime) -> None:
        self.now = moment
        self.monkeypatch.setattr(timezone, "now", lambda: moment)

    def run_beat(self, *, until: datetime, entries: dict[str, Callable[[], object]]) -> None:
        """Every entry runs at each multiple of its interval (from the start of the run) up to ``until``."""
        intervals = {name: timedelta(seconds=MAKE_RUN_BEAT[name]["schedule"]) for name in entries}
        due = {name: self.now for name in entries}  # beat runs an entry it has never run at once
        while True:
            name = min(due, key=lambda entry: (due[entry], entry != SWEEP))  # the sweep first: the worst order
            if due[name] > until:
                break
            self.set(due[name])
            entries[name]()
            due[name] += intervals[name]
        self.set(until)


def _seed_demo() -> None:
    """What `make run` does before it starts the web server and the worker."""
    call_command("seed_demo", stdout=StringIO())


def _assessed_levels(hospital: Hospital) -> dict[str, int]:
    """Each department's and the communication unit's assessed level, as ``gap_report`` prints it now."""
    units = [Unit.objects.get(name=spec.name) for spec in LEVEL_DEPARTMENTS]
    units.append(Unit.objects.get(hospital=hospital, kind=Unit.Kind.COMMUNICATION))
    levels = {}
    for unit in units:
        out = StringIO()
        call_command("gap_report", unit=str(unit.pk), format="json", stdout=out)
        levels[unit.name] = json.loads(out.getvalue())["assessed_level"]
    return levels


def _built_for(hospital: Hospital, communication_level: int) -> dict[str, int]:
    """The levels ``test_demo_levels`` asserts, and the communication unit's as found at seeding."""
    levels = {spec.name: spec.level for spec in LEVEL_DEPARTMENTS}
    levels[Unit.objects.get(hospital=hospital, kind=Unit.Kind.COMMUNICATION).name] = communication_level
    return levels


def _missed_checks() -> list[tuple[str, str]]:
    return list(Alert.objects.filter(cause__in=MISSED_CHECK_CAUSES).values_list("cause", "unit__name"))


def _beat_of_make_run() -> dict[str, Callable[[], object]]:
    return {SWEEP: monitoring_sweep, DEMO_CHECKS: record_demo_checks}


@pytest.fixture
def seeded(demo) -> tuple[Hospital, dict[str, int]]:
    _seed_demo()
    levels = _assessed_levels(demo)
    communication = Unit.objects.get(hospital=demo, kind=Unit.Kind.COMMUNICATION)
    assert levels == _built_for(demo, levels[communication.name])
    return demo, levels


def test_make_run_schedules_the_sweep_and_the_demo_teams_checks_inside_the_strictest_norm():
    assert MAKE_RUN_BEAT[SWEEP]["task"] == "monitoring.tasks.run_monitoring_sweep"
    assert MAKE_RUN_BEAT[DEMO_CHECKS]["task"] == "hospital_some.demo.duty.record_demo_checks"
    # Level 5 and user-involvement posts ask a check every 60 minutes: half of it leaves room for a busy worker.
    assert MAKE_RUN_BEAT[DEMO_CHECKS]["schedule"] <= 30 * 60


def test_each_department_keeps_its_level_hours_and_days_after_seeding(seeded, monkeypatch):
    hospital, at_seeding = seeded
    seeded_at = timezone.now()
    clock = Clock(monkeypatch, seeded_at)
    for hours in LATER:
        clock.run_beat(until=seeded_at + timedelta(hours=hours), entries=_beat_of_make_run())
        assert _missed_checks() == [], f"+{hours} h"
        assert _assessed_levels(hospital) == at_seeding, f"+{hours} h"


def test_the_demo_inbox_questions_left_open_become_overdue_without_dropping_a_level(seeded, monkeypatch):
    hospital, at_seeding = seeded
    seeded_at = timezone.now()
    clock = Clock(monkeypatch, seeded_at)
    clock.run_beat(until=seeded_at + timedelta(hours=8), entries=_beat_of_make_run())
    overdue = Interaction.objects.filter(status__in=Interaction.OPEN_STATUSES, deadline__lt=clock.now)
    raised = Alert.objects.filter(cause=Alert.Cause.OVERDUE_ANSWER, closed_at__isnull=True)
    # The sweep is not softened: every question the demo leaves for the visitor to answer is an open alert.
    assert sorted(raised.values_list("interaction_id", flat=True)) == sorted(overdue.values_list("pk", flat=True))
    assert set(overdue.values_list("unit__name", flat=True)) == {PERSONA_DEPARTMENT}
    assert overdue.count() == 4
    assert _assessed_levels(hospital) == at_seeding


def test_a_make_run_begun_after_a_break_starts_with_fresh_checks(seeded, monkeypatch):
    hospital, at_seeding = seeded
    seeded_at = timezone.now()
    clock = Clock(monkeypatch, seeded_at)
    clock.run_beat(until=seeded_at + timedelta(hours=2), entries=_beat_of_make_run())
    clock.set(seeded_at + timedelta(hours=14))  # stopped overnight: no sweep, no checks
    _seed_demo()
    clock.run_beat(until=clock.now + timedelta(hours=8), entries=_beat_of_make_run())
    assert _missed_checks() == []
    assert _assessed_levels(hospital) == at_seeding


def test_without_the_demo_teams_checks_the_sweep_finds_them_missed_and_every_level_drops(seeded, monkeypatch):
    """Why the demo team exists: the sweep and the engine are the production ones, and they do not look away."""
    hospital, _levels = seeded
    seeded_at = timezone.now()
    clock = Clock(monkeypatch, seeded_at)
    clock.run_beat(until=seeded_at + timedelta(hours=3), entries={SWEEP: monitoring_sweep})
    missed_by = {unit for _cause, unit in _missed_checks()}
    assert missed_by == {spec.name for spec in LEVEL_DEPARTMENTS if spec.channel}
    assert set(_assessed_levels(hospital).values()) == {0}
