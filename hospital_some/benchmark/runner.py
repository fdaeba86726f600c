"""`make bench`: seed, count queries in-process, serve with gunicorn, load with wrk, and write BENCHMARKS.md.

Gunicorn and wrk run on 127.0.0.1 only, each for a bounded time, and gunicorn is stopped when the run ends,
also when it fails. Latency is measured at scale 1; query counts at scale 1 and again after seeding scale 10.
The monitoring sweep is timed in-process at scale 1, on a monitoring load seeded for it (``sweep_bench.py``).
"""

import http.client
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import TextIO

import psycopg2
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from psycopg2 import sql

from governance.models import User
from hospital_some.benchmark.data import BenchHospital, bench_seed
from hospital_some.benchmark.metric_import_bench import (
    MetricImportBenchResult,
    metric_import_benchmark,
    metric_import_report,
)
from hospital_some.benchmark.pages import FLOOR, PAGES, BenchPage
from hospital_some.benchmark.sweep_bench import SweepBenchResult, sweep_benchmark, sweep_report

BENCH_URLCONF = "hospital_some.benchmark.urls"
GUNICORN_WORKERS = 2
WRK_THREADS = 1
WRK_CONNECTIONS = 4
P50_TARGET_RATIO = 3
SCALES = (1, 10)
LATENCY_SCRIPT = Path(__file__).with_name("latency.lua")
STARTUP_SECONDS = 30
RESULT_LINE = re.compile(r"^bench-result (?P<pairs>.+)$", re.MULTILINE)


class BenchmarkError(Exception):
    pass


@dataclass(frozen=True)
class WrkResult:
    requests: int
    duration_us: int
    p50_us: int
    p95_us: int
    p99_us: int
    max_us: int
    non_200: int
    socket_errors: int

    @property
    def requests_per_second(self) -> float:
        return self.requests / (self.duration_us / 1_000_000)

    @property
    def failed(self) -> bool:
        return self.requests == 0 or self.non_200 > 0 or self.socket_errors > 0


@dataclass(frozen=True)
class PageResult:
    page: BenchPage
    queries: dict[int, int]
    wrk: WrkResult


def parse_wrk_output(output: str) -> WrkResult:
    """Read the line that ``latency.lua`` prints at the end of a wrk run."""
    match = RESULT_LINE.search(output)
    if match is None:
        raise BenchmarkError(f"wrk printed no result line:\n{output}")
    values = {key: int(value) for key, value in (pair.split("=", 1) for pair in match["pairs"].split())}
    errors = sum(values[f"errors_{kind}"] for kind in ("connect", "read", "write", "timeout"))
    return WrkResult(
        requests=values["requests"],
        duration_us=values["duration_us"],
        p50_us=values["p50_us"],
        p95_us=values["p95_us"],
        p99_us=values["p99_us"],
        max_us=values["max_us"],
        non_200=values["non_200"],
        socket_errors=errors,
    )


def run_benchmark(*, duration: int, warmup: int, output: Path, stdout: TextIO) -> bool:
    """Measure every page; write ``output`` and answer True unless a page answered anything but 200."""
    if settings.ROOT_URLCONF != BENCH_URLCONF:
        raise BenchmarkError("Run the benchmark with DJANGO_SETTINGS_MODULE=hospital_some.settings.bench.")
    if connection.vendor != "postgresql":
        raise BenchmarkError("The benchmark runs on PostgreSQL: set DATABASE_URL to a postgres:// URL.")
    database_ensure()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    machine = machine_description()
    pages = [FLOOR, *PAGES]
    latency_scale, growth_scale = SCALES

    seeded = _seed(latency_scale, stdout)
    with signed_in_session(seeded.bench_user) as session_key:
        first_counts = page_query_counts(pages, session_key=session_key)
        with gunicorn_serving() as base_url:
            timings = {}
            for page in pages:
                stdout.write(f"Measuring {page.label} ({page.path}) for {warmup} + {duration} s.\n")
                timings[page] = wrk_measure(
                    base_url + page.path, session_key=session_key, duration=duration, warmup=warmup
                )
    sweep = sweep_benchmark(stdout=stdout)
    metric_import = metric_import_benchmark(stdout=stdout)
    seeded = _seed(growth_scale, stdout)
    with signed_in_session(seeded.bench_user) as session_key:
        second_counts = page_query_counts(pages, session_key=session_key)

    results = [
        PageResult(page, {latency_scale: first_counts[page], growth_scale: second_counts[page]}, timings[page])
        for page in pages
    ]
    report = benchmark_report(
        results, machine=machine, duration=duration, warmup=warmup, sweep=sweep, metric_import=metric_import
    )
    stdout.write(report)
    failed = [result.page.label for result in results if result.wrk.failed]
    if failed:
        stdout.write(f"Pages that answered other than 200 or failed to answer: {', '.join(failed)}.\n")
        return False
    output.write_text(report, encoding="utf-8")
    stdout.write(f"Wrote {output}.\n")
    return True


