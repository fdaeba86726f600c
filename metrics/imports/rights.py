"""Who brings a channel's figures in: the channel's department's people on duty (the inbox's duty roles) and the
communication unit's reviewers of the channel's hospital. Pure checks on a loaded Actor, plus the channels filter."""

from django.db.models import Q

from governance.permissions import Actor
from monitoring.permissions import DEPARTMENT_DUTY_ROLES


def can_import_metrics(actor: Actor, *, hospital_id: int, unit_id: int) -> bool:
    return actor.reviews_for(hospital_id) or bool(actor.roles_in(unit_id) & DEPARTMENT_DUTY_ROLES)


def can_see_channel_of(actor: Actor, *, hospital_id: int, unit_id: int) -> bool:
    """Seeing (403 instead of 404): the channel's department, the hospital's communication unit, a superuser."""
    return actor.user.is_superuser or hospital_id in actor.communication_units or unit_id in actor.unit_roles


def may_import_any_metrics(actor: Actor) -> bool:
    """Whether the person may bring figures in for some channel (the dashboards link to the upload page)."""
    return any(actor.reviews_for(hospital_id) for hospital_id in actor.communication_units) or any(
        roles & DEPARTMENT_DUTY_ROLES for roles in actor.unit_roles.values()
    )


def importable_channels_filter(actor: Actor) -> Q:
    hospitals = [hospital_id for hospital_id in actor.communication_units if actor.reviews_for(hospital_id)]
    units = [unit_id for unit_id, roles in actor.unit_roles.items() if roles & DEPARTMENT_DUTY_ROLES]
    if not hospitals and not units:
        return Q(pk__in=[])
    return Q(unit__hospital_id__in=hospitals) | Q(unit_id__in=units)
