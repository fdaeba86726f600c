"""Who may do what in training: pure checks on a loaded ``Actor`` (no queries), plus the people a manager manages."""

from governance.models import User
from governance.permissions import Actor
from governance.selectors import membership_units_for_user

MANAGER_ROLES = frozenset({"manager"})


def may_edit_catalogue(actor: Actor) -> bool:
    """The courses are shared by every hospital: communication unit leads and reviewers, and administrators."""
    return actor.user.is_superuser or actor.is_reviewer


def may_run_sessions(actor: Actor, hospital_id: int) -> bool:
    """Anyone in the hospital's communication unit plans, edits and cancels its sessions."""
    return actor.user.is_superuser or bool(actor.communication_roles(hospital_id))


def may_set_posting_courses(actor: Actor, hospital_id: int) -> bool:
    return actor.user.is_superuser or actor.leads(hospital_id)


def managed_unit_ids(actor: Actor) -> set[int]:
    return {unit_id for unit_id, roles in actor.unit_roles.items() if roles & MANAGER_ROLES}


def manages(actor: Actor, person: User) -> bool:
    """The acting person is a manager of a unit the person belongs to."""
    managed = managed_unit_ids(actor)
    return bool(managed) and bool(managed & set(membership_units_for_user(user=person)))
