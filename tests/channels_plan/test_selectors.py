from datetime import timedelta

import pytest
from django.utils import timezone

from channels_plan.models import Channel
from channels_plan.selectors import channel_review_is_due, overdue_channel_reviews
from channels_plan.services import channel_review_record
from governance.permissions import actor_for

pytestmark = pytest.mark.django_db


def _age(channel: Channel, days: int) -> None:
    # Test set-up only: registration time is not something the application ever changes.
    Channel.objects.filter(pk=channel.pk).update(registered_at=timezone.now() - timedelta(days=days))


def test_a_channel_is_due_for_review_a_year_after_registration_or_its_last_review(people):
    channel = Channel.objects.get()
    lead = actor_for(people["lead"])
    assert overdue_channel_reviews(actor=lead) == []
    _age(channel, 366)
    assert overdue_channel_reviews(actor=lead) == [channel]
    assert overdue_channel_reviews(actor=actor_for(people[channel.owner.username])) == [channel]
    assert overdue_channel_reviews(actor=actor_for(people["manager"])) == []
    channel_review_record(
        channel=channel,
        owner_still_there=True,
        backup_still_there=True,
        still_needed=True,
        comment="",
        acting_user=people["lead"],
    )
    assert overdue_channel_reviews(actor=lead) == []


def test_review_due_flag_on_the_registry(people):
    channel = Channel.objects.get()
    channel.last_reviewed_at = None
    assert not channel_review_is_due(channel)
    assert channel_review_is_due(channel, now=channel.registered_at + timedelta(days=365))
    channel.status = Channel.Status.CLOSED
    assert not channel_review_is_due(channel, now=channel.registered_at + timedelta(days=400))
