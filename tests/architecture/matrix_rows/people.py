"""A unit's people page (tests/governance/test_people.py): the unit's manager, the communication unit's reviewers
(lead, community manager) and administrators staff the unit; everyone else gets 404, the department's own producer
and flowmanager included."""

from governance.models import Unit
from hospital_some.demo import PERSONA_DEPARTMENT
from tests.architecture.personas import signed_in


def department() -> list[int]:
    return [Unit.objects.get(name=PERSONA_DEPARTMENT).pk]


STAFFERS = ("manager", "lead", "community", "admin")


def staffers(status: int, *, others: int = 404) -> dict[str, int]:
    return {**signed_in(others), **dict.fromkeys(STAFFERS, status)}


ROWS = {
    "unit_people": (department, {"GET": staffers(200), "POST": signed_in(405)}),
}
