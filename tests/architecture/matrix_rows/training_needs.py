"""Training needs pages (tests/training/needs/test_views.py): everyone signed in sees their own training; a unit's
training gap is for its manager and flowmanager (its producer: 403) and the communication unit; the hospital overview
for the communication unit. All pages read only (POST: 405)."""

from governance.models import Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.architecture.personas import signed_in


def department() -> list[int]:
    return [Unit.objects.get(name=PERSONA_DEPARTMENT).pk]


COMMUNICATION_UNIT = {**signed_in(403), "lead": 200, "community": 200}

ROWS = {
    "training_needs:mine": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "training_needs:unit": (
        department,
        {
            "GET": {
                **signed_in(404),
                "producer": 403,
                "flowmanager": 200,
                "manager": 200,
                "lead": 200,
                "community": 200,
            },
            "POST": signed_in(405),
        },
    ),
    "training_needs:hospital": ([], {"GET": COMMUNICATION_UNIT, "POST": signed_in(405)}),
}
