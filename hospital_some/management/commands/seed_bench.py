from django.core.management.base import BaseCommand, CommandError, CommandParser

from hospital_some.benchmark.data import bench_seed


class Command(BaseCommand):
    help = "Create the benchmark hospital: 60 departments and 600 users per scale unit (idempotent per scale)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=int, default=1, help="Multiply the departments and users by this.")
        parser.add_argument("--departments", type=int, help="Use this many departments instead (for small tests).")

    def handle(self, *args, scale: int, departments: int | None, **options) -> None:
        if scale < 1 or (departments is not None and departments < 1):
            raise CommandError("--scale and --departments must be at least 1.")
        seeded = bench_seed(scale=scale, departments=departments)
        state = "created" if seeded.created else "already present"
        self.stdout.write(
            self.style.SUCCESS(
                f"{seeded.hospital.name} {state}: {seeded.departments} departments, {seeded.users} users; "
                f"the benchmark signs in as {seeded.bench_user.username}."
            )
        )
