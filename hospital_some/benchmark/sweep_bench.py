"""The monitoring sweep under load: a monitoring workload on the benchmark hospital, timed and its queries counted.

The target (the monitoring issue): the sweep is set-based, a constant number of queries whatever the number of
channels, and takes under 1 s per 1,000 channels with 50,000 interactions on PostgreSQL.

On top of the benchmark hospital (``data.py``) the load tops the active channels up to ``channels`` with extra
approved plans and channels in its departments, logs a few checks per channel (a quarter of the channels overdue)
and spreads ``interactions`` over the channels: every kind, mostly answered, a fifth open with deadlines in the past
and the future, a tenth with health data. The sweep then runs in-process, without Celery or mail: the first run
opens every alert, the later runs at the same moment find them all open and change nothing (the steady state of a
beat every few minutes). Queries are counted on the seeded size and on a smaller one (``small_channels`` active
channels and ``small_interactions``, seeded in a transaction that is rolled back), without transaction control
(BEGIN, COMMIT, savepoints), so that both counts mean the sweep's own statements.

As in ``data.py`` the rows are bulk-inserted without history and deleted with history switched off; the load is
removed when the measurement ends, also when it fails, so the benchmark hospital is left as ``bench_seed`` built it
(its deletion would otherwise stop at the interactions, which protect their channels).
"""

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from channels_plan.models import Channel, ChannelPlan, Platform
from governance.models import Hospital, Unit, User
from hospital_some.benchmark.data import BENCH_HOSPITAL, BENCH_USER_PREFIX
from monitoring.models import Alert, ChannelCheck, Interaction, InteractionAccess
from monitoring.sweep import monitoring_sweep

SWEEP_CHANNELS = 1_000
SWEEP_INTERACTIONS = 50_000
SMALL_CHANNELS = 100
SMALL_INTERACTIONS = 5_000
STEADY_RUNS = 5
CHECKS_PER_CHANNEL = 3
TARGET_SECONDS_PER_1000_CHANNELS = 1.0
# Extra plans and channels carry this handle, so that they are told apart from the bench hospital's own.
EXTRA_HANDLE_PREFIX = "@bench-sweep."
BATCH_SIZE = 5000
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")

STATUS_WEIGHTS = {
    Interaction.Status.ANSWERED: 60,
    Interaction.Status.NO_ANSWER_NEEDED: 20,
    Interaction.Status.NEW: 12,
    Interaction.Status.IN_PROGRESS: 8,
}
SOURCES = [Interaction.Source.API, Interaction.Source.API, Interaction.Source.CSV, Interaction.Source.MANUAL]
TEXTS = [
    "Hvornår er der åbent i weekenden?",
    "Tak for en god behandling!",
    "Min mor har ventet i tre timer på skadestuen.",
    "Hvor kan jeg parkere?",
]


@dataclass(frozen=True)
class SweepLoad:
    channels: int  # active channels the sweep sees
    extra_channels: int
    checks: int
    interactions: int
    open_overdue: int  # open interactions whose deadline has passed: each an alert
    health_data: int
    now: datetime


@dataclass(frozen=True)
class SweepBenchResult:
    channels: int
    interactions: int
    checks: int
    small_channels: int
    small_interactions: int
    alerts_opened: int  # by the first run
    first_run_queries: int
    steady_queries: int
    small_first_run_queries: int
    small_steady_queries: int
    first_run_inserts: int  # of the first run's queries, the INSERTs of new alerts
    small_first_run_inserts: int
    first_run_seconds: float
    steady_seconds: float  # the median of the steady runs
    steady_runs: int
    load_average: str = "unknown"  # the machine's 1-minute load average before the timed runs

    @property
    def steady_ms_per_1000_channels(self) -> float:
        return self.steady_seconds * 1000 * 1000 / self.channels

    @property
    def first_run_ms_per_1000_channels(self) -> float:
        return self.first_run_seconds * 1000 * 1000 / self.channels

    @property
    def steady_fast_enough(self) -> bool:
        return self.steady_ms_per_1000_channels < TARGET_SECONDS_PER_1000_CHANNELS * 1000

    @property
    def first_run_fast_enough(self) -> bool:
        return self.first_run_ms_per_1000_channels < TARGET_SECONDS_PER_1000_CHANNELS * 1000


def _bench_hospital() -> Hospital:
    hospital = Hospital.objects.filter(name=BENCH_HOSPITAL).first()
    if hospital is None:
        raise ValueError("Seed the benchmark hospital first (bench_seed or manage.py seed_bench).")
    return hospital


