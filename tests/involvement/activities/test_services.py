import datetime

import pytest
from django.utils import timezone

from channels_plan.exceptions import PlanError, PlanIncomplete
from channels_plan.models import ContentStrategy
from governance.models import Unit
from involvement.activities.services import (
    activity_advance,
    activity_create,
    activity_proposal_create,
    activity_report_record,
    activity_topic_add,
    activity_topic_summarise,
)
from involvement.inputs.selectors import input_summary
from involvement.inputs.services import involvement_input_code
from involvement.models import InvolvementActivity, InvolvementInput
from monitoring.models import Interaction
from monitoring.services.inbox import interaction_create_manual
from monitoring.services.retention import health_data_purge
from tests.hostile_inputs import HOSTILE_INPUTS
from tests.involvement_factories import involvement_channel, involvement_seed, person, running_activity

QUESTION = {
    "title": "Ventetid",
    "kind": "quality",
    "purpose": "Kortere ventetid",
    "question": "Hvordan var ventetiden?",
}


def test_the_demo_activity_runs_with_its_involvement_post_and_coded_input(top):
    activity = running_activity()
    assert activity.status == InvolvementActivity.Status.RUNNING
    assert [proposal.strategy for proposal in activity.proposals.all()] == [ContentStrategy.INVOLVEMENT]
    summary = input_summary(activity)
    assert summary.linked == 3
    assert {topic.label: topic.total for topic in summary.topics} == {"Rekruttering": 1, "Ventetid": 1, "": 1}


def test_an_enrolled_level_4_department_runs_its_own_but_the_level_3_department_does_not(top):
    cancer = Unit.objects.get(name="Kræftafdelingen")
    activity = activity_create(unit=cancer, data=QUESTION, acting_user=person("kraeft-producer"))
    assert activity.status == InvolvementActivity.Status.PLANNED
    heart = Unit.objects.get(name="Hjertemedicinsk afdeling")  # level 3, enrolled
    with pytest.raises(PlanError):
        activity_create(unit=heart, data=QUESTION, acting_user=person("flowmanager"))
    with pytest.raises(PlanError):  # a producer of another department
        activity_create(unit=cancer, data=QUESTION, acting_user=person("producer"))


def test_the_communication_unit_runs_any_activity_of_its_hospital(top):
    activity = running_activity()
    topic = activity_topic_add(activity=activity, label="Mødetider", acting_user=person("community"))
    assert topic.activity == activity
    communication = Unit.objects.get(name="Kommunikationsafdelingen")
    assert activity_create(unit=communication, data=QUESTION, acting_user=person("lead")).unit == communication


def test_a_recruitment_call_names_the_study_the_contact_and_where_to_sign_up(top):
    with pytest.raises(PlanIncomplete) as refused:
        activity_create(
            unit=Unit.objects.get(name="Kræftafdelingen"),
            data={**QUESTION, "kind": "research"},
            acting_user=person("kraeft-flow"),
        )
    assert set(refused.value.errors) == {"study_or_council", "contact_person", "signup"}


def test_a_proposal_made_from_the_activity_is_tagged_user_involvement_and_linked(top):
    activity = running_activity()
    proposal = activity_proposal_create(
        activity=activity,
        data={"title": "Påmindelse", "text": "Sidste chance", "channels": [involvement_channel()]},
        acting_user=person("kraeft-producer"),
    )
    assert proposal.strategy == ContentStrategy.INVOLVEMENT
    assert proposal in activity.proposals.all()


def test_an_activity_runs_only_with_a_planned_post_and_a_second_click_is_refused(top):
    activity = activity_create(
        unit=Unit.objects.get(name="Kræftafdelingen"), data=QUESTION, acting_user=person("kraeft-flow")
    )
    with pytest.raises(PlanError, match="at least one content proposal"):
        activity_advance(activity=activity, expected_status="planned", acting_user=person("kraeft-flow"))
    activity_proposal_create(
        activity=activity,
        data={"title": "Spørgsmål", "text": "Hvordan var ventetiden?", "channels": [involvement_channel()]},
        acting_user=person("kraeft-flow"),
    )
    activity_advance(activity=activity, expected_status="planned", acting_user=person("kraeft-flow"))
    with pytest.raises(PlanError, match="already Running"):
        activity_advance(activity=activity, expected_status="planned", acting_user=person("kraeft-flow"))


