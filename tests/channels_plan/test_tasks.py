import pytest

from channels_plan.models import Channel, ChannelUserObjectPermission
from channels_plan.rights import posting_rights_sync
from channels_plan.tasks import reconcile_posting_rights
from governance.models import Membership

pytestmark = pytest.mark.django_db


def _holders(channel: Channel) -> set[tuple[str, str]]:
    rows = ChannelUserObjectPermission.objects.filter(content_object=channel)
    return set(rows.values_list("user__username", "permission__codename"))


def test_nightly_reconciliation_revokes_rights_of_someone_who_left_the_communication_unit(people):
    channel = Channel.objects.get()
    assert ("community", "post_to_channel") in _holders(channel)
    Membership.objects.get(user=people["community"], unit__kind="communication").delete()
    reconcile_posting_rights()
    assert {user for user, _ in _holders(channel)} == {"lead"}


def test_sync_is_idempotent_and_reports_what_changed(people):
    channel = Channel.objects.get()
    assert posting_rights_sync(channel=channel) == (set(), set())
    ChannelUserObjectPermission.objects.filter(content_object=channel, user=people["lead"]).delete()
    granted, revoked = posting_rights_sync(channel=channel)
    assert granted == {(people["lead"].pk, "post_to_channel"), (people["lead"].pk, "review_content_for_channel")}
    assert revoked == set()
    assert posting_rights_sync(channel=channel) == (set(), set())
