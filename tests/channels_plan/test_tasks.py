import pytest
from guardian.shortcuts import assign_perm

from channels_plan.models import Channel, ChannelUserObjectPermission
from channels_plan.rights.policy import posting_rights_sync
from channels_plan.tasks import reconcile_posting_rights

pytestmark = pytest.mark.django_db


def _holders(channel: Channel) -> set[tuple[str, str]]:
    rows = ChannelUserObjectPermission.objects.filter(content_object=channel)
    return set(rows.values_list("user__username", "permission__codename"))


def test_nightly_reconciliation_removes_rights_granted_outside_the_policy(people):
    channel = Channel.objects.get()
    before = _holders(channel)
    assign_perm("channels_plan.post_to_channel", people["manager"], channel)  # e.g. by hand, in the admin
    reconcile_posting_rights()
    assert _holders(channel) == before
    assert ("manager", "post_to_channel") not in before


def test_sync_is_idempotent_and_reports_what_changed(people):
    channel = Channel.objects.get()
    assert posting_rights_sync(channel=channel) == (set(), set())
    ChannelUserObjectPermission.objects.filter(content_object=channel, user=people["lead"]).delete()
    granted, revoked = posting_rights_sync(channel=channel)
    assert granted == {(people["lead"].pk, "post_to_channel"), (people["lead"].pk, "review_content_for_channel")}
    assert revoked == set()
    assert posting_rights_sync(channel=channel) == (set(), set())
