"""User involvement: the demo's level-4 department (Kræftafdelingen) runs an activity. The communication unit runs
it; the manager (management) and the flowmanager (follow group member) read it; the producer of another department
does not see it. The superuser reads every activity but runs none."""

from governance.models import Unit
from tests.architecture.personas import signed_in
from tests.involvement_factories import involvement_seed, running_activity


def activity() -> list[int]:
    involvement_seed()
    return [running_activity().pk]


def involving_department() -> list[int]:
    involvement_seed()
    return [Unit.objects.get(name="Kræftafdelingen").pk]


def runners(status: int) -> dict[str, int]:
    """Communication unit: ``status``; readers (manager, follow group member, superuser): 403; producer: 404."""
    return {**signed_in(403), "producer": 404, "community": status, "lead": status}


READERS = {**signed_in(200), "producer": 404}
NOT_SEEN = {**signed_in(404), "community": 200, "lead": 200}

ROWS = {
    "involvement:activity_list": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "involvement:activity_create": (involving_department, {"GET": NOT_SEEN, "POST": NOT_SEEN}),
    "involvement:activity_detail": (activity, {"GET": READERS, "POST": signed_in(405)}),
    "involvement:activity_edit": (activity, {"GET": runners(200), "POST": runners(200)}),
    "involvement:activity_advance": (activity, {"GET": signed_in(405), "POST": runners(302)}),
    "involvement:activity_topics": (activity, {"GET": signed_in(405), "POST": runners(302)}),
    "involvement:activity_proposal_create": (activity, {"GET": runners(200), "POST": runners(200)}),
    "involvement:activity_report": (activity, {"GET": runners(200), "POST": runners(200)}),
    "involvement:activity_input": (activity, {"GET": runners(200), "POST": runners(302)}),
}
