"""Answer deadlines: an interaction closed as "no answer needed" is handled, in time when closed before its deadline
and late when closed after it; the gap report's figure and the inbox it links to (``answers_due_url``) agree.

Time runs through ``timezone.now`` (the services and the history stamp their rows with it): the interactions are
entered and closed at moments in the past around their deadlines, as working time places them."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from channels_plan.models import Channel
from channels_plan.services import channel_status_set
from maturity.evidence import EvidenceStatus
from maturity.gaps.engine import unit_gap_report
from monitoring.duty_evidence import answer_deadlines_evidence, answers_due_url
from monitoring.models import Interaction
from monitoring.services.inbox import interaction_answer_record, interaction_status_set
from tests.monitoring.inbox import support
from tests.monitoring.inbox.support import interaction_enter

pytestmark = pytest.mark.django_db
demo_channel, communication_unit = support.demo_channel, support.communication_unit
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def clock(monkeypatch):
    """Set ``timezone.now`` to a moment; the real clock comes back after the test."""
    real_now = timezone.now

    def set_to(moment: datetime.datetime | None) -> None:
        monkeypatch.setattr(timezone, "now", (lambda: moment) if moment else real_now)

    return set_to


def _entered_days_ago(days: int, channel: Channel, person, clock) -> Interaction:
    """A comment entered ``days`` ago, with the deadline the department's norm gives it (passed by now)."""
    entered = timezone.now() - datetime.timedelta(days=days)
    clock(entered)
    interaction = interaction_enter(channel, person, occurred_at=entered - 10 * MINUTE)
    clock(None)
    assert interaction.deadline is not None and interaction.deadline < timezone.now() - datetime.timedelta(days=1)
    return interaction


def _closed_at(interaction: Interaction, moment: datetime.datetime, person, clock) -> Interaction:
    clock(moment)
    closed = interaction_status_set(
        interaction=interaction, status=Interaction.Status.NO_ANSWER_NEEDED, acting_user=person
    )
    clock(None)
    return closed


def _report_and_inbox(department, communication_unit, client):
    """The hospital's answer-deadline line in the department's gap report, and the inbox page it links to."""
    with translation.override("en"):
        report = unit_gap_report(department, today=timezone.localdate(), level=3)
    (item,) = [item for item in report.items if item.source == "answer_deadlines" and item.is_hospital_part]
    match = re.search(r"(\d+) of (\d+) answers due", item.evidence.summary)
    assert match, item.evidence.summary
    page = client.get(answers_due_url(communication_unit)).context
    return item.evidence, (int(match[1]), int(match[2])), page


@pytest.fixture
def active_channel(demo_channel, people) -> Channel:
    return channel_status_set(channel=demo_channel, status=Channel.Status.ACTIVE, acting_user=people["lead"])


def test_closed_as_no_answer_needed_before_the_deadline_is_handled_in_time(
    active_channel, department, communication_unit, people, client_as, clock
):
    community = people["community"]
    interaction = _entered_days_ago(10, active_channel, community, clock)
    _closed_at(interaction, interaction.deadline - MINUTE, community, clock)

    evidence, (in_time, total), page = _report_and_inbox(department, communication_unit, client_as("lead"))
    assert (in_time, total) == (1, 1)
    assert evidence.status == EvidenceStatus.MET
    assert (page["answers_due"]["in_time"], page["answers_due"]["total"]) == (in_time, total)
    assert page["page"].paginator.count == total
    # The department's own figure, on its own inbox page, says the same.
    with translation.override("en"):
        own = answer_deadlines_evidence([department], 3, timezone.localdate())[department.pk]
    assert own.status == EvidenceStatus.MET and own.summary.startswith("1 of 1")


def test_closed_as_no_answer_needed_after_the_deadline_is_late(
    active_channel, department, communication_unit, people, client_as, clock
):
    community = people["community"]
    late = _entered_days_ago(10, active_channel, community, clock)
    _closed_at(late, late.deadline + MINUTE, community, clock)
    answered = _entered_days_ago(9, active_channel, community, clock)
    clock(answered.deadline - MINUTE)
    interaction_answer_record(interaction=answered, acting_user=community)
    clock(None)

    evidence, (in_time, total), page = _report_and_inbox(department, communication_unit, client_as("lead"))
    assert (in_time, total) == (1, 2)  # the answer in time; the late closing is not
    assert evidence.status == EvidenceStatus.NOT_MET
    assert evidence.fix_url == answers_due_url(communication_unit)
    assert (page["answers_due"]["in_time"], page["answers_due"]["total"]) == (in_time, total)
    assert page["page"].paginator.count == total


def test_the_last_closing_counts_after_a_reopening(active_channel, department, people, clock):
    """Closed in time, reopened, and closed again after the deadline: handled late."""
    community = people["community"]
    interaction = _entered_days_ago(10, active_channel, community, clock)
    closed = _closed_at(interaction, interaction.deadline - 2 * MINUTE, community, clock)
    clock(interaction.deadline - MINUTE)
    reopened = interaction_status_set(interaction=closed, status=Interaction.Status.NEW, acting_user=community)
    clock(None)
    _closed_at(reopened, interaction.deadline + 5 * MINUTE, community, clock)

    with translation.override("en"):
        own = answer_deadlines_evidence([department], 3, timezone.localdate())[department.pk]
    assert own.summary.startswith("0 of 1")
    assert own.status == EvidenceStatus.NOT_MET
