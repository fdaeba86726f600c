"""Every write to a unit's people: locked, checked, audited, one transaction each.

The unit's manager, the hospital's communication unit and administrators give people roles in the unit, name
back-ups and end memberships (``governance.people.permissions``). As elsewhere in governance, a refusal of the rules
raises ``PermissionDenied`` and a refusal of the input raises ``ValidationError`` naming the form field it concerns.

Each service first locks the unit's row, so that two people staffing the same unit at the same moment take turns:
the second sees what the first did (the person already holds the role; the membership has already ended) and is
refused with a message instead of adding a duplicate or ending something twice. The membership rows concerned are
locked too. Posting rights follow: ``channels_plan`` re-syncs the unit's channels on every save and deletion of a
membership (its receivers of ``post_save`` / ``post_delete``), inside the same transaction.
"""

import dataclasses

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from governance.audit import delete_as, save_as
from governance.models import Membership, Role, Unit, User
from governance.people.permissions import may_staff_unit
from governance.permissions import Actor, actor_for


def _unit_locked_for(*, unit: Unit, acting_user: User | None) -> tuple[Unit, Actor]:
    """Lock the unit's row (every write to its people takes turns on it) and check the acting person's rights."""
    if acting_user is None:
        raise PermissionDenied(_("Sign in to staff a unit."))
    locked = Unit.objects.select_for_update().get(pk=unit.pk)
    actor = actor_for(acting_user)
    if not may_staff_unit(actor, locked):
        raise PermissionDenied(_("Only the unit's manager, the communication unit and administrators staff a unit."))
    return locked, actor


def _membership_locked(*, unit: Unit, membership_id: int, field: str | None = None) -> Membership:
    """A membership of the unit, locked; refused with a message when it has ended (or belongs elsewhere)."""
    membership = (
        Membership.objects.select_for_update()
        .select_related("user", "role")
        .filter(pk=membership_id, unit_id=unit.pk)
        .first()
    )
    if membership is None:
        message = _("This membership has ended in the meantime. Reload the page to see the unit as it is now.")
        raise ValidationError({field: message} if field else message)
    return membership


def _check_backup(*, membership_user_id: int, backup_for: Membership, field: str) -> None:
    if backup_for.user_id == membership_user_id:
        raise ValidationError({field: _("A person cannot be their own back-up. Choose someone else's role.")})


@transaction.atomic
def unit_membership_add(
    *, unit: Unit, user: User, role: Role, backup_for: Membership | None = None, acting_user: User
) -> Membership:
    """Give a person of the unit's hospital a role in the unit, perhaps as the back-up of another member."""
    unit, _actor = _unit_locked_for(unit=unit, acting_user=acting_user)
    if not user.is_active:
        raise ValidationError({"user": _("%(person)s's account is deactivated.") % {"person": user}})
    if not Membership.objects.filter(user=user, unit__hospital_id=unit.hospital_id).exists():
        raise ValidationError({"user": _("%(person)s does not work at this hospital.") % {"person": user}})
    if Membership.objects.filter(user=user, unit=unit, role=role).exists():
        raise ValidationError(
            {"role": _("%(person)s already holds the role %(role)s in %(unit)s.") % _names(user, role, unit)}
        )
    if backup_for is not None:
        backup_for = _membership_locked(unit=unit, membership_id=backup_for.pk, field="backup_for")
        _check_backup(membership_user_id=user.pk, backup_for=backup_for, field="backup_for")
    membership = Membership(user=user, unit=unit, role=role, backup_for=backup_for)
    try:
        with transaction.atomic():
            save_as(membership, acting_user)
    except IntegrityError as error:  # only if a writer ignored the unit's lock
        raise ValidationError(
            {"role": _("%(person)s already holds the role %(role)s in %(unit)s.") % _names(user, role, unit)}
        ) from error
    return membership


@transaction.atomic
def unit_membership_backup_set(
    *, membership: Membership, backup_for: Membership | None, acting_user: User, field: str = "backup_for"
) -> Membership:
    """Make ``membership`` the back-up of ``backup_for`` (another member of the same unit), or of nobody (None).

    A membership backs up one other at most: naming it the back-up of someone new ends its earlier back-up. Asking
    for what already holds changes nothing (and writes no history)."""
    unit, _actor = _unit_locked_for(unit=membership.unit, acting_user=acting_user)
    membership = _membership_locked(unit=unit, membership_id=membership.pk, field=field)
    if backup_for is not None:
        if backup_for.pk == membership.pk:
            raise ValidationError({field: _("A person cannot be their own back-up. Choose someone else's role.")})
        backup_for = _membership_locked(unit=unit, membership_id=backup_for.pk, field=field)
        _check_backup(membership_user_id=membership.user_id, backup_for=backup_for, field=field)
    if membership.backup_for_id == (backup_for.pk if backup_for else None):
        return membership
    membership.backup_for = backup_for
    return save_as(membership, acting_user)


@transaction.atomic
def unit_membership_end(*, membership: Membership, acting_user: User) -> None:
    """End a membership: the person no longer holds the role in the unit.

    Those who backed the membership up are released first, each in its own history row (the database's
    ``SET NULL`` would change them without history). The deletion is recorded in history with the acting person,
    and the unit's posting rights are re-synced (``channels_plan`` listens to every deletion of a membership)."""
    unit, actor = _unit_locked_for(unit=membership.unit, acting_user=acting_user)
    membership = _membership_locked(unit=unit, membership_id=membership.pk)
    if membership.user_id == acting_user.pk and not _may_staff_without(actor, unit=unit, membership=membership):
        raise PermissionDenied(
            _(
                "You cannot end your own role as %(role)s here: it is what lets you staff %(unit)s. "
                "Ask the communication unit or an administrator."
            )
            % {"role": membership.role, "unit": unit}
        )
    for backup in Membership.objects.select_for_update().filter(backup_for=membership).order_by("pk"):
        backup.backup_for = None
        save_as(backup, acting_user)
    delete_as(membership, acting_user)


def _may_staff_without(actor: Actor, *, unit: Unit, membership: Membership) -> bool:
    """Whether the person could still staff the unit once this membership of theirs has ended."""
    others = Membership.objects.filter(user_id=membership.user_id, unit_id=membership.unit_id).exclude(pk=membership.pk)
    unit_roles = {**actor.unit_roles, unit.pk: set(others.values_list("role__code", flat=True))}
    return may_staff_unit(dataclasses.replace(actor, unit_roles=unit_roles), unit)


def _names(user: User, role: Role, unit: Unit) -> dict[str, str]:
    return {"person": str(user), "role": str(role), "unit": str(unit)}
