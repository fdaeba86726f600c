"""Every write to the SoMe follow group: locked, checked, audited, one transaction each.

The communication unit's reviewers set the group up and decide who is in it; they and the group's members record
its meetings and follow its ideas up. A refusal of the rules raises ``PermissionDenied``; a refusal of the input
raises ``ValidationError`` with a message the person can act on.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.audit import delete_as, save_as
from governance.models import (
    FollowGroup,
    FollowGroupIdea,
    FollowGroupMeeting,
    FollowGroupMember,
    Hospital,
    Membership,
    Unit,
    User,
)
from governance.permissions import Actor, actor_for

MAX_IDEAS_PER_MEETING = 50
IDEA_MAX_LENGTH = FollowGroupIdea._meta.get_field("text").max_length


def follow_group_may_manage(actor: Actor, *, hospital_id: int) -> bool:
    """The communication unit's reviewers set the group up and decide who is in it."""
    return actor.reviews_for(hospital_id)


def follow_group_may_take_part(actor: Actor, *, group: FollowGroup) -> bool:
    """Reviewers and the group's own members record meetings and set the status of ideas.

    Reads ``group.members.all()``, so a group from ``follow_group_get`` answers without a query."""
    if follow_group_may_manage(actor, hospital_id=group.hospital_id):
        return True
    return any(member.user_id == actor.user.pk for member in group.members.all())


def _clean_text(value, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("Fill in “%(field)s”.") % {"field": label}})
    if "\x00" in text:
        raise ValidationError({field: _("“%(field)s” contains a character that cannot be stored.") % {"field": label}})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("“%(field)s” can be at most %(max)d characters long (it has %(length)d).")
                % {"field": label, "max": max_length, "length": len(text)}
            }
        )
    return text


def _locked_group(group: FollowGroup) -> FollowGroup:
    group = FollowGroup.objects.select_for_update().filter(pk=group.pk).first()
    if group is None:
        raise ValidationError(_("The follow group no longer exists."))
    return group


@transaction.atomic
def follow_group_save(*, hospital: Hospital, data: dict, acting_user: User) -> FollowGroup:
    """Set the hospital's follow group up, or change its name and purpose."""
    if not follow_group_may_manage(actor_for(acting_user), hospital_id=hospital.pk):
        raise PermissionDenied(_("Only the communication unit sets up the follow group."))
    # Locking the hospital serialises two people setting the group up at the same moment.
    Hospital.objects.select_for_update().get(pk=hospital.pk)
    group = FollowGroup.objects.select_for_update().filter(hospital_id=hospital.pk).first()
    group = group or FollowGroup(hospital=hospital)
    group.name = _clean_text(
        data.get("name"), field="name", label=_("Name"), max_length=FollowGroup._meta.get_field("name").max_length
    )
    group.purpose = _clean_text(
        data.get("purpose"),
        field="purpose",
        label=_("Purpose"),
        max_length=FollowGroup._meta.get_field("purpose").max_length,
    )
    return save_as(group, acting_user)


@transaction.atomic
def follow_group_member_add(
    *, group: FollowGroup, user: User, unit: Unit, joined_on: datetime.date, acting_user: User
) -> FollowGroupMember:
    """Add a person of the hospital to the group, representing a unit of the hospital."""
    group = _locked_group(group)
    if not follow_group_may_manage(actor_for(acting_user), hospital_id=group.hospital_id):
        raise PermissionDenied(_("Only the communication unit decides who is in the follow group."))
    if unit.hospital_id != group.hospital_id:
        raise ValidationError({"unit": _("Choose a unit of the group's own hospital.")})
    if not user.is_active or not Membership.objects.filter(user=user, unit__hospital_id=group.hospital_id).exists():
        raise ValidationError({"user": _("Choose a person who works in the group's hospital.")})
    if FollowGroupMember.objects.filter(group=group, user=user).exists():
        raise ValidationError({"user": _("%(person)s is already a member of the follow group.") % {"person": user}})
    if not isinstance(joined_on, datetime.date):
        raise ValidationError({"joined_on": _("Enter the date the person joined.")})
    member = FollowGroupMember(group=group, user=user, unit=unit, joined_on=joined_on)
    return save_as(member, acting_user)


