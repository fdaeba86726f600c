from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hospital_some.demo.involvement import demo_involvement_seed
from hospital_some.demo.levels import demo_levels_seed
from hospital_some.demo.seed import PERSONAS, demo_seed


class Command(BaseCommand):
    help = "Create the demo hospital, its units and one user per persona (idempotent)."

    def handle(self, *args, **options) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data with known passwords is not allowed under these settings.")
        hospital = demo_seed()
        # A level-4 department with an involvement activity and a level-5 department with a patient network; kept
        # out of ``demo_seed``, which the tests share, so that its persona department stays the only one with a channel.
        demo_involvement_seed(hospital=hospital)
        # Data that meets each department's level, and the current levels the gap engine assesses from it.
        demo_levels_seed(hospital=hospital)
        self.stdout.write(self.style.SUCCESS(f"Demo hospital ready: {hospital.name}"))
        self.stdout.write("Log in at http://127.0.0.1:8000/ as:")
        for persona in PERSONAS:
            self.stdout.write(f"  {persona.description:<26} {persona.username:<12} password: {persona.password}")
