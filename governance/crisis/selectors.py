from django.db.models import Count, OuterRef, QuerySet, Subquery

from governance.models import CrisisPeriod, GuidelineDocument, GuidelineKind, Hospital, User


def _crisis_plan_id():
    return Subquery(
        GuidelineDocument.objects.filter(
            hospital=OuterRef("hospital"), unit__isnull=True, kind=GuidelineKind.CRISIS_PLAN
        ).values("pk")[:1]
    )


def crisis_open_for_user(*, user: User) -> list[CrisisPeriod]:
    """The open crises of the hospitals a person works in (administrators: all), each with ``crisis_plan_id``.
    One query: the banner on every page runs it."""
    crises = CrisisPeriod.objects.filter(ended_at__isnull=True).select_related("hospital")
    if not user.is_superuser:
        crises = crises.filter(hospital__units__memberships__user=user).distinct()
    return list(crises.annotate(crisis_plan_id=_crisis_plan_id()))


def crisis_periods_for_hospital(*, hospital: Hospital, limit: int = 20) -> QuerySet[CrisisPeriod]:
    """The hospital's crisis periods, newest first, with who acted and how many posts each one held."""
    return (
        CrisisPeriod.objects.filter(hospital=hospital)
        .select_related("started_by", "ended_by")
        .annotate(held_count=Count("held_proposals"), crisis_plan_id=_crisis_plan_id())
        .order_by("-started_at")[:limit]
    )
