import csv
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from governance.models import Unit
from maturity.gaps import export
from maturity.gaps.engine import unit_gap_reports
from maturity.gaps.selectors import level_numbers


class Command(BaseCommand):
    help = "Print a unit's gap report (the same as its page): --unit takes the unit's id or its exact name."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="The unit's id or exact name.")
        parser.add_argument("--level", type=int, help="The level to report on (default: the unit's target level).")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, **options) -> None:
        unit = self._unit(options["unit"])
        level = options["level"]
        if level is not None and level not in level_numbers():
            raise CommandError(f"There is no level {level}.")
        report = unit_gap_reports([unit], today=timezone.localdate(), level=level)[unit.pk]
        if options["format"] == "json":
            self.stdout.write(json.dumps(export.unit_report_as_dict(report), ensure_ascii=False, indent=2))
            return
        writer = csv.writer(self.stdout)
        writer.writerow(export.unit_report_header())
        writer.writerows(export.unit_report_rows(report))

    def _unit(self, wanted: str) -> Unit:
        units = Unit.objects.select_related("maturity__current_level", "maturity__target_level")
        found = list(units.filter(pk=int(wanted))) if wanted.isdigit() else list(units.filter(name=wanted))
        if not found:
            raise CommandError(f"No unit with the id or name {wanted!r}.")
        if len(found) > 1:
            raise CommandError(f"Several hospitals have a unit named {wanted!r}; give its id.")
        return found[0]
