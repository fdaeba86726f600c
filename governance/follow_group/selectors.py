"""Reads of the SoMe follow group: the page's data in a fixed number of queries, and the evidence the gap report
weighs against the scale's level-4 requirement of a follow group."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q

from governance.models import (
    FollowGroup,
    FollowGroupIdea,
    FollowGroupMeeting,
    FollowGroupMember,
    Hospital,
    Unit,
    User,
)

OPEN_IDEA_STATUSES = (FollowGroupIdea.Status.NEW, FollowGroupIdea.Status.ADOPTED)


def follow_group_get(*, hospital: Hospital) -> FollowGroup | None:
    """The hospital's follow group with its members (person and unit) and its meetings (newest first) with their
    ideas: four queries, however large the group and its history."""
    members = FollowGroupMember.objects.select_related("user", "unit").order_by(
        "unit__name", "user__first_name", "user__last_name", "pk"
    )
    meetings = FollowGroupMeeting.objects.select_related("recorded_by").order_by("-held_on", "-pk")
    return (
        FollowGroup.objects.filter(hospital_id=hospital.pk)
        .select_related("hospital")
        .prefetch_related(
            Prefetch("members", queryset=members),
            Prefetch("meetings", queryset=meetings),
            Prefetch("meetings__ideas", queryset=FollowGroupIdea.objects.order_by("pk")),
        )
        .first()
    )


def follow_group_people_choices(*, hospital: Hospital, group: FollowGroup | None):
    """The active people of the hospital who are not in the group yet, for the member form."""
    people = User.objects.filter(is_active=True, memberships__unit__hospital_id=hospital.pk)
    if group is not None:
        people = people.exclude(follow_groups__group=group)
    return people.distinct().order_by("first_name", "last_name", "username")


@dataclass(frozen=True)
class FollowGroupEvidence:
    """What the gap report needs to judge the follow group requirement."""

    exists: bool
    member_count: int = 0
    unit_count: int = 0  # distinct units the members represent
    department_count: int = 0  # of which departments (not the communication unit)
    last_meeting_on: datetime.date | None = None
    meetings_last_12_months: int = 0
    open_ideas: int = 0  # new or adopted, not yet done or declined

    @property
    def has_members_from_several_units(self) -> bool:
        return self.unit_count > 1


def _one_year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def follow_group_evidence(*, hospital: Hospital, today: datetime.date) -> FollowGroupEvidence:
    """The follow group as evidence on ``today``: at most three queries.

    Meetings count as "in the last 12 months" when held after the same date a year ago and not after ``today``.
    """
    group = (
        FollowGroup.objects.filter(hospital_id=hospital.pk)
        .annotate(
            member_count=Count("members", distinct=True),
            unit_count=Count("members__unit", distinct=True),
            department_count=Count("members__unit", filter=Q(members__unit__kind=Unit.Kind.DEPARTMENT), distinct=True),
        )
        .first()
    )
    if group is None:
        return FollowGroupEvidence(exists=False)
    held = Q(held_on__lte=today)
    meetings = FollowGroupMeeting.objects.filter(group=group).aggregate(
        last=Max("held_on", filter=held),
        recent=Count("pk", filter=held & Q(held_on__gt=_one_year_before(today))),
    )
    open_ideas = FollowGroupIdea.objects.filter(meeting__group=group, status__in=OPEN_IDEA_STATUSES).count()
    return FollowGroupEvidence(
        exists=True,
        member_count=group.member_count,
        unit_count=group.unit_count,
        department_count=group.department_count,
        last_meeting_on=meetings["last"],
        meetings_last_12_months=meetings["recent"],
        open_ideas=open_ideas,
    )
