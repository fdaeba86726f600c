"""Who sees which gap reports, who answers a self-assessment and who reviews it. No queries: the actor is loaded."""

from governance.models import Unit
from governance.permissions import Actor

MANAGER_ROLE = "manager"


def sees_all_units(actor: Actor, hospital_id: int) -> bool:
    """The communication unit (which holds the hospital's management of social media) and administrators."""
    return actor.user.is_superuser or hospital_id in actor.communication_units


def may_view_unit_gaps(actor: Actor, unit: Unit) -> bool:
    return sees_all_units(actor, unit.hospital_id) or unit.pk in actor.unit_roles


def may_answer_self_assessment(actor: Actor, unit: Unit) -> bool:
    """The unit's manager; for the communication unit, its lead."""
    if unit.is_communication_unit:
        return actor.leads(unit.hospital_id)
    return MANAGER_ROLE in actor.roles_in(unit.pk)


def may_review_self_assessment(actor: Actor, unit: Unit) -> bool:
    return actor.reviews_for(unit.hospital_id)
