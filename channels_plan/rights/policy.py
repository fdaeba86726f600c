"""Posting rights on channels: the one module that talks to django-guardian.

The policy follows the unit's level on the scale:
- levels 1–2 (centralised): only the central communication unit posts on official profiles;
- level 3: departments the communication unit has selected post on their own channels, planned with it;
- level 4: departments that asked and were approved post on their own channels;
- level 5: as level 4, and departments run their own closed patient and relatives groups without enrolment.
Within a department only members in a posting role get rights; its flowmanager also reviews its content.
Where the hospital requires courses of a role before it posts (``training.PostingCourseRequirement``), a department
member in that role gets rights only with a current completion (no expiry, or expiring today or later) of each.
While the hospital is in crisis mode, every department is treated as at level 1: only the communication unit posts.

Rights are computed: ``posting_rights_sync`` compares the (user, permission) pairs the policy wants with those
that exist, and grants and revokes the difference in one transaction. It runs when a plan is approved, a channel
changes status, a unit's level or enrolment changes, a membership changes, a completion is recorded, the
hospital's required courses change, and nightly (which also revokes the rights of completions that expired).
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from guardian.core import ObjectPermissionChecker
from guardian.shortcuts import assign_perm, remove_perm

from channels_plan.models import Channel, ChannelUserObjectPermission, Platform, PostingEnrolment
from governance.models import CrisisPeriod, Membership, Unit, User
from maturity.models import UnitMaturity
from training.models import Completion, PostingCourseRequirement

POST = "post_to_channel"
REVIEW = "review_content_for_channel"
CHANNEL_PERMISSIONS = (POST, REVIEW)
COMMUNICATION_POSTING_ROLES = frozenset({"strategist", "flowmanager", "community_manager", "producer"})
DEPARTMENT_POSTING_ROLES = frozenset({"flowmanager", "producer", "community_manager"})
DEPARTMENT_REVIEW_ROLES = frozenset({"flowmanager"})
GROUP_ROLES = DEPARTMENT_POSTING_ROLES | {"network_facilitator"}
DEPARTMENT_POSTING_FROM_LEVEL = 3
OWN_GROUPS_FROM_LEVEL = 5
CRISIS_LEVEL = 1


def posting_level(level: int | None, *, in_crisis: bool) -> int | None:
    """The level the policy applies: crisis mode centralises posting as at level 1."""
    return CRISIS_LEVEL if in_crisis and level is not None else level


def department_permissions(
    *, level: int | None, enrolled: bool, role: str, closed_group: bool, trained: bool
) -> frozenset[str]:
    """What a department member in ``role`` may do on one of the department's own channels.

    ``trained``: the member has a current completion of every course the hospital requires of the role.
    """
    if level is None or level < DEPARTMENT_POSTING_FROM_LEVEL or not trained:
        return frozenset()
    if closed_group and level >= OWN_GROUPS_FROM_LEVEL and role in GROUP_ROLES:
        return frozenset(CHANNEL_PERMISSIONS)
    if not enrolled or role not in DEPARTMENT_POSTING_ROLES:
        return frozenset()
    return frozenset({POST, REVIEW} if role in DEPARTMENT_REVIEW_ROLES else {POST})


def communication_permissions(*, role: str) -> frozenset[str]:
    """The central communication unit posts and reviews on every official channel of its hospital."""
    return frozenset(CHANNEL_PERMISSIONS) if role in COMMUNICATION_POSTING_ROLES else frozenset()


def untrained_members(memberships: list[Membership], *, hospital_id: int) -> set[tuple[int, int]]:
    """The (user id, role id) pairs lacking a current completion of a course the hospital requires of the role.

    Two queries whatever the number of members: the hospital's requirements, and the members' current completions.
    """
    required: dict[int, set[int]] = {}
    for role_id, course_id in PostingCourseRequirement.objects.filter(hospital_id=hospital_id).values_list(
        "role_id", "course_id"
    ):
        required.setdefault(role_id, set()).add(course_id)
    concerned = [membership for membership in memberships if membership.role_id in required]
    if not concerned:
        return set()
    current = Completion.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=timezone.localdate()),
        user_id__in={membership.user_id for membership in concerned},
        course_id__in=set().union(*required.values()),
    ).values_list("user_id", "course_id")
    completed: dict[int, set[int]] = {}
    for user_id, course_id in current:
        completed.setdefault(user_id, set()).add(course_id)
    return {
        (membership.user_id, membership.role_id)
        for membership in concerned
        if not required[membership.role_id] <= completed.get(membership.user_id, set())
    }


def _wanted(channel: Channel) -> set[tuple[int, str]]:
    if channel.status == Channel.Status.CLOSED:
        return set()
    memberships = Membership.objects.filter(user__is_active=True).select_related("role", "unit")
    wanted = {
        (membership.user_id, codename)
        for membership in memberships.filter(
            unit__hospital_id=channel.unit.hospital_id, unit__kind=Unit.Kind.COMMUNICATION
        )
        for codename in communication_permissions(role=membership.role.code)
    }
    if channel.unit.kind == Unit.Kind.DEPARTMENT:
        standing = UnitMaturity.objects.filter(unit_id=channel.unit_id).select_related("current_level").first()
        in_crisis = CrisisPeriod.objects.filter(hospital_id=channel.unit.hospital_id, ended_at__isnull=True).exists()
        level = posting_level(standing.current_level.number if standing else None, in_crisis=in_crisis)
        enrolled = PostingEnrolment.objects.filter(
            unit_id=channel.unit_id, status=PostingEnrolment.Status.ACTIVE
        ).exists()
        members = list(memberships.filter(unit_id=channel.unit_id))
        untrained = untrained_members(members, hospital_id=channel.unit.hospital_id)
        for membership in members:
            permissions = department_permissions(
                level=level,
                enrolled=enrolled,
                role=membership.role.code,
                closed_group=channel.platform == Platform.FACEBOOK_GROUP,
                trained=(membership.user_id, membership.role_id) not in untrained,
            )
            wanted |= {(membership.user_id, codename) for codename in permissions}
    return wanted


def _existing(channel: Channel) -> set[tuple[int, str]]:
    """Every stored grant, deactivated accounts' included (guardian's own listing leaves those out)."""
    rows = ChannelUserObjectPermission.objects.filter(content_object=channel)
    return set(rows.values_list("user_id", "permission__codename"))


@transaction.atomic
def posting_rights_sync(*, channel: Channel, locked: bool = False) -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    """Make the channel's object permissions match the policy; returns (granted, revoked). Idempotent. ``locked``: the
    caller has already locked the channel's row (with its unit), as ``_locked_channels`` does for many."""
    if not locked:
        channel = Channel.objects.select_for_update().select_related("unit").get(pk=channel.pk)
    wanted, existing = _wanted(channel), _existing(channel)
    granted, revoked = wanted - existing, existing - wanted
    users = User.objects.in_bulk({user_id for user_id, _ in granted | revoked})
    permissions = Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(Channel), codename__in=CHANNEL_PERMISSIONS
    )
    for permission in permissions:
        to_grant = [users[user_id] for user_id, codename in granted if codename == permission.codename]
        to_revoke = [users[user_id] for user_id, codename in revoked if codename == permission.codename]
        if to_grant:
            assign_perm(permission, to_grant, channel)
        if to_revoke:
            remove_perm(permission, to_revoke, channel)
    return granted, revoked


