"""Gap report pages (tests/maturity/gaps/test_views.py): everyone signed in sees the overview, a department's people
only their own units there; a unit's report is for its people, the communication unit and administrators (others
404). Only the unit's manager answers a self-assessment (others 403; an empty answer 400); only the communication
unit reviews one that waits for review (none waits here: 403)."""

from governance.models import Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from maturity.models import SELF_ASSESSED, Requirement
from tests.architecture.personas import signed_in


def department() -> list[int]:
    return [Unit.objects.get(name=PERSONA_DEPARTMENT).pk]


def self_assessed_requirement() -> list[int]:
    """A line the department answers itself (a hospital line is the communication unit's: 404 on a department)."""
    lines = Requirement.objects.filter(evidence_source=SELF_ASSESSED).exclude(scope=Requirement.Scope.HOSPITAL)
    return [*department(), lines.order_by("pk").first().pk]


ROWS = {
    "gaps:hospital": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "gaps:hospital_csv": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "gaps:unit": (department, {"GET": signed_in(200), "POST": signed_in(405)}),
    "gaps:unit_csv": (department, {"GET": signed_in(200), "POST": signed_in(405)}),
    "gaps:answer": (self_assessed_requirement, {"GET": signed_in(200), "POST": {**signed_in(403), "manager": 400}}),
    "gaps:review": (self_assessed_requirement, {"GET": signed_in(405), "POST": signed_in(403)}),
}
