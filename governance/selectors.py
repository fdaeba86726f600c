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
