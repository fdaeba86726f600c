"""A unit's people pages (tests/governance/people/test_people.py): the unit's manager, the communication unit's
reviewers (lead, community manager) and administrators staff the unit; everyone else gets 404, the department's own
producer and flowmanager included. Forms posted empty are shown again as invalid (400); stopping a back-up that
backs nobody up changes nothing (302); ending the producer's membership is asked (GET 200) and done (302)."""

from governance.models import Membership, Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.architecture.personas import signed_in


def department() -> list[int]:
    return [Unit.objects.get(name=PERSONA_DEPARTMENT).pk]


def producer_membership() -> list[int]:
    membership = Membership.objects.get(unit__name=PERSONA_DEPARTMENT, user__username="producer")
    return [membership.unit_id, membership.pk]


STAFFERS = ("manager", "lead", "community", "admin")


def staffers(status: int, *, others: int = 404) -> dict[str, int]:
    return {**signed_in(others), **dict.fromkeys(STAFFERS, status)}


ROWS = {
    "unit_people": (department, {"GET": staffers(200), "POST": signed_in(405)}),
    "unit_people_add": (department, {"GET": signed_in(405), "POST": staffers(400)}),
    "unit_people_backup": (producer_membership, {"GET": signed_in(405), "POST": staffers(400)}),
    "unit_people_backup_stop": (producer_membership, {"GET": signed_in(405), "POST": staffers(302)}),
    "unit_people_end": (producer_membership, {"GET": staffers(200), "POST": staffers(302)}),
}