@override_settings(SIMPLE_HISTORY_ENABLED=False)
@transaction.atomic
def clear_sweep_load() -> None:
    """Delete what ``seed_sweep_load`` wrote, and the alerts the sweep raised on it.

    ``bench_seed`` writes no checks, interactions or alerts, so every one of the bench hospital's is the load's.
    """
    hospital = Hospital.objects.filter(name=BENCH_HOSPITAL).first()
    if hospital is None:
        return  # no bench hospital, so nothing of the load: interactions and channels protect it
    Alert.objects.filter(hospital=hospital).delete()
    InteractionAccess.objects.filter(interaction__hospital=hospital).delete()
    ChannelCheck.objects.filter(channel__unit__hospital=hospital).delete()
    # One statement: Django's collector would load the tens of thousands of rows to send their delete signals
    # (history is off, so there is nothing to record) and delete them a hundred at a time. Their dependants (the
    # accesses and alerts above) are gone already.
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Interaction._meta.db_table)
        column = connection.ops.quote_name(Interaction._meta.get_field("hospital").column)
        cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [hospital.pk])  # noqa: S608 - names from _meta
    extra = {"unit__hospital": hospital, "handle__startswith": EXTRA_HANDLE_PREFIX}
    Channel.objects.filter(**extra).delete()
    ChannelPlan.objects.filter(**extra).delete()


@transaction.atomic
def seed_sweep_load(
    *, channels: int = SWEEP_CHANNELS, interactions: int = SWEEP_INTERACTIONS, now: datetime | None = None
) -> SweepLoad:
    """A monitoring load on the benchmark hospital: at least ``channels`` active channels, checks, interactions.

    Idempotent: a previous load is removed first, so the same arguments give the same rows.
    """
    now = now or timezone.now()
    clear_sweep_load()
    hospital = _bench_hospital()
    # Seeded by the size, so that a given load is the same on every machine (not for security).
    rng = random.Random(channels * 1_000_003 + interactions)  # noqa: S311
    people = list(
        User.objects.filter(username__startswith=BENCH_USER_PREFIX).order_by("pk").values_list("pk", flat=True)
    )
    extra = _add_channels(hospital, channels - _active_channels().count(), people)
    rows = list(_active_channels().values_list("pk", "unit_id", "owner_id"))
    checks = _add_checks(rows, now, rng)
    added = _add_interactions(hospital, rows, interactions, now, rng)
    return SweepLoad(
        channels=len(rows),
        extra_channels=extra,
        checks=checks,
        interactions=len(added),
        open_overdue=sum(1 for i in added if i.status in Interaction.OPEN_STATUSES and i.deadline and i.deadline < now),
        health_data=sum(1 for i in added if i.has_health_data),
        now=now,
    )


def _active_channels():
    """What the sweep goes through: every active channel of the database, not only the bench hospital's."""
    return Channel.objects.filter(status=Channel.Status.ACTIVE).order_by("pk")


def _add_channels(hospital: Hospital, count: int, people: list[int]) -> int:
    """``count`` approved plans with their active channels, round the departments; every 20th without a back-up."""
    if count <= 0:
        return 0
    departments = list(Unit.objects.filter(hospital=hospital, kind=Unit.Kind.DEPARTMENT).order_by("pk"))
    platforms = [Platform.FACEBOOK_PAGE, Platform.INSTAGRAM, Platform.LINKEDIN, Platform.YOUTUBE, Platform.TIKTOK]
    today = timezone.localdate()
    plans = []
    for index in range(count):
        unit = departments[index % len(departments)]
        owner = people[index % len(people)]
        backup = owner if index % 20 == 0 else people[(index + len(departments) + 1) % len(people)]
        plans.append(
            ChannelPlan(
                unit=unit,
                title=f"{unit.name}: monitoreret kanal {index + 1}",
                platform=platforms[index % len(platforms)],
                goals="Dialog med patienter og pårørende.",
                owner_id=owner,
                backup_id=backup,
                sender_name=unit.name,
                handle=f"{EXTRA_HANDLE_PREFIX}{index}",
                # A tenth of the plans are past their evaluation date: alerts for the sweep's plan query.
                evaluation_date=today - timedelta(days=30) if index % 10 == 0 else today + timedelta(days=180),
                status=ChannelPlan.Status.APPROVED,
                created_by_id=owner,
                submitted_at=timezone.now(),
            )
        )
    plans = ChannelPlan.objects.bulk_create(plans, batch_size=BATCH_SIZE)
    Channel.objects.bulk_create(
        [
            Channel(
                plan=plan,
                unit_id=plan.unit_id,
                platform=plan.platform,
                handle=plan.handle,
                sender_name=plan.sender_name,
                owner_id=plan.owner_id,
                backup_id=plan.backup_id,
                status=Channel.Status.ACTIVE,
            )
            for plan in plans
        ],
        batch_size=BATCH_SIZE,
    )
    return count


