"""The metric dashboards: hospital-wide for the communication unit (and administrators); a department's and its
channels' for the department's own people and the communication unit (others get 404: test_idor.py)."""

from channels_plan.models import Channel
from governance.models import Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.architecture.personas import signed_in


def department() -> list[int]:
    return [Unit.objects.get(name=PERSONA_DEPARTMENT).pk]


def channel() -> list[int]:
    return [Channel.objects.get().pk]


COMMUNICATION_UNIT = {**signed_in(403), "community": 200, "lead": 200, "admin": 200}
# The department's people are sent on to their department's figures.
HOSPITAL_PAGE = {**COMMUNICATION_UNIT, "producer": 302, "flowmanager": 302, "manager": 302}
READ_ONLY = {"POST": signed_in(405)}

ROWS = {
    "metrics:hospital": ([], {"GET": HOSPITAL_PAGE, **READ_ONLY}),
    "metrics:hospital_export": ([], {"GET": COMMUNICATION_UNIT, **READ_ONLY}),
    "metrics:unit": (department, {"GET": signed_in(200), **READ_ONLY}),
    "metrics:unit_export": (department, {"GET": signed_in(200), **READ_ONLY}),
    "metrics:channel": (channel, {"GET": signed_in(200), **READ_ONLY}),
    "metrics:channel_export": (channel, {"GET": signed_in(200), **READ_ONLY}),
}
