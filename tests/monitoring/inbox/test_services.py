"""The inbox's services: who may enter, assign, answer, close, triage and check; what each refuses; history and the
access log; and that an interaction's text never reaches the logs."""

import logging
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from channels_plan.models import Channel
from channels_plan.services import channel_status_set
from governance.models import TriageAction
from monitoring.models import ChannelCheck, Interaction, InteractionAccess
from monitoring.services.inbox import (
    InboxError,
    InteractionAlreadyExists,
    channel_check_record,
    interaction_answer_record,
    interaction_read_logged,
    interaction_status_set,
    interaction_triage_set,
    interactions_assign,
)
from tests.monitoring.inbox import support
from tests.monitoring.inbox.support import interaction_enter, minutes_ago

demo_channel, foreign_channel, communication_unit = (
    support.demo_channel,
    support.foreign_channel,
    support.communication_unit,
)

# --- entering by hand -----------------------------------------------------------------------------------------------


def test_an_interaction_entered_by_hand_gets_its_unit_deadline_and_history(demo_channel, people, department):
    written = minutes_ago(10)
    interaction = interaction_enter(demo_channel, people["flowmanager"], occurred_at=written, author_handle=" Jens ")
    interaction.refresh_from_db()
    assert interaction.source == Interaction.Source.MANUAL
    assert interaction.unit == department
    assert interaction.deadline == written + timedelta(minutes=120)  # level 3: two hours, around the clock
    assert interaction.status == Interaction.Status.NEW
    assert interaction.author_handle == "Jens"
    assert interaction.external_id.startswith("auto-")
    history = interaction.history.get()
    assert history.history_user == people["flowmanager"]
    assert not hasattr(history, "text")  # the text never enters the history


@pytest.mark.parametrize("persona", ["flowmanager", "producer", "lead", "community"])
def test_people_on_duty_and_the_communication_unit_enter_on_the_department_channel(demo_channel, people, persona):
    assert interaction_enter(demo_channel, people[persona]).pk


@pytest.mark.parametrize("persona", ["manager", "admin"])
def test_managers_and_administrators_do_not_enter_interactions(demo_channel, people, persona):
    with pytest.raises(PermissionDenied):
        interaction_enter(demo_channel, people[persona])
    assert not Interaction.objects.exists()


def test_a_department_does_not_enter_on_another_departments_channel(foreign_channel, people):
    with pytest.raises(PermissionDenied):
        interaction_enter(foreign_channel, people["flowmanager"])


def test_only_the_communication_unit_enters_a_mention_outside_our_channels(demo_channel, people, communication_unit):
    hospital = demo_channel.unit.hospital
    with pytest.raises(PermissionDenied):
        interaction_enter(None, people["flowmanager"], hospital=hospital, kind="mention")
    mention = interaction_enter(None, people["lead"], hospital=hospital, kind="mention")
    assert mention.channel is None and mention.unit == communication_unit
    assert mention.deadline == mention.occurred_at + timedelta(hours=1)  # the communication unit's level-5 norm


def test_entering_the_same_item_twice_keeps_one(demo_channel, people):
    first = interaction_enter(demo_channel, people["flowmanager"], author_handle="Jens")
    with pytest.raises(InteractionAlreadyExists) as raised:
        interaction_enter(demo_channel, people["producer"], author_handle="Jens", occurred_at=first.occurred_at)
    assert raised.value.interaction == first
    interaction_enter(demo_channel, people["flowmanager"], external_id="fb_1")
    with pytest.raises(InteractionAlreadyExists):
        interaction_enter(demo_channel, people["flowmanager"], external_id="fb_1", text="Another text")
    assert Interaction.objects.count() == 2


def test_a_mention_outside_our_channels_is_kept_once_too(demo, people):
    hospital = people["lead"].memberships.get().unit.hospital
    written = minutes_ago(5)
    interaction_enter(None, people["lead"], hospital=hospital, kind="mention", occurred_at=written)
    with pytest.raises(InteractionAlreadyExists):
        interaction_enter(None, people["community"], hospital=hospital, kind="mention", occurred_at=written)


# --- assigning ------------------------------------------------------------------------------------------------------