def _add_checks(rows: list[tuple[int, int, int]], now: datetime, rng: random.Random) -> int:
    """A few checks per channel: the last one within the hour, or for a quarter of the channels days ago."""
    checks = []
    for index, (channel_id, _unit_id, owner_id) in enumerate(rows):
        overdue = index % 4 == 0
        last = now - (timedelta(hours=rng.randrange(3, 24 * 5)) if overdue else timedelta(minutes=rng.randrange(60)))
        checks.extend(
            ChannelCheck(channel_id=channel_id, checked_by_id=owner_id, checked_at=last - timedelta(hours=2 * number))
            for number in range(CHECKS_PER_CHANNEL)
        )
    ChannelCheck.objects.bulk_create(checks, batch_size=BATCH_SIZE)
    return len(checks)


def _add_interactions(
    hospital: Hospital, rows: list[tuple[int, int, int]], count: int, now: datetime, rng: random.Random
) -> list[Interaction]:
    """``count`` interactions over the last 30 days, spread over the channels; open ones due from -2 to +2 days."""
    kinds = list(Interaction.Kind)
    statuses = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=count)
    interactions = []
    for index, status in enumerate(statuses):
        channel_id, unit_id, owner_id = rows[rng.randrange(len(rows))]
        occurred = now - timedelta(minutes=rng.randrange(30 * 24 * 60))
        is_open = status in Interaction.OPEN_STATUSES
        if index % 10 == 9:
            deadline = None  # a level without an answer deadline
        elif is_open:
            deadline = now + timedelta(minutes=rng.randrange(-2 * 24 * 60, 2 * 24 * 60))
        else:
            deadline = occurred + timedelta(hours=2)
        answered = status == Interaction.Status.ANSWERED
        interactions.append(
            Interaction(
                hospital=hospital,
                channel_id=channel_id,
                unit_id=unit_id,
                kind=kinds[index % len(kinds)],
                source=SOURCES[index % len(SOURCES)],
                external_id=f"bench-sweep-{index}",
                author_handle=f"@bruger{index % 997}",
                text=TEXTS[index % len(TEXTS)],
                occurred_at=occurred,
                status=status,
                deadline=deadline,
                has_health_data=index % 10 == 3,
                is_involvement=index % 20 == 7,
                sentiment=rng.uniform(-1, 1),
                answered_at=occurred + timedelta(minutes=rng.randrange(10, 180)) if answered else None,
                answered_by_id=owner_id if answered else None,
            )
        )
    return Interaction.objects.bulk_create(interactions, batch_size=BATCH_SIZE)


@dataclass(frozen=True)
class _Run:
    seconds: float
    queries: int  # the sweep's own statements: its atomic block's BEGIN, COMMIT or savepoints not counted
    inserts: int
    opened: int


def _measured_sweep(now: datetime) -> _Run:
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = monitoring_sweep(now=now)
        seconds = time.perf_counter() - started
    # Django logs BEGIN and COMMIT of the sweep's atomic block, or SAVEPOINT and RELEASE SAVEPOINT inside a
    # surrounding transaction (the smaller size, the tests): not the sweep's queries.
    statements = [
        query["sql"] for query in captured.captured_queries if not query["sql"].startswith(TRANSACTION_CONTROL)
    ]
    inserts = sum(1 for sql in statements if sql.startswith("INSERT"))
    return _Run(seconds, len(statements), inserts, len(result.opened))


def _small_runs(*, channels: int, interactions: int, now: datetime) -> tuple[_Run, _Run]:
    """The first and a steady run with only ``channels`` active channels, in a transaction that is rolled back."""
    with transaction.atomic():
        keep = list(_active_channels().values_list("pk", flat=True)[:channels])
        _active_channels().exclude(pk__in=keep).update(status=Channel.Status.PAUSED)
        seed_sweep_load(channels=channels, interactions=interactions, now=now)
        first, steady = _measured_sweep(now), _measured_sweep(now)
        transaction.set_rollback(True)
    return first, steady


