"""Two people act at the same moment: of two answers one is recorded and the other is told; two clicks on
"Checked now" record one check."""

import threading

import pytest
from django.db import connection
from django.utils import translation

from channels_plan.models import Channel
from governance.models import User
from monitoring.models import ChannelCheck, Interaction
from monitoring.services.inbox import InboxError, channel_check_record, interaction_answer_record
from tests.monitoring.inbox.support import interaction_enter


def _at_once(work, arguments: list) -> list[str]:
    start = threading.Barrier(len(arguments))
    outcomes: list[str] = []

    def run(argument) -> None:
        start.wait()
        try:
            with translation.override("en"):
                work(argument)
            outcomes.append("recorded")
        except InboxError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_answering_at_once_record_one_answer(demo):
    channel = Channel.objects.get(plan__title="Hjerteafdelingen på Facebook")
    lead, producer = User.objects.get(username="lead"), User.objects.get(username="producer")
    interaction = interaction_enter(channel, lead)

    outcomes = _at_once(
        lambda person: interaction_answer_record(interaction=interaction, acting_user=person), [lead, producer]
    )

    assert len(outcomes) == 2
    assert outcomes.count("recorded") == 1
    assert any(outcome.startswith("This interaction was already answered by") for outcome in outcomes)
    interaction.refresh_from_db()
    assert interaction.status == Interaction.Status.ANSWERED
    assert interaction.history.filter(status=Interaction.Status.ANSWERED).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_clicks_on_checked_now_at_once_record_one_check(demo):
    channel = Channel.objects.get(plan__title="Hjerteafdelingen på Facebook")
    flowmanager = User.objects.get(username="flowmanager")

    outcomes = _at_once(lambda person: channel_check_record(channel=channel, acting_user=person), [flowmanager] * 2)

    assert outcomes == ["recorded", "recorded"]
    assert ChannelCheck.objects.filter(channel=channel, checked_by=flowmanager).count() == 1