def _seed(scale: int, stdout: TextIO) -> BenchHospital:
    seeded = bench_seed(scale=scale)
    stdout.write(f"Scale {scale}: {seeded.departments} departments, {seeded.users} users.\n")
    return seeded


def database_ensure() -> None:
    """Create the benchmark database when it is missing (the role needs CREATEDB); migrate fills it."""
    params = settings.DATABASES["default"]
    try:
        maintenance = psycopg2.connect(
            dbname="postgres",
            user=params["USER"] or None,
            password=params["PASSWORD"] or None,
            host=params["HOST"] or None,
            port=params["PORT"] or None,
        )
    except psycopg2.OperationalError as error:
        raise BenchmarkError(f"Cannot reach PostgreSQL to create {params['NAME']}: {error}") from error
    maintenance.autocommit = True
    try:
        with maintenance.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [params["NAME"]])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(params["NAME"])))
    finally:
        maintenance.close()


@contextmanager
def signed_in_session(user: User) -> Iterator[str]:
    """A session signed in as ``user``, stored server-side as ``django.contrib.auth.login`` stores it."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    try:
        yield session.session_key
    finally:
        session.delete()


def page_query_counts(pages: list[BenchPage], *, session_key: str) -> dict[BenchPage, int]:
    """The queries each page runs, counted in-process on its second request (the first warms caches)."""
    client = Client(headers={"host": "127.0.0.1"})
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    counts = {}
    for page in pages:
        client.get(page.path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
        if response.status_code != 200:
            raise BenchmarkError(f"{page.label} ({page.path}) answered {response.status_code} in-process.")
        counts[page] = len(captured)
    return counts


@contextmanager
def gunicorn_serving() -> Iterator[str]:
    """Gunicorn with the bench settings on a free port of 127.0.0.1; stopped on leaving, also on error."""
    port = _free_port()
    log_path = Path(settings.VAR_DIR) / "bench-gunicorn.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "hospital_some.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={GUNICORN_WORKERS}",
        "--worker-class=sync",
        "--timeout=30",
        "--graceful-timeout=5",
        "--no-control-socket",
    ]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            _wait_until_serving(process, port, log_path)
            yield f"http://127.0.0.1:{port}"
        finally:
            _stop(process)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(process: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkError(f"gunicorn exited with {process.returncode}:\n{log_path.read_text()[-3000:]}")
        probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            probe.request("GET", FLOOR.path)
            if probe.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            probe.close()
        time.sleep(0.2)
    raise BenchmarkError(f"gunicorn did not answer within {STARTUP_SECONDS} s; see {log_path}.")


def _stop(process: subprocess.Popen) -> None:
    """Ask gunicorn's master to stop its workers; kill its process group if it has not within 15 s."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def wrk_measure(url: str, *, session_key: str, duration: int, warmup: int) -> WrkResult:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise BenchmarkError("wrk is not installed (apt-get install wrk).")
    command = [
        wrk,
        f"--threads={WRK_THREADS}",
        f"--connections={WRK_CONNECTIONS}",
        "--timeout=5s",
        f"--header=Cookie: {settings.SESSION_COOKIE_NAME}={session_key}",
    ]
    _run([*command, f"--duration={warmup}s", url], seconds=warmup)
    return parse_wrk_output(_run([*command, f"--duration={duration}s", f"--script={LATENCY_SCRIPT}", url], duration))


