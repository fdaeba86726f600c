"""The metric import benchmark on a small file (its timing is for `make bench` only): the counts it reports."""

import pytest

from hospital_some.benchmark.data import bench_seed
from hospital_some.benchmark.metric_import_bench import metric_import_benchmark, metric_import_report
from metrics.models import MetricImport, PostMetric

# The benchmarks run in a database of their own, holding the bench hospital alone.
pytestmark = pytest.mark.usefixtures("database_without_the_demo")


def test_a_small_metric_import_benchmark_creates_then_finds_everything_unchanged_and_cleans_up():
    bench_seed(departments=1)

    result = metric_import_benchmark(rows=1_200)

    assert (result.rows, result.created, result.unchanged_again) == (1_200, 1_200, 1_200)
    assert result.peak_mib > 0
    assert not PostMetric.objects.exists()
    assert not MetricImport.objects.exists()
    report = "\n".join(metric_import_report(result))
    assert "## Metric import" in report and "| rows | 1,200 |" in report
