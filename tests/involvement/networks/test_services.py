import datetime

import pytest
from django.utils import timezone

from channels_plan.exceptions import PlanError, PlanIncomplete
from channels_plan.models import Channel
from channels_plan.rights.policy import POST, channels_permitted
from channels_plan.services import plan_create, plan_decide
from governance.models import Membership, Unit
from involvement.models import PatientNetwork
from involvement.networks.members import network_members_record
from involvement.networks.selectors import network_facilitators, network_review_due
from involvement.networks.services import network_plan_terms_save, network_review_record
from metrics.models import ChannelDailySnapshot
from tests.factories import plan_submit_complete
from tests.involvement_factories import demo_network, person
from training.models import Course
from training.services.completions import completion_record_external


def test_approval_opens_the_network_and_its_facilitators_may_post_in_the_group(top):
    network = demo_network()
    facilitators = {person("neuro-producer"), person("neuro-nurse")}
    assert set(network.facilitators.all()) == facilitators
    assert network.treatment_offer.startswith("Apopleksiforløbet")
    assert [guideline.title for guideline in network.guidelines.all()] == [
        "Svarretningslinje for Neurologisk afdelings netværk"
    ]
    roles = Membership.objects.filter(unit=network.unit, role__code="network_facilitator")
    assert {membership.user for membership in roles} == facilitators
    for user in facilitators:
        assert channels_permitted(user=user, codename=POST, channels=[network.channel]) == {network.channel_id}
    assert network.history.first().history_user == person("lead")


def test_a_plan_without_network_terms_or_not_for_a_closed_group_opens_no_network(top):
    unit, flow = Unit.objects.get(name="Neurologisk afdeling"), person("neuro-flow")
    plan = plan_create(unit=unit, data={"title": "Neuro på Instagram", "platform": "instagram"}, acting_user=flow)
    with pytest.raises(PlanError, match="closed group"):
        network_plan_terms_save(
            plan=plan, treatment_offer="x", membership_rules="y", facilitators=[], guidelines=[], acting_user=flow
        )
    plan_submit_complete(plan=plan, acting_user=flow)
    plan_decide(plan=plan, decision="approve", comment="", acting_user=person("lead"))
    assert PatientNetwork.objects.count() == 1
    assert Channel.objects.filter(plan=plan).exists()


def test_network_terms_need_two_facilitators_of_the_department_and_its_own_guidelines(top):
    unit, flow = Unit.objects.get(name="Neurologisk afdeling"), person("neuro-flow")
    plan = plan_create(unit=unit, data={"title": "Gruppe", "platform": "facebook_group"}, acting_user=flow)
    with pytest.raises(PlanIncomplete) as refused:
        network_plan_terms_save(
            plan=plan,
            treatment_offer=" ",
            membership_rules="",
            facilitators=[person("neuro-nurse"), person("producer")],  # the second works in another department
            guidelines=[],
            acting_user=flow,
        )
    assert set(refused.value.errors) == {"treatment_offer", "membership_rules", "facilitators"}
    with pytest.raises(PlanIncomplete) as refused:
        network_plan_terms_save(
            plan=plan, treatment_offer="x", membership_rules="y", facilitators=[flow], guidelines=[], acting_user=flow
        )
    assert "at least two" in refused.value.errors["facilitators"]


def test_the_yearly_review_is_due_a_year_after_approval_and_after_each_review(top):
    network = demo_network()
    assert network_review_due(network) == network.approved_at.date() + datetime.timedelta(days=365)
    with pytest.raises(PlanError):
        network_review_record(
            network=network,
            reviewed_on=timezone.localdate(),
            continues=True,
            findings="ok",
            acting_user=person("neuro-nurse"),
        )
    day = timezone.localdate()
    network_review_record(
        network=network, reviewed_on=day, continues=True, findings="Aktiv", acting_user=person("neuro-flow")
    )
    network = PatientNetwork.objects.prefetch_related("reviews").get(pk=network.pk)
    assert network_review_due(network) == day + datetime.timedelta(days=365)


def test_facilitators_course_standing_is_shown_per_person(top):
    network = demo_network()
    assert {item.user.username: item.holds_course for item in network_facilitators(network)} == {
        "neuro-producer": False,
        "neuro-nurse": False,
    }
    course = Course.objects.filter(code="patient_networks").first()
    if course is None:
        pytest.fail("The scale's course catalogue names the course patient_networks")
    completion_record_external(
        person=person("neuro-nurse"),
        course=course,
        completed_on=timezone.localdate(),
        evidence="Kursusbevis",
        acting_user=person("lead"),
    )
    standing = {item.user.username: item.holds_course for item in network_facilitators(network)}
    assert standing == {"neuro-producer": False, "neuro-nurse": True}


def test_member_counts_write_the_daily_snapshot_and_a_later_entry_replaces_the_day(top):
    network, nurse = demo_network(), person("neuro-nurse")
    day = timezone.localdate()
    network_members_record(network=network, day=day, members=40, acting_user=nurse)
    network_members_record(network=network, day=day, members=42, acting_user=nurse)
    assert ChannelDailySnapshot.objects.get(channel=network.channel, day=day).network_members == 42
    with pytest.raises(PlanError):
        network_members_record(network=network, day=day, members=1, acting_user=person("producer"))
    with pytest.raises(PlanError, match="future"):
        network_members_record(network=network, day=day + datetime.timedelta(days=1), members=1, acting_user=nurse)
