"""Reading user-involvement activities: the ones a person may see, one of them with what its page shows, and the
units the person may start one for. Each read is a fixed number of queries."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from channels_plan.models import ContentProposal, PostingEnrolment
from governance.models import FollowGroupMember, Unit
from governance.permissions import Actor
from involvement.activities.permissions import (
    UnitStanding,
    can_start_activity_for,
    manager_hospitals,
    visible_activities_filter,
)
from involvement.models import InvolvementActivity
from maturity.models import UnitMaturity


def reader_hospitals(actor: Actor) -> set[int]:
    """Hospitals whose activities the person reads as a manager or a follow group member: two queries."""
    unit_hospitals = dict(Unit.objects.filter(pk__in=list(actor.unit_roles)).values_list("pk", "hospital_id"))
    follow = FollowGroupMember.objects.filter(user_id=actor.user.pk).values_list("group__hospital_id", flat=True)
    return manager_hospitals(actor, unit_hospitals) | set(follow)


def activity_list_for_actor(*, actor: Actor) -> QuerySet[InvolvementActivity]:
    visible = visible_activities_filter(actor, reader_hospitals=reader_hospitals(actor))
    return InvolvementActivity.objects.filter(visible).select_related("unit").order_by("status", "-created_at")


def activity_get_for_actor(*, actor: Actor, activity_id: int) -> InvolvementActivity:
    """The activity with its unit, proposals (and their channels), topics and report; 404 when not visible."""
    activity = (
        activity_list_for_actor(actor=actor)
        .select_related("unit__hospital", "report", "created_by")
        .prefetch_related(
            Prefetch("proposals", queryset=ContentProposal.objects.prefetch_related("channels").order_by("pk")),
            "topics",
        )
        .filter(pk=activity_id)
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def unit_standings(unit_ids) -> dict[int, UnitStanding]:
    """Level and enrolment of several units: two queries."""
    levels = dict(UnitMaturity.objects.filter(unit_id__in=unit_ids).values_list("unit_id", "current_level__number"))
    enrolled = set(
        PostingEnrolment.objects.filter(unit_id__in=unit_ids, status=PostingEnrolment.Status.ACTIVE).values_list(
            "unit_id", flat=True
        )
    )
    return {unit_id: UnitStanding(level=levels.get(unit_id), enrolled=unit_id in enrolled) for unit_id in unit_ids}


def unit_standing(unit: Unit) -> UnitStanding:
    return unit_standings([unit.pk])[unit.pk]


def startable_units_for_actor(*, actor: Actor) -> list[Unit]:
    """The communication unit and enrolled level-4+ departments the person may start an activity for."""
    units = list(
        Unit.objects.filter(hospital_id__in=list(actor.communication_units)).select_related("hospital")
        | Unit.objects.filter(pk__in=list(actor.unit_roles)).select_related("hospital")
    )
    standings = unit_standings([unit.pk for unit in units])
    return sorted(
        (unit for unit in units if can_start_activity_for(actor, unit, standings[unit.pk])),
        key=lambda unit: (unit.kind != Unit.Kind.COMMUNICATION, unit.name),
    )