def _run(command: list[str], seconds: int) -> str:
    result = subprocess.run(  # noqa: S603 - wrk at its full path, on our own URL
        command, capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    if result.returncode != 0:
        raise BenchmarkError(f"{Path(command[0]).name} failed ({result.returncode}):\n{result.stderr}")
    return result.stdout


def benchmark_report(
    results: list[PageResult],
    *,
    machine: list[tuple[str, str]],
    duration: int,
    warmup: int,
    sweep: SweepBenchResult | None = None,
    metric_import: MetricImportBenchResult | None = None,
) -> str:
    floor, *pages = results
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`manage.py run_bench` with `hospital_some.settings.bench`); do not edit by hand.",
        "",
        "## Machine",
        "",
        *(f"- {name}: {value}" for name, value in machine),
        "",
        "## Method",
        "",
        f"- Data: the benchmark hospital (`manage.py seed_bench`) at scale {SCALES[0]} for latency; query counts "
        f"at scale {SCALES[0]} and again after seeding scale {SCALES[1]}, counted in-process with Django's test "
        "client on each page's second request.",
        f"- Server: gunicorn, {GUNICORN_WORKERS} sync workers, on 127.0.0.1 with PostgreSQL "
        f"(`CONN_MAX_AGE={settings.DATABASES['default']['CONN_MAX_AGE']}`, from `DATABASE_CONN_MAX_AGE` as in "
        "production, where it defaults to 0: a new database connection per request).",
        f"- Load: `wrk --threads={WRK_THREADS} --connections={WRK_CONNECTIONS} --duration={duration}s` per page "
        f"after a {warmup} s warm-up, on the same machine, signed in as a department member by session cookie.",
        "- The floor renders a small template with one query, without the session: the least any page costs.",
        "",
        "## Results",
        "",
        *results_table(results),
        "",
        "## Targets",
        "",
        *targets_table(floor, pages),
        "",
    ]
    if sweep is not None:
        lines += [*sweep_report(sweep), ""]
    if metric_import is not None:
        lines += [*metric_import_report(metric_import), ""]
    return "\n".join(lines)


def machine_description() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return [
        ("CPUs (`nproc`)", str(len(os.sched_getaffinity(0)))),
        ("CPU", _proc_field("/proc/cpuinfo", "model name") or "unknown"),
        ("Memory", _memory()),
        ("Python", platform.python_version()),
        ("PostgreSQL", postgres),
        ("Load average at the start (1 min)", Path("/proc/loadavg").read_text().split()[0]),
        ("Date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
    ]


def _proc_field(path: str, field: str) -> str | None:
    for line in Path(path).read_text().splitlines():
        name, _, value = line.partition(":")
        if name.strip() == field:
            return value.strip()
    return None


def _memory() -> str:
    total_kib = int((_proc_field("/proc/meminfo", "MemTotal") or "0 kB").split()[0])
    return f"{total_kib / 1024 / 1024:.1f} GiB"


def results_table(results: list[PageResult]) -> list[str]:
    floor_p50 = results[0].wrk.p50_us
    first, second = SCALES
    rows = [
        f"| page | path | queries (scale {first}) | queries (scale {second}) | p50 (ms) | p95 (ms) | requests/s "
        "| p50 ÷ floor p50 |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        wrk = result.wrk
        rows.append(
            f"| {result.page.label} | `{result.page.path}` | {result.queries[first]} | {result.queries[second]} "
            f"| {wrk.p50_us / 1000:.2f} | {wrk.p95_us / 1000:.2f} | {wrk.requests_per_second:.0f} "
            f"| {wrk.p50_us / floor_p50:.2f}× |"
        )
    return rows


def targets_table(floor: PageResult, pages: list[PageResult]) -> list[str]:
    slow = [r.page.label for r in pages if r.wrk.p50_us > P50_TARGET_RATIO * floor.wrk.p50_us]
    growing = [r.page.label for r in [floor, *pages] if len(set(r.queries.values())) > 1]
    first, second = SCALES
    return [
        "| target | result |",
        "|---|---|",
        f"| every main page's p50 within {P50_TARGET_RATIO}× the floor's p50 | {_verdict(slow)} |",
        f"| identical query counts at scale {first} and scale {second} | {_verdict(growing)} |",
    ]


def _verdict(offenders: list[str]) -> str:
    return "met" if not offenders else f"**not met** ({', '.join(offenders)})"
