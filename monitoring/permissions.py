"""Who sees and works the interaction inbox. Pure checks on a loaded Actor: no queries."""

from django.db.models import Q

from governance.models import Unit
from governance.permissions import Actor
from monitoring.models import Interaction

DEPARTMENT_DUTY_ROLES = frozenset({"flowmanager", "producer", "community_manager", "network_facilitator"})


def visible_interactions_filter(actor: Actor) -> Q:
    """The communication unit sees its hospital's interactions; a department those it is responsible for.
    Interactions holding personal or health data follow the same rule (and each reading is logged)."""
    if actor.user.is_superuser:
        return Q()
    return Q(hospital_id__in=list(actor.communication_units)) | Q(unit_id__in=list(actor.unit_roles))


def can_see_interaction(actor: Actor, interaction: Interaction) -> bool:
    return (
        actor.user.is_superuser
        or interaction.hospital_id in actor.communication_units
        or (interaction.unit_id is not None and interaction.unit_id in actor.unit_roles)
    )


def can_work_interaction(actor: Actor, interaction: Interaction) -> bool:
    """The communication unit, and the responsible department's people on duty, triage, assign and answer."""
    if interaction.hospital_id in actor.communication_units:
        return True
    return interaction.unit_id is not None and bool(actor.roles_in(interaction.unit_id) & DEPARTMENT_DUTY_ROLES)


def can_check_channel_of(actor: Actor, *, hospital_id: int, unit: Unit) -> bool:
    """Who may record a check of a channel: the communication unit, and the channel's department's people on duty."""
    return hospital_id in actor.communication_units or bool(actor.roles_in(unit.pk) & DEPARTMENT_DUTY_ROLES)
