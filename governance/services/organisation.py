"""Every write to the organisation. Each service runs in one transaction and records who acted in history."""

from django.db import transaction

from governance.audit import save_as
from governance.models import Hospital, Membership, Role, Unit, User
from governance.triage.services import triage_tree_seed


@transaction.atomic
def hospital_ensure(*, name: str, country: str, acting_user: User | None = None) -> Hospital:
    """Create a hospital once, with the default triage diagram; a second call leaves it as it is."""

    hospital = Hospital.objects.select_for_update().filter(name=name).first()
    if hospital is None:
        hospital = Hospital(name=name, country=country)
        hospital.full_clean()
        save_as(hospital, acting_user)
        triage_tree_seed(hospital=hospital, acting_user=acting_user)
    return hospital


@transaction.atomic
def unit_ensure(
    *, hospital: Hospital, name: str, kind: str, parent: Unit | None = None, acting_user: User | None = None
) -> Unit:
    unit = Unit.objects.select_for_update().filter(hospital=hospital, name=name).first()
    if unit is None:
        unit = Unit(hospital=hospital, name=name, kind=kind, parent=parent)
        unit.full_clean()
        save_as(unit, acting_user)
    return unit


@transaction.atomic
def user_ensure(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    is_staff: bool = False,
    is_superuser: bool = False,
    acting_user: User | None = None,
) -> User:
    """Create a person once; a second call leaves an existing account (and its password) untouched."""
    user = User.objects.select_for_update().filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=email,
            is_staff=is_staff,
            is_superuser=is_superuser,
        )
        user.set_password(password)
        save_as(user, acting_user)
    return user


@transaction.atomic
def membership_ensure(
    *,
    user: User,
    unit: Unit,
    role: Role,
    backup_for: Membership | None = None,
    acting_user: User | None = None,
) -> Membership:
    membership = Membership.objects.select_for_update().filter(user=user, unit=unit, role=role).first()
    if membership is None:
        membership = Membership(user=user, unit=unit, role=role, backup_for=backup_for)
        membership.full_clean()
        save_as(membership, acting_user)
    return membership
