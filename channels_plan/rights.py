"""Posting rights on channels: the one module that talks to django-guardian.

Rights are computed: ``posting_rights_sync`` compares the (user, permission) pairs the policy wants with the
ones that exist, and grants and revokes the difference. Until the posting-rights issue adds the scale's policy
per level, only the hospital's central communication unit posts and reviews content on official channels.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from guardian.shortcuts import assign_perm, get_users_with_perms, remove_perm

from channels_plan.models import Channel
from governance.models import Membership, Unit, User

CHANNEL_PERMISSIONS = ("post_to_channel", "review_content_for_channel")
POSTING_ROLES = frozenset({"strategist", "flowmanager", "community_manager", "producer"})


def _wanted(channel: Channel) -> set[tuple[int, str]]:
    if channel.status == Channel.Status.CLOSED:
        return set()
    users = Membership.objects.filter(
        unit__hospital_id=channel.unit.hospital_id,
        unit__kind=Unit.Kind.COMMUNICATION,
        role__code__in=POSTING_ROLES,
        user__is_active=True,
    ).values_list("user_id", flat=True)
    return {(user_id, codename) for user_id in set(users) for codename in CHANNEL_PERMISSIONS}


def _existing(channel: Channel) -> set[tuple[int, str]]:
    holders = get_users_with_perms(channel, attach_perms=True, with_superusers=False, with_group_users=False)
    return {(user.pk, codename) for user, codenames in holders.items() for codename in codenames}


@transaction.atomic
def posting_rights_sync(*, channel: Channel) -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    """Make the channel's object permissions match the policy; returns (granted, revoked). Idempotent."""
    channel = Channel.objects.select_for_update().select_related("unit").get(pk=channel.pk)
    wanted, existing = _wanted(channel), _existing(channel)
    granted, revoked = wanted - existing, existing - wanted
    users = User.objects.in_bulk({user_id for user_id, _ in granted | revoked})
    permissions = Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(Channel), codename__in=CHANNEL_PERMISSIONS
    )
    for permission in permissions:
        codename = permission.codename
        to_grant = [users[user_id] for user_id, wanted_codename in granted if wanted_codename == codename]
        to_revoke = [users[user_id] for user_id, held_codename in revoked if held_codename == codename]
        if to_grant:
            assign_perm(permission, to_grant, channel)
        if to_revoke:
            remove_perm(permission, to_revoke, channel)
    return granted, revoked