@transaction.atomic
def follow_group_member_remove(*, member: FollowGroupMember, acting_user: User) -> None:
    # The group first, as adding a member locks it: the two never wait for each other in opposite order.
    group = _locked_group(FollowGroup(pk=member.group_id))
    if not follow_group_may_manage(actor_for(acting_user), hospital_id=group.hospital_id):
        raise PermissionDenied(_("Only the communication unit decides who is in the follow group."))
    locked = FollowGroupMember.objects.select_for_update().filter(pk=member.pk, group=group).first()
    if locked is None:
        raise ValidationError(_("This person has already left the follow group."))
    delete_as(locked, acting_user)


def _clean_ideas(ideas: list[str]) -> list[str]:
    """Each idea once, in the order given; blank lines dropped."""
    cleaned, seen = [], set()
    for number, raw in enumerate(ideas, start=1):
        text = " ".join((raw or "").split())
        if not text:
            continue
        if "\x00" in text:
            raise ValidationError(
                {"ideas": _("Idea %(number)d contains a character that cannot be stored.") % {"number": number}}
            )
        if len(text) > IDEA_MAX_LENGTH:
            raise ValidationError(
                {
                    "ideas": _("Idea %(number)d is longer than %(max)d characters: shorten it or split it in two.")
                    % {"number": number, "max": IDEA_MAX_LENGTH}
                }
            )
        if text.casefold() not in seen:
            seen.add(text.casefold())
            cleaned.append(text)
    if len(cleaned) > MAX_IDEAS_PER_MEETING:
        raise ValidationError(
            {"ideas": _("Record at most %(max)d ideas per meeting.") % {"max": MAX_IDEAS_PER_MEETING}}
        )
    return cleaned


@transaction.atomic
def follow_group_meeting_record(
    *, group: FollowGroup, held_on: datetime.date, minutes: str, ideas: list[str], acting_user: User
) -> FollowGroupMeeting:
    """Record a meeting that has been held, its minutes, and the ideas it brought."""
    group = _locked_group(group)
    if not follow_group_may_take_part(actor_for(acting_user), group=group):
        raise PermissionDenied(_("Only the communication unit and the group's members record its meetings."))
    if not isinstance(held_on, datetime.date):
        raise ValidationError({"held_on": _("Enter the date of the meeting.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Record a meeting once it has been held: the date is in the future.")})
    minutes = _clean_text(
        minutes,
        field="minutes",
        label=_("Minutes"),
        max_length=FollowGroupMeeting._meta.get_field("minutes").max_length,
    )
    texts = _clean_ideas(ideas)
    meeting = save_as(
        FollowGroupMeeting(group=group, held_on=held_on, minutes=minutes, recorded_by=acting_user), acting_user
    )
    for text in texts:
        save_as(FollowGroupIdea(meeting=meeting, text=text), acting_user)
    return meeting


@transaction.atomic
def follow_group_idea_status_set(*, idea: FollowGroupIdea, status: str, acting_user: User) -> FollowGroupIdea:
    locked = FollowGroupIdea.objects.select_for_update().filter(pk=idea.pk).first()
    if locked is None:
        raise ValidationError(_("The idea no longer exists."))
    group = FollowGroup.objects.get(meetings__pk=locked.meeting_id)
    if not follow_group_may_take_part(actor_for(acting_user), group=group):
        raise PermissionDenied(_("Only the communication unit and the group's members follow its ideas up."))
    if status not in FollowGroupIdea.Status.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    if locked.status == status:
        return locked
    locked.status = status
    return save_as(locked, acting_user)