def test_bulk_assign_gives_every_interaction_to_the_person_with_a_history_row_each(demo_channel, people):
    items = [interaction_enter(demo_channel, people["lead"], external_id=f"c{n}") for n in range(3)]
    interactions_assign(interactions=items, assignee=people["flowmanager"], acting_user=people["lead"])
    for item in items:
        item.refresh_from_db()
        assert item.assignee == people["flowmanager"]
        assert item.history.first().history_user == people["lead"]
    interactions_assign(interactions=items[:1], assignee=None, acting_user=people["producer"])
    items[0].refresh_from_db()
    assert items[0].assignee is None


def test_assigning_is_all_or_none_when_the_assignee_may_not_work_one(demo_channel, foreign_channel, people):
    own = interaction_enter(demo_channel, people["lead"])
    foreign = interaction_enter(foreign_channel, people["lead"])
    with pytest.raises(InboxError, match="may not work on 1 of the chosen interactions"):
        interactions_assign(interactions=[own, foreign], assignee=people["producer"], acting_user=people["lead"])
    assert not Interaction.objects.filter(assignee__isnull=False).exists()
    with pytest.raises(InboxError):
        interactions_assign(interactions=[own], assignee=people["manager"], acting_user=people["lead"])


def test_assigning_needs_the_right_to_work_each_interaction(demo_channel, foreign_channel, people):
    own = interaction_enter(demo_channel, people["lead"])
    foreign = interaction_enter(foreign_channel, people["lead"])
    with pytest.raises(PermissionDenied):
        interactions_assign(interactions=[own, foreign], assignee=people["flowmanager"], acting_user=people["producer"])
    with pytest.raises(PermissionDenied):
        interactions_assign(interactions=[own], assignee=people["flowmanager"], acting_user=people["manager"])
    with pytest.raises(InboxError):
        interactions_assign(interactions=[], assignee=people["flowmanager"], acting_user=people["lead"])


# --- answering, closing, triage -------------------------------------------------------------------------------------


def test_answering_records_who_and_when_and_the_note_in_the_history(demo_channel, people):
    interaction = interaction_enter(demo_channel, people["lead"])
    interaction_answer_record(interaction=interaction, note="Svaret  i tråden", acting_user=people["producer"])
    interaction.refresh_from_db()
    assert interaction.status == Interaction.Status.ANSWERED
    assert interaction.answered_by == people["producer"]
    assert timezone.now() - interaction.answered_at < timedelta(seconds=10)
    assert interaction.history.first().history_change_reason == "Svaret i tråden"


def test_a_second_answer_is_told_who_answered_first(demo_channel, people):
    interaction = interaction_enter(demo_channel, people["lead"])
    interaction_answer_record(interaction=interaction, acting_user=people["producer"])
    with pytest.raises(InboxError, match="already answered by Pernille Dahl"):
        interaction_answer_record(interaction=interaction, acting_user=people["flowmanager"])
    assert interaction.history.count() == 2


def test_answering_and_closing_need_the_right_to_work_it(demo_channel, foreign_channel, people):
    interaction = interaction_enter(demo_channel, people["lead"])
    for persona in ("manager", "admin"):
        with pytest.raises(PermissionDenied):
            interaction_answer_record(interaction=interaction, acting_user=people[persona])
        with pytest.raises(PermissionDenied):
            interaction_status_set(interaction=interaction, status="no_answer_needed", acting_user=people[persona])
        with pytest.raises(PermissionDenied):
            interaction_triage_set(interaction=interaction, action="thank", acting_user=people[persona])
    foreign = interaction_enter(foreign_channel, people["lead"])
    with pytest.raises(PermissionDenied):
        interaction_answer_record(interaction=foreign, acting_user=people["flowmanager"])


def test_status_no_answer_needed_then_reopen(demo_channel, people):
    interaction = interaction_enter(demo_channel, people["lead"])
    interaction_status_set(interaction=interaction, status="in_progress", acting_user=people["producer"])
    interaction_status_set(interaction=interaction, status="no_answer_needed", acting_user=people["producer"])
    with pytest.raises(InboxError, match="already"):
        interaction_status_set(interaction=interaction, status="no_answer_needed", acting_user=people["lead"])
    with pytest.raises(InboxError, match="already closed"):
        interaction_answer_record(interaction=interaction, acting_user=people["lead"])
    interaction_status_set(interaction=interaction, status="new", acting_user=people["lead"])
    interaction_answer_record(interaction=interaction, acting_user=people["lead"])
    interaction_status_set(interaction=interaction, status="in_progress", acting_user=people["lead"])
    interaction.refresh_from_db()
    assert interaction.status == "in_progress" and interaction.answered_at is None and interaction.answered_by is None
    with pytest.raises(InboxError, match="Unknown status"):
        interaction_status_set(interaction=interaction, status="answered", acting_user=people["lead"])