def test_closing_needs_the_report_with_its_decision_record(top):
    activity, flow = running_activity(), person("kraeft-flow")
    activity_advance(activity=activity, expected_status="running", acting_user=flow)
    with pytest.raises(PlanError, match="Record the report"):
        activity_advance(activity=activity, expected_status="reporting", acting_user=flow)
    with pytest.raises(PlanIncomplete) as refused:
        activity_report_record(
            activity=activity,
            learnt=" ",
            actions="",
            decided_by="",
            decided_on=timezone.localdate() + datetime.timedelta(days=1),
            acting_user=flow,
        )
    assert set(refused.value.errors) == {"learnt", "actions", "decided_by", "decided_on"}
    report = activity_report_record(
        activity=activity,
        learnt="Ventetiden fylder mest.",
        actions="Brugerrådet starter i marts.",
        decided_by="Afdelingsledelsen",
        decided_on=datetime.date(2026, 11, 2),
        acting_user=flow,
    )
    activity_advance(activity=activity, expected_status="reporting", acting_user=flow)
    activity.refresh_from_db()
    assert activity.status == "closed" and activity.closed_at is not None
    assert (report.decided_by, report.decided_on, report.recorded_by) == (
        "Afdelingsledelsen",
        datetime.date(2026, 11, 2),
        flow,
    )
    assert report.history.first().history_user == flow


def test_input_elsewhere_or_by_someone_who_may_not_work_it_is_refused(top):
    activity = running_activity()
    heart_channel = Unit.objects.get(name="Hjertemedicinsk afdeling").channels.get()
    foreign = Interaction.objects.filter(channel=heart_channel).first()
    with pytest.raises(PlanError, match="channels of the activity"):
        involvement_input_code(activity=activity, interaction=foreign, topic=None, acting_user=person("lead"))
    own = InvolvementInput.objects.filter(activity=activity).first().interaction
    with pytest.raises(PlanError):
        involvement_input_code(activity=activity, interaction=own, topic=None, acting_user=person("producer"))


def test_coding_twice_keeps_one_link_and_the_summary_counts_by_topic_and_sentiment(top):
    activity, flow = running_activity(), person("kraeft-flow")
    link = InvolvementInput.objects.get(activity=activity, topic=None)
    waiting = activity.topics.get(label="Ventetid")
    involvement_input_code(activity=activity, interaction=link.interaction, topic=waiting, acting_user=flow)
    assert InvolvementInput.objects.filter(activity=activity).count() == 3
    counts = {topic.label: topic.counts for topic in input_summary(activity).topics}
    assert counts["Ventetid"]["negative"] == 1 and sum(counts["Ventetid"].values()) == 2
    assert "" not in counts


def test_health_data_input_copies_no_text_and_goes_with_the_interaction_at_retention(top, settings):
    activity, flow = running_activity(), person("kraeft-flow")
    interaction = interaction_create_manual(
        hospital=activity.unit.hospital,
        channel=involvement_channel(),
        acting_user=flow,
        data={"kind": "comment", "text": "Min diagnose er ...", "occurred_at": timezone.now(), "has_health_data": True},
    )
    involvement_input_code(activity=activity, interaction=interaction, topic=None, acting_user=flow)
    topic = activity.topics.get(label="Ventetid")
    activity_topic_summarise(topic=topic, summary="Flere nævner lang ventetid.", acting_user=flow)
    summary = input_summary(activity)
    assert sum(topic.health_data for topic in summary.topics) == 1
    assert "diagnose" not in repr(summary)
    settings.MONITORING_HEALTH_DATA_RETENTION_DAYS = 0
    health_data_purge(now=timezone.now() + datetime.timedelta(days=1))
    assert not InvolvementInput.objects.filter(interaction_id=interaction.pk).exists()
    assert input_summary(activity).linked == 3


@pytest.mark.parametrize("value", HOSTILE_INPUTS.values(), ids=HOSTILE_INPUTS.keys())
def test_hostile_topic_labels_are_stored_or_refused_never_a_crash(top, value):
    try:
        topic = activity_topic_add(activity=running_activity(), label=value, acting_user=person("kraeft-flow"))
    except PlanIncomplete:
        return
    assert topic.label == " ".join(value.split())


def test_the_demo_seed_runs_again_without_change(top):
    before = (InvolvementActivity.objects.count(), InvolvementInput.objects.count(), Interaction.objects.count())
    involvement_seed()
    assert (
        InvolvementActivity.objects.count(),
        InvolvementInput.objects.count(),
        Interaction.objects.count(),
    ) == before
