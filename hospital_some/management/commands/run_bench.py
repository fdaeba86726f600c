from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hospital_some.benchmark.runner import BenchmarkError, run_benchmark


class Command(BaseCommand):
    help = (
        "Measure the main pages under gunicorn with wrk on 127.0.0.1 and write BENCHMARKS.md "
        "(`make bench`; needs the bench settings and PostgreSQL)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--duration", type=int, default=8, help="Seconds of measured load per page.")
        parser.add_argument("--warmup", type=int, default=2, help="Seconds of unmeasured load per page before.")
        parser.add_argument("--output", type=Path, default=Path(settings.BASE_DIR) / "BENCHMARKS.md")

    def handle(self, *args, duration: int, warmup: int, output: Path, **options) -> None:
        if duration < 1 or warmup < 1:
            raise CommandError("--duration and --warmup must be at least one second.")
        try:
            written = run_benchmark(duration=duration, warmup=warmup, output=output, stdout=self.stdout)
        except BenchmarkError as error:
            raise CommandError(str(error)) from error
        if not written:
            raise CommandError(f"A page answered other than 200, so {output} was not written.")
