"""Reading the inbox: visibility, every filter, the order of work, channels to check, assignees, the triage
suggestion, and a query count that does not grow with the data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from governance.models import Unit
from governance.permissions import actor_for
from maturity.models import Level
from maturity.services import unit_maturity_set
from monitoring.inbox.selectors import (
    InboxFilters,
    assignee_choices_for_actor,
    checkable_channels_for_actor,
    interaction_list_for_actor,
    interaction_triage_answers,
    interaction_triage_suggestion,
)
from monitoring.models import Interaction
from monitoring.sentiment import sentiment_label
from monitoring.services.inbox import (
    channel_check_record,
    interaction_answer_record,
    interaction_status_set,
    interactions_assign,
)
from tests.monitoring.inbox import support
from tests.monitoring.inbox.support import interaction_enter, minutes_ago

demo_channel, foreign_channel = support.demo_channel, support.foreign_channel


def _list(person, hospital, **filters) -> list[Interaction]:
    return list(interaction_list_for_actor(actor=actor_for(person), hospital=hospital, filters=InboxFilters(**filters)))


@pytest.fixture
def hospital(demo_channel):
    return demo_channel.unit.hospital


def test_department_people_see_their_departments_interactions_the_communication_unit_all(
    demo_channel, foreign_channel, people, hospital
):
    own = interaction_enter(demo_channel, people["lead"])
    foreign = interaction_enter(foreign_channel, people["lead"])
    mention = interaction_enter(None, people["lead"], hospital=hospital, kind="mention")
    for persona in ("producer", "flowmanager", "manager"):
        assert _list(people[persona], hospital) == [own]
    for persona in ("lead", "community", "admin"):
        assert set(_list(people[persona], hospital)) == {own, foreign, mention}


def test_the_default_shows_open_interactions_and_the_status_filter_the_rest(demo_channel, people, hospital):
    new = interaction_enter(demo_channel, people["lead"], external_id="1")
    started = interaction_enter(demo_channel, people["lead"], external_id="2")
    answered = interaction_enter(demo_channel, people["lead"], external_id="3")
    closed = interaction_enter(demo_channel, people["lead"], external_id="4")
    interaction_status_set(interaction=started, status="in_progress", acting_user=people["lead"])
    interaction_answer_record(interaction=answered, acting_user=people["lead"])
    interaction_status_set(interaction=closed, status="no_answer_needed", acting_user=people["lead"])
    lead = people["lead"]
    assert set(_list(lead, hospital)) == {new, started}
    assert set(_list(lead, hospital, status="all")) == {new, started, answered, closed}
    assert _list(lead, hospital, status="answered") == [answered]
    assert _list(lead, hospital, status="no_answer_needed") == [closed]


def test_order_is_the_soonest_deadline_first_none_last_then_the_newest(demo_channel, people, hospital):
    # A communication unit at level 1 sets no answer deadline, so the mentions it owns have none.
    level_1 = Level.objects.get(number=1)
    communication = Unit.objects.get(hospital=hospital, kind=Unit.Kind.COMMUNICATION)
    unit_maturity_set(unit=communication, current_level=level_1, target_level=level_1, acting_user=None)
    later = interaction_enter(demo_channel, people["lead"], occurred_at=minutes_ago(5), external_id="later")
    sooner = interaction_enter(demo_channel, people["lead"], occurred_at=minutes_ago(50), external_id="sooner")
    old_mention = interaction_enter(
        None, people["lead"], hospital=hospital, kind="mention", occurred_at=minutes_ago(90)
    )
    new_mention = interaction_enter(None, people["lead"], hospital=hospital, kind="mention", occurred_at=minutes_ago(1))
    assert _list(people["lead"], hospital) == [sooner, later, new_mention, old_mention]


def test_channel_overdue_and_assignee_filters(demo_channel, foreign_channel, people, hospital):
    overdue = interaction_enter(demo_channel, people["lead"], occurred_at=minutes_ago(180), external_id="late")
    fresh = interaction_enter(demo_channel, people["lead"], occurred_at=minutes_ago(5), external_id="fresh")
    foreign = interaction_enter(foreign_channel, people["lead"], occurred_at=minutes_ago(200))
    answered_late = interaction_enter(demo_channel, people["lead"], occurred_at=minutes_ago(300), external_id="x")
    interaction_answer_record(interaction=answered_late, acting_user=people["lead"])
    interactions_assign(interactions=[fresh], assignee=people["producer"], acting_user=people["lead"])
    lead = people["lead"]
    assert set(_list(lead, hospital, channel_id=demo_channel.pk)) == {overdue, fresh}
    assert set(_list(lead, hospital, overdue=True)) == {overdue, foreign}
    assert _list(lead, hospital, overdue=True, status="all", channel_id=demo_channel.pk) == [overdue]
    assert _list(people["producer"], hospital, assignee="mine") == [fresh]
    assert _list(lead, hospital, assignee="mine") == []
    assert set(_list(lead, hospital, assignee="unassigned")) == {overdue, foreign}
    assert _list(lead, hospital, assignee=str(people["producer"].pk)) == [fresh]


@pytest.mark.parametrize("label", ["positive", "neutral", "negative", "unknown"])
def test_the_sentiment_filter_matches_sentiment_label(demo_channel, people, hospital, label):
    texts = [
        "Tak for en fantastisk behandling, I er de bedste",
        "Det var en forfærdelig og elendig oplevelse",
        "Hvornår har I åbent på lørdag",
        "Maden var okay",
        "Thank you so much, wonderful staff",
        "Terrible waiting time, awful",
    ]
    items = [interaction_enter(demo_channel, people["lead"], text=text, external_id=text) for text in texts]
    expected = {item for item in items if sentiment_label(item.sentiment) == label}
    assert set(_list(people["lead"], hospital, sentiment=label)) == expected
    assert {sentiment_label(item.sentiment) for item in items} >= {"positive", "negative", "unknown"}


def test_filters_from_a_query_ignore_nonsense():
    filters = InboxFilters.from_query(
        {"channel": "1; DROP", "status": "<script>", "overdue": "yes please", "assignee": "-3", "sentiment": "meh"}
    )
    assert filters == InboxFilters()
    assert not filters.active
    filters = InboxFilters.from_query({"channel": "7", "status": "all", "overdue": "1", "assignee": "mine"})
    assert filters == InboxFilters(channel_id=7, status="all", overdue=True, assignee="mine")
    assert filters.active


def test_checkable_channels_with_their_last_checks(demo_channel, foreign_channel, people, hospital):
    channel_check_record(channel=demo_channel, acting_user=people["producer"])
    by_flowmanager = checkable_channels_for_actor(actor=actor_for(people["flowmanager"]), hospital=hospital)
    assert by_flowmanager == [demo_channel]
    assert by_flowmanager[0].last_checked_at is not None and by_flowmanager[0].my_last_checked_at is None
    by_lead = checkable_channels_for_actor(actor=actor_for(people["lead"]), hospital=hospital)
    assert set(by_lead) == {demo_channel, foreign_channel}
    assert checkable_channels_for_actor(actor=actor_for(people["manager"]), hospital=hospital) == []
    assert checkable_channels_for_actor(actor=actor_for(people["admin"]), hospital=hospital) == []


def test_assignees_are_the_communication_unit_and_the_departments_people_on_duty(
    demo_channel, foreign_channel, people, hospital
):
    names = {
        persona: {
            user.username for user in assignee_choices_for_actor(actor=actor_for(people[persona]), hospital=hospital)
        }
        for persona in ("producer", "lead")
    }
    assert names["producer"] == {"lead", "community", "flowmanager", "producer"}
    assert names["lead"] == {"lead", "community", "flowmanager", "producer", "foreign-flow", "foreign-producer"}


def test_the_triage_suggestion_uses_what_the_interaction_tells(demo_channel, people):
    private = interaction_enter(demo_channel, people["lead"], has_health_data=True, external_id="1")
    assert interaction_triage_answers(private) == {"personal_data": True}
    suggestion = interaction_triage_suggestion(interaction=private)
    assert suggestion.walk.question.code == "crisis_signal"  # a crisis is never guessed: the walk stops there
    assert [(node.code, answer) for node, answer in suggestion.known] == [("personal_data", True)]
    plain = interaction_enter(demo_channel, people["lead"], external_id="2")
    assert interaction_triage_answers(plain) == {}
    assert interaction_triage_suggestion(interaction=plain).known == []


def test_a_review_answers_the_complaint_question_by_its_sentiment(demo_channel, people):
    angry = interaction_enter(
        demo_channel, people["lead"], kind="review", text="Forfærdelig og elendig behandling", external_id="1"
    )
    happy = interaction_enter(
        demo_channel, people["lead"], kind="review", text="Tak, fantastisk personale", external_id="2"
    )
    assert sentiment_label(angry.sentiment) == "negative" and sentiment_label(happy.sentiment) == "positive"
    assert interaction_triage_answers(angry) == {"complaint": True}
    assert interaction_triage_answers(happy) == {"complaint": False, "question": False, "positive": True}


def test_the_list_costs_one_query_whatever_its_length(demo_channel, people, hospital, django_assert_num_queries):
    actor = actor_for(people["lead"])
    for number in range(30):
        interaction = interaction_enter(demo_channel, people["lead"], external_id=str(number))
        if number % 2:
            interactions_assign(interactions=[interaction], assignee=people["producer"], acting_user=people["lead"])
    with django_assert_num_queries(1):
        rows = list(interaction_list_for_actor(actor=actor, hospital=hospital))
        for row in rows:
            assert str(row.channel)
            assert row.assignee is None or str(row.assignee) == "Pernille Dahl"
    assert len(rows) == 30
    assert timezone.now() - rows[0].received_at < timedelta(minutes=5)
