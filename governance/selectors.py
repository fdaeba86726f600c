from django.db.models import QuerySet

from governance.models import Hospital, Membership, User


def hospital_list_for_user(*, user: User) -> QuerySet[Hospital]:
    """The hospitals a person works in; administrators see every hospital."""
    if user.is_superuser:
        return Hospital.objects.all()
    return Hospital.objects.filter(units__memberships__user=user).distinct()


def membership_list_for_user(*, user: User) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user).select_related("unit", "role").order_by("unit__name", "role__order")
    )


def membership_units_for_user(*, user: User) -> dict[int, set[str]]:
    """The units a person belongs to, with the role codes held in each: one query, for permission checks."""
    units: dict[int, set[str]] = {}
    for unit_id, role_code in Membership.objects.filter(user=user).values_list("unit_id", "role__code"):
        units.setdefault(unit_id, set()).add(role_code)
    return units


def communication_unit_hospitals_for_user(*, user: User) -> set[int]:
    """The hospitals in whose central communication unit the person works."""
    return set(
        Membership.objects.filter(user=user, unit__kind="communication").values_list("unit__hospital_id", flat=True)
    )
