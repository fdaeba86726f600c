"""The monitoring-sweep benchmark's load and query count, on a tiny hospital (its timing is for `make bench` only)."""

import pytest
from django.utils import timezone

from channels_plan.models import Channel, ChannelPlan
from hospital_some.benchmark.data import bench_seed
from hospital_some.benchmark.sweep_bench import (
    CHECKS_PER_CHANNEL,
    EXTRA_HANDLE_PREFIX,
    SweepBenchResult,
    clear_sweep_load,
    seed_sweep_load,
    sweep_benchmark,
    sweep_report,
)
from monitoring.models import Alert, ChannelCheck, Interaction

# The benchmarks run in a database of their own, holding the bench hospital alone.
pytestmark = pytest.mark.usefixtures("database_without_the_demo")


def _load_counts() -> dict[str, int]:
    return {
        "active channels": Channel.objects.filter(status=Channel.Status.ACTIVE).count(),
        "extra plans": ChannelPlan.objects.filter(handle__startswith=EXTRA_HANDLE_PREFIX).count(),
        "checks": ChannelCheck.objects.count(),
        "interactions": Interaction.objects.count(),
        "alerts": Alert.objects.count(),
    }


def test_a_tiny_sweep_load_tops_up_the_channels_and_mixes_the_interactions():
    bench_seed(departments=2)  # 10 channels
    now = timezone.now()
    load = seed_sweep_load(channels=16, interactions=400, now=now)
    assert (load.channels, load.extra_channels, load.checks, load.interactions) == (16, 6, 16 * CHECKS_PER_CHANNEL, 400)
    assert _load_counts() == {
        "active channels": 16,
        "extra plans": 6,
        "checks": 16 * CHECKS_PER_CHANNEL,
        "interactions": 400,
        "alerts": 0,
    }
    interactions = Interaction.objects.all()
    assert set(interactions.values_list("kind", flat=True)) == set(Interaction.Kind)
    assert set(interactions.values_list("status", flat=True)) == set(Interaction.Status)
    assert interactions.filter(has_health_data=True).count() == load.health_data > 0
    open_ = interactions.filter(status__in=Interaction.OPEN_STATUSES)
    assert open_.filter(deadline__lt=now).count() == load.open_overdue > 0
    assert open_.filter(deadline__gt=now).exists()
    assert interactions.filter(channel__isnull=True).count() == 0
    assert len(set(interactions.values_list("channel", flat=True))) > 10

    # Seeding again gives the same load, not twice the rows.
    seed_sweep_load(channels=16, interactions=400, now=now)
    assert _load_counts()["interactions"] == 400
    assert _load_counts()["extra plans"] == 6


def test_clearing_the_load_leaves_the_bench_hospital_as_it_was_built():
    bench_seed(departments=2)
    seed_sweep_load(channels=14, interactions=100)
    clear_sweep_load()
    assert _load_counts() == {"active channels": 10, "extra plans": 0, "checks": 0, "interactions": 0, "alerts": 0}
    assert bench_seed(departments=2).created is False
    # The hospital can be rebuilt at another size: no interaction left protects its channels.
    assert bench_seed(departments=3).created is True


def test_the_sweep_runs_the_same_queries_at_two_sizes_and_leaves_nothing_behind():
    bench_seed(departments=2)
    result = sweep_benchmark(channels=24, interactions=600, small_channels=4, small_interactions=40, steady_runs=2)
    assert (result.channels, result.interactions, result.small_channels) == (24, 600, 4)
    assert result.alerts_opened > 0
    assert result.steady_queries == result.small_steady_queries
    # Both sizes open fewer alerts than one insert batch holds, so the first runs match too.
    assert result.first_run_queries == result.small_first_run_queries
    assert result.first_run_queries > result.steady_queries
    assert result.first_run_inserts == result.small_first_run_inserts == 1
    assert _load_counts() == {"active channels": 10, "extra plans": 0, "checks": 0, "interactions": 0, "alerts": 0}


def test_the_report_section_gives_the_numbers_and_the_verdicts():
    result = SweepBenchResult(
        channels=1000,
        interactions=50_000,
        checks=3000,
        small_channels=100,
        small_interactions=5000,
        alerts_opened=5400,
        first_run_queries=22,
        steady_queries=9,
        small_first_run_queries=12,
        small_steady_queries=9,
        first_run_inserts=10,
        small_first_run_inserts=1,
        first_run_seconds=1.5,
        steady_seconds=0.4,
        steady_runs=5,
    )
    text = "\n".join(sweep_report(result))
    assert text.startswith("## Monitoring sweep")
    assert "| steady state per 1,000 channels (ms) | 400 |" in text
    assert "| first run per 1,000 channels (ms) | 1500 |" in text
    assert "| under 1 s per 1,000 channels with 50,000 interactions, steady state | met |" in text
    assert "| under 1 s per 1,000 channels with 50,000 interactions, first run | **not met** |" in text
    assert "| the same number of queries at 1,000 channels and 100 channels, steady state | met |" in text
    assert "| queries per sweep, first run (1,000 channels / 100 channels) | 22 / 12 |" in text
    assert "| of which INSERTs of new alerts, first run (1,000 channels / 100 channels) | 10 / 1 |" in text