def _locked_channels(channels) -> list[Channel]:
    """The channels' rows locked in one query, with their units."""
    ids = channels.values("pk")
    return list(Channel.objects.select_for_update().select_related("unit").filter(pk__in=ids).order_by("pk"))


@transaction.atomic
def posting_rights_sync_for_units(*, unit_ids: set[int]) -> None:
    """Re-sync every channel whose policy inputs involve these units (a communication unit: all its hospital's)."""
    hospitals = Unit.objects.filter(pk__in=unit_ids, kind=Unit.Kind.COMMUNICATION).values_list("hospital_id")
    channels = Channel.objects.filter(Q(unit_id__in=unit_ids) | Q(unit__hospital_id__in=hospitals))
    for channel in _locked_channels(channels):
        posting_rights_sync(channel=channel, locked=True)


@transaction.atomic
def posting_rights_sync_for_hospital(*, hospital_id: int) -> None:
    """Re-sync every channel of a hospital (crisis mode starts or ends)."""
    for channel in _locked_channels(Channel.objects.filter(unit__hospital_id=hospital_id)):
        posting_rights_sync(channel=channel, locked=True)


def channels_permitted(*, user: User, codename: str, channels) -> set[int]:
    """The ids of those ``channels`` on which ``user`` holds ``codename``: one query for the lot.

    Checked against the database on every call, so a revoked right is refused on the very next request.
    """
    channels = list(channels)
    if not user.is_active or not channels:
        return set()
    checker = ObjectPermissionChecker(user)
    checker.prefetch_perms(channels)
    return {channel.pk for channel in channels if checker.has_perm(codename, channel)}
