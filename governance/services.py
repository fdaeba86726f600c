"""Every write to the organisation. Each service runs in one transaction and records who acted in history."""

from django.db import transaction

from governance.models import Hospital, Membership, Role, Unit, User


def _attribute(instance, acting_user: User | None):
    """Name the acting user in the history row that the next save writes."""
    instance._history_user = acting_user
    return instance


@transaction.atomic
def hospital_ensure(*, name: str, country: str, acting_user: User | None = None) -> Hospital:
    hospital = Hospital.objects.select_for_update().filter(name=name).first()
    if hospital is None:
        hospital = _attribute(Hospital(name=name, country=country), acting_user)
        hospital.full_clean()
        hospital.save()
    return hospital


@transaction.atomic
def unit_ensure(
    *, hospital: Hospital, name: str, kind: str, parent: Unit | None = None, acting_user: User | None = None
) -> Unit:
    unit = Unit.objects.select_for_update().filter(hospital=hospital, name=name).first()
    if unit is None:
        unit = _attribute(Unit(hospital=hospital, name=name, kind=kind, parent=parent), acting_user)
        unit.full_clean()
        unit.save()
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
        user = _attribute(
            User(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=email,
                is_staff=is_staff,
                is_superuser=is_superuser,
            ),
            acting_user,
        )
        user.set_password(password)
        user.save()
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
        membership = _attribute(Membership(user=user, unit=unit, role=role, backup_for=backup_for), acting_user)
        membership.full_clean()
        membership.save()
    return membership
