import json

from django.core.management.base import BaseCommand

from maturity.export import scale_export


class Command(BaseCommand):
    help = "Print the whole scale (levels, dimensions, requirements, roles, rules, courses) for review and diffing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, **options) -> None:
        self.stdout.write(json.dumps(scale_export(), ensure_ascii=False, indent=2))
