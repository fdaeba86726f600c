"""Who sees and works patient networks. Pure checks on a loaded Actor: no queries.

The communication unit sees every network of its hospital; the department's people see its own. The department's
flowmanager and the communication unit's reviewers record the yearly review."""

from django.db.models import Q

from governance.permissions import Actor
from involvement.models import PatientNetwork

REVIEWER_ROLES = frozenset({"flowmanager"})


def visible_networks_filter(actor: Actor) -> Q:
    if actor.user.is_superuser:
        return Q()
    return Q(unit__hospital_id__in=list(actor.communication_units)) | Q(unit_id__in=list(actor.unit_roles))


def can_review_network(actor: Actor, network: PatientNetwork) -> bool:
    return actor.reviews_for(network.unit.hospital_id) or bool(actor.roles_in(network.unit_id) & REVIEWER_ROLES)


def can_record_members(actor: Actor, network: PatientNetwork, facilitator_ids: set[int]) -> bool:
    """Who records member counts: the facilitators, and those who review the network."""
    return actor.user.pk in facilitator_ids or can_review_network(actor, network)