def _vacuum_analyze() -> None:
    """No dead rows and fresh planner statistics, as autovacuum keeps production's tables.

    ``bench_seed`` may just have replaced a hospital ten times the size; its deleted rows would otherwise still sit
    in the indexes the sweep walks. VACUUM cannot run in a transaction, so inside one the statistics alone.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


def _load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "unknown"


def sweep_benchmark(
    *,
    channels: int = SWEEP_CHANNELS,
    interactions: int = SWEEP_INTERACTIONS,
    small_channels: int = SMALL_CHANNELS,
    small_interactions: int = SMALL_INTERACTIONS,
    steady_runs: int = STEADY_RUNS,
    stdout: TextIO | None = None,
) -> SweepBenchResult:
    """Seed the load on the benchmark hospital, time ``monitoring_sweep`` and count its queries; remove the load."""
    say: Callable[[str], object] = stdout.write if stdout is not None else lambda _text: None
    now = timezone.now()
    try:
        small_first, small_steady = _small_runs(channels=small_channels, interactions=small_interactions, now=now)
        started = time.perf_counter()
        load = seed_sweep_load(channels=channels, interactions=interactions, now=now)
        _vacuum_analyze()
        load_average = _load_average()
        say(
            f"Monitoring sweep: {load.channels} active channels, {load.checks} checks, {load.interactions} "
            f"interactions seeded (and vacuumed) in {time.perf_counter() - started:.1f} s.\n"
        )
        first = _measured_sweep(now)
        steady = [_measured_sweep(now) for _ in range(steady_runs)]
    finally:
        clear_sweep_load()
    result = SweepBenchResult(
        channels=load.channels,
        interactions=load.interactions,
        checks=load.checks,
        small_channels=small_channels,
        small_interactions=small_interactions,
        alerts_opened=first.opened,
        first_run_queries=first.queries,
        steady_queries=max(run.queries for run in steady),
        small_first_run_queries=small_first.queries,
        small_steady_queries=small_steady.queries,
        first_run_inserts=first.inserts,
        small_first_run_inserts=small_first.inserts,
        first_run_seconds=first.seconds,
        steady_seconds=statistics.median(run.seconds for run in steady),
        steady_runs=steady_runs,
        load_average=load_average,
    )
    say(
        f"Monitoring sweep: first run {result.first_run_seconds * 1000:.0f} ms ({first.opened} alerts opened), steady "
        f"state {result.steady_seconds * 1000:.0f} ms, {result.steady_queries} queries.\n"
    )
    return result


def sweep_report(result: SweepBenchResult) -> list[str]:
    """The "Monitoring sweep" section of BENCHMARKS.md."""
    big, small = f"{result.channels:,} channels", f"{result.small_channels:,} channels"
    target = (
        f"under {TARGET_SECONDS_PER_1000_CHANNELS:g} s per 1,000 channels with {result.interactions:,} interactions"
    )
    return [
        "## Monitoring sweep",
        "",
        "- What: `monitoring.sweep.monitoring_sweep()` called in-process (no Celery worker, no mail) on the benchmark "
        f"hospital topped up to {result.channels:,} active channels with extra approved plans in its departments, "
        f"{result.checks:,} channel checks (a quarter of the channels overdue) and {result.interactions:,} "
        "interactions of every kind over 30 days (a fifth open, with deadlines from two days past to two days ahead; "
        "a tenth with health data), timed after a `VACUUM ANALYZE` as autovacuum keeps production's tables. The "
        "load is removed afterwards.",
        "- First run: the sweep on the fresh load, opening every alert. Steady state: the median of "
        f"{result.steady_runs} later runs at the same moment, which find every alert open and change nothing. "
        f"Load average before the timed runs (1 min): {result.load_average}.",
        "- Queries: counted with `CaptureQueriesContext` without transaction control (BEGIN, COMMIT, savepoints), "
        f"also on a smaller load of {result.small_channels:,} active channels and {result.small_interactions:,} "
        "interactions (seeded in a transaction that is rolled back).",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| active channels | {result.channels:,} |",
        f"| interactions | {result.interactions:,} |",
        f"| alerts opened by the first run | {result.alerts_opened:,} |",
        f"| queries per sweep, steady state ({big} / {small}) | {result.steady_queries} / "
        f"{result.small_steady_queries} |",
        f"| queries per sweep, first run ({big} / {small}) | {result.first_run_queries} / "
        f"{result.small_first_run_queries} |",
        f"| of which INSERTs of new alerts, first run ({big} / {small}) | {result.first_run_inserts} / "
        f"{result.small_first_run_inserts} |",
        f"| first run (ms) | {result.first_run_seconds * 1000:.0f} |",
        f"| steady state, median of {result.steady_runs} runs (ms) | {result.steady_seconds * 1000:.0f} |",
        f"| first run per 1,000 channels (ms) | {result.first_run_ms_per_1000_channels:.0f} |",
        f"| steady state per 1,000 channels (ms) | {result.steady_ms_per_1000_channels:.0f} |",
        "",
        "| target | result |",
        "|---|---|",
        f"| {target}, steady state | {_met(result.steady_fast_enough)} |",
        f"| {target}, first run | {_met(result.first_run_fast_enough)} |",
        f"| the same number of queries at {big} and {small}, steady state "
        f"| {_met(result.steady_queries == result.small_steady_queries)} |",
        f"| the same number of queries at {big} and {small}, first run "
        f"| {_met(result.first_run_queries == result.small_first_run_queries)} |",
    ]


def _met(met: bool) -> str:
    return "met" if met else "**not met**"
