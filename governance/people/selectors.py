"""Reads for a unit's people page: the unit (for those who may staff it), its memberships with their back-ups, and
the people of the hospital who can be given a role in it. A fixed number of queries whatever the unit's size."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from governance.models import Membership, Role, Unit, User
from governance.people.permissions import may_staff_unit
from governance.permissions import Actor


def staffable_unit_get(*, actor: Actor, unit_id: int) -> Unit:
    """The unit, if the person may staff it (404 otherwise, as if it did not exist)."""
    unit = Unit.objects.select_related("hospital").filter(pk=unit_id).first()
    if unit is None or not may_staff_unit(actor, unit):
        raise Http404("No such unit")
    return unit


def unit_membership_get(*, unit: Unit, membership_id: int) -> Membership:
    """A membership of the unit (404 for one of another unit, or one that has ended)."""
    membership = Membership.objects.select_related("user", "role").filter(pk=membership_id, unit=unit).first()
    if membership is None:
        raise Http404("No such membership")
    return membership


def unit_memberships(*, unit: Unit) -> list[Membership]:
    """The unit's memberships in the role catalogue's order, each with its person, role and whom it backs up."""
    return list(
        Membership.objects.filter(unit=unit)
        .select_related("user", "role", "backup_for__user", "backup_for__role")
        .order_by("role__order", "role__code", "user__first_name", "user__last_name", "user__username", "pk")
    )


@dataclass
class RoleGroup:
    role: Role
    memberships: list[Membership] = field(default_factory=list)


def memberships_by_role(memberships: list[Membership]) -> list[RoleGroup]:
    """Group loaded memberships by role; each membership gets ``backup_list``: the memberships that back it up."""
    backups: dict[int, list[Membership]] = {}
    for membership in memberships:
        if membership.backup_for_id:
            backups.setdefault(membership.backup_for_id, []).append(membership)
    groups: dict[int, RoleGroup] = {}
    for membership in memberships:
        membership.backup_list = backups.get(membership.pk, [])
        groups.setdefault(membership.role_id, RoleGroup(role=membership.role)).memberships.append(membership)
    return list(groups.values())


def hospital_people(*, hospital_id: int) -> QuerySet[User]:
    """The active people who work in the hospital (hold a role in one of its units): those a unit may take on."""
    return (
        User.objects.filter(is_active=True, memberships__unit__hospital_id=hospital_id)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def role_catalogue() -> QuerySet[Role]:
    return Role.objects.order_by("order", "code")