def test_triage_outcome_is_recorded(demo_channel, people):
    interaction = interaction_enter(demo_channel, people["lead"])
    interaction_triage_set(interaction=interaction, action=TriageAction.PRIVATE_MESSAGE, acting_user=people["producer"])
    interaction.refresh_from_db()
    assert interaction.triage_action == TriageAction.PRIVATE_MESSAGE
    with pytest.raises(InboxError):
        interaction_triage_set(interaction=interaction, action="shout", acting_user=people["producer"])


# --- checks ---------------------------------------------------------------------------------------------------------


def test_a_double_click_on_checked_now_records_one_check(demo_channel, people):
    first = channel_check_record(channel=demo_channel, acting_user=people["flowmanager"])
    second = channel_check_record(channel=demo_channel, acting_user=people["flowmanager"])
    assert first == second
    channel_check_record(channel=demo_channel, acting_user=people["producer"])  # another person: their own check
    assert ChannelCheck.objects.count() == 2
    ChannelCheck.objects.filter(pk=first.pk).update(checked_at=timezone.now() - timedelta(minutes=2))
    channel_check_record(channel=demo_channel, acting_user=people["flowmanager"])
    assert ChannelCheck.objects.filter(checked_by=people["flowmanager"]).count() == 2


def test_who_may_record_a_check(demo_channel, foreign_channel, people):
    for persona in ("flowmanager", "producer", "lead", "community"):
        channel_check_record(channel=demo_channel, acting_user=people[persona])
    for persona in ("manager", "admin"):
        with pytest.raises(PermissionDenied):
            channel_check_record(channel=demo_channel, acting_user=people[persona])
    with pytest.raises(PermissionDenied):
        channel_check_record(channel=foreign_channel, acting_user=people["flowmanager"])


def test_a_closed_channel_is_not_checked(demo_channel, people):
    channel_status_set(channel=demo_channel, status=Channel.Status.CLOSED, acting_user=people["lead"])
    with pytest.raises(InboxError, match="closed"):
        channel_check_record(channel=demo_channel, acting_user=people["lead"])


# --- the access log -------------------------------------------------------------------------------------------------


def test_reading_health_data_is_logged_and_other_reading_is_not(demo_channel, foreign_channel, people):
    private = interaction_enter(demo_channel, people["lead"], has_health_data=True, external_id="p1")
    public = interaction_enter(demo_channel, people["lead"], external_id="p2")
    access = interaction_read_logged(interaction=private, user=people["manager"])
    assert access.user == people["manager"] and access.interaction == private
    assert interaction_read_logged(interaction=public, user=people["manager"]) is None
    assert InteractionAccess.objects.count() == 1
    foreign = interaction_enter(foreign_channel, people["lead"], has_health_data=True)
    with pytest.raises(PermissionDenied):
        interaction_read_logged(interaction=foreign, user=people["producer"])
    assert InteractionAccess.objects.count() == 1


def test_the_text_never_reaches_the_logs(demo_channel, people, caplog):
    secret = "Min mor fik konstateret hjertesvigt i går"
    with caplog.at_level(logging.DEBUG):
        interaction = interaction_enter(demo_channel, people["lead"], text=secret, has_health_data=True)
        interaction_read_logged(interaction=interaction, user=people["flowmanager"])
        interactions_assign(interactions=[interaction], assignee=people["producer"], acting_user=people["lead"])
        interaction_triage_set(interaction=interaction, action="private_message", acting_user=people["producer"])
        interaction_answer_record(interaction=interaction, acting_user=people["producer"])
        with pytest.raises(InboxError):
            interaction_answer_record(interaction=interaction, acting_user=people["lead"])
    assert secret not in caplog.text
    assert "hjertesvigt" not in caplog.text
