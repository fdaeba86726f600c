"""A 50,000-row Meta Business Suite posts export imported on the benchmark hospital: wall time and peak memory.

The target (issue 8): a 50,000-row file imports in well under a minute and in bounded memory. The file is generated
in a temporary folder (UTF-8 with a byte-order mark, Meta's documented columns, captions of 60–200 characters),
then uploaded (read and previewed) and confirmed through the services, as a producer of the channel's department
would; then uploaded and confirmed once more, which finds every row unchanged and writes nothing. Wall time is
measured without tracemalloc; peak memory (Python allocations, ``tracemalloc``) on a second, identical import into
an emptied channel, since tracing slows Python down. The figures and imports are removed afterwards.
"""

import csv
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from django.core.files.uploadedfile import SimpleUploadedFile

from channels_plan.models import Channel
from governance.models import User
from hospital_some.benchmark.data import BENCH_HOSPITAL
from metrics.imports.services import metric_import_confirm, metric_import_upload
from metrics.models import MetricImport, PostMetric
from monitoring.permissions import DEPARTMENT_DUTY_ROLES

METRIC_IMPORT_ROWS = 50_000
TARGET_SECONDS = 60
HEADER = ["Post ID", "Page ID", "Page name", "Title", "Description", "Publish time", "Post type", "Permalink",
          "Reach", "Impressions", "Reactions", "Comments", "Shares", "Total clicks"]  # fmt: skip
WORDS = "hjertet patienter besøg ambulatoriet sygeplejerske forskning behandling personale åbent hus".split()


@dataclass(frozen=True)
class MetricImportBenchResult:
    rows: int
    file_bytes: int
    created: int
    unchanged_again: int
    upload_seconds: float  # read, compare, store the file
    confirm_seconds: float  # read again, compare, write
    again_seconds: float  # upload and confirm of the same file: nothing written
    peak_mib: float

    @property
    def total_seconds(self) -> float:
        return self.upload_seconds + self.confirm_seconds


def metric_posts_file(path: Path, rows: int) -> int:
    """Write a Meta posts export of ``rows`` posts to ``path``; answers its size in bytes."""
    start = datetime(2020, 1, 1, 8, 0)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for n in range(rows):
            caption = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(8 + n % 20))
            published = start + timedelta(minutes=47 * n)
            writer.writerow([
                f"1234_{n}", "1234", "Benchmark", "", caption, published.strftime("%m/%d/%Y %H:%M"), "Photos",
                f"https://www.facebook.com/1234/posts/{n}", 1000 + n % 977, 1500 + n % 1313, n % 211, n % 37,
                n % 13, n % 101,
            ])  # fmt: skip
    return path.stat().st_size


def _bench_channel() -> tuple[Channel, User]:
    channel = Channel.objects.filter(unit__hospital__name=BENCH_HOSPITAL).select_related("unit").order_by("pk").first()
    if channel is None:
        raise RuntimeError("Seed the benchmark hospital first (manage.py seed_bench).")
    user = (
        User.objects.filter(memberships__unit=channel.unit, memberships__role__code__in=DEPARTMENT_DUTY_ROLES)
        .order_by("pk")
        .first()
    )
    return channel, user


def _clear(channel: Channel) -> None:
    PostMetric.objects.filter(channel=channel).delete()
    for metric_import in MetricImport.objects.filter(channel=channel):
        metric_import.file.delete(save=False)
        metric_import.history.all().delete()
        metric_import.delete()


def _import(path: Path, channel: Channel, user: User) -> tuple[MetricImport, float, float]:
    with path.open("rb") as stream:
        upload = SimpleUploadedFile(path.name, b"")
        upload.file, upload.size = stream, path.stat().st_size
        started = time.perf_counter()
        previewed = metric_import_upload(
            channel=channel, uploaded_file=upload, format=MetricImport.Format.META_POSTS, acting_user=user
        )
    uploaded = time.perf_counter()
    confirmed = metric_import_confirm(metric_import=previewed, acting_user=user)
    return confirmed, uploaded - started, time.perf_counter() - uploaded


def metric_import_benchmark(*, rows: int = METRIC_IMPORT_ROWS, stdout: TextIO | None = None) -> MetricImportBenchResult:
    say: Callable[[str], object] = stdout.write if stdout is not None else lambda _text: None
    channel, user = _bench_channel()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "meta_posts.csv"
        size = metric_posts_file(path, rows)
        say(f"Metric import: a {rows:,}-row Meta posts file of {size / 1024 / 1024:.1f} MB generated.\n")
        try:
            _clear(channel)
            first, upload_seconds, confirm_seconds = _import(path, channel, user)
            started = time.perf_counter()
            again, _upload, _confirm = _import(path, channel, user)
            again_seconds = time.perf_counter() - started
            _clear(channel)
            tracemalloc.start()
            try:
                _import(path, channel, user)
                _current, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
        finally:
            _clear(channel)
    return MetricImportBenchResult(
        rows=rows,
        file_bytes=size,
        created=first.rows_created,
        unchanged_again=again.rows_unchanged,
        upload_seconds=upload_seconds,
        confirm_seconds=confirm_seconds,
        again_seconds=again_seconds,
        peak_mib=peak / 1024 / 1024,
    )


def metric_import_report(result: MetricImportBenchResult) -> list[str]:
    """The "Metric import" section of BENCHMARKS.md."""
    verdict = "met" if result.total_seconds < TARGET_SECONDS else "MISSED"
    return [
        "## Metric import",
        "",
        f"- What: a generated Meta Business Suite posts export of {result.rows:,} rows "
        f"({result.file_bytes / 1024 / 1024:.1f} MB) uploaded (read, compared, stored) and confirmed (read again, "
        "compared, upserted a chunk at a time in one transaction) through the services, in-process; then the same "
        "file once more, which writes nothing. Peak memory: Python allocations traced with `tracemalloc` on a "
        "second import into the emptied channel.",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| rows | {result.rows:,} |",
        f"| post figures created | {result.created:,} |",
        f"| upload and preview | {result.upload_seconds:.1f} s |",
        f"| confirm | {result.confirm_seconds:.1f} s |",
        f"| upload and confirm of the same file again (all unchanged) | {result.again_seconds:.1f} s |",
        f"| unchanged on the second import | {result.unchanged_again:,} |",
        f"| peak Python memory | {result.peak_mib:.1f} MiB |",
        f"| target: under {TARGET_SECONDS} s | {verdict} ({result.total_seconds:.1f} s) |",
    ]
