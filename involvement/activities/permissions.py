"""Who runs and who reads user-involvement activities. Pure checks on a loaded Actor and what the caller loaded.

The communication unit runs every activity of its hospital. A department runs its own from level 4 on, once it is
enrolled among the departments that post themselves. The activity and its report are read by the people who run
it, the unit's people, the communication unit, the hospital's managers and its follow group members.
"""

from dataclasses import dataclass

from django.db.models import Q

from governance.models import Unit
from governance.permissions import Actor
from involvement.models import InvolvementActivity

RUNNER_ROLES = frozenset({"flowmanager", "producer", "community_manager"})
MANAGEMENT_ROLES = frozenset({"strategist", "manager"})
INVOLVEMENT_FROM_LEVEL = 4


@dataclass(frozen=True)
class UnitStanding:
    """A unit's current level and whether it is enrolled among the departments that post themselves."""

    level: int | None
    enrolled: bool


def unit_may_involve(unit: Unit, standing: UnitStanding) -> bool:
    if unit.kind == Unit.Kind.COMMUNICATION:
        return True
    return standing.level is not None and standing.level >= INVOLVEMENT_FROM_LEVEL and standing.enrolled


def can_start_activity_for(actor: Actor, unit: Unit, standing: UnitStanding) -> bool:
    if not unit_may_involve(unit, standing):
        return False
    return actor.reviews_for(unit.hospital_id) or bool(actor.roles_in(unit.pk) & RUNNER_ROLES)


def can_run_activity(actor: Actor, activity: InvolvementActivity) -> bool:
    return actor.reviews_for(activity.unit.hospital_id) or bool(actor.roles_in(activity.unit_id) & RUNNER_ROLES)


def manager_hospitals(actor: Actor, unit_hospitals: dict[int, int]) -> set[int]:
    """The hospitals where the person holds a management role; ``unit_hospitals`` maps unit id -> hospital id."""
    return {unit_hospitals[unit_id] for unit_id, roles in actor.unit_roles.items() if roles & MANAGEMENT_ROLES}


def visible_activities_filter(actor: Actor, *, reader_hospitals: set[int]) -> Q:
    """``reader_hospitals``: where the person manages or sits in the follow group (selectors load them)."""
    if actor.user.is_superuser:
        return Q()
    return (
        Q(unit__hospital_id__in=list(actor.communication_units))
        | Q(unit_id__in=list(actor.unit_roles))
        | Q(unit__hospital_id__in=list(reader_hospitals))
    )
