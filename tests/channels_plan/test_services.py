import datetime

import pytest
from django.core import mail
from django.utils import translation

from channels_plan.exceptions import PlanError, PlanIncomplete
from channels_plan.models import Channel, ChannelPlan, ChannelUserObjectPermission, PlanDecision
from channels_plan.services import (
    channel_review_record,
    channel_status_set,
    plan_create,
    plan_decide,
    plan_mark_evaluated,
    plan_result_record,
    plan_submit,
    plan_update,
)
from channels_plan.snapshots import snapshot_diff
from maturity.models import Level, Requirement
from maturity.services import unit_maturity_set
from tests.factories import UnitFactory, complete_plan_data, membership_make

pytestmark = pytest.mark.django_db


def _submitted(department, people, **overrides) -> ChannelPlan:
    plan = plan_create(
        unit=department, data=complete_plan_data(unit=department, **overrides), acting_user=people["producer"]
    )
    return plan_submit(plan=plan, acting_user=people["producer"])


def test_only_the_departments_flowmanager_and_producers_draft(department, people):
    for username in ["manager", "lead", "community", "admin"]:
        with pytest.raises(PlanError):
            plan_create(unit=department, data={"title": "x", "platform": "x"}, acting_user=people[username])
    assert plan_create(unit=department, data={"title": "x", "platform": "x"}, acting_user=people["flowmanager"])


def test_an_incomplete_plan_cannot_be_submitted_and_names_what_is_missing(department, people):
    plan = plan_create(unit=department, data={"title": "Half a plan", "platform": "x"}, acting_user=people["producer"])
    with pytest.raises(PlanIncomplete) as raised:
        plan_submit(plan=plan, acting_user=people["producer"])
    assert {"goals", "owner", "backup", "evaluation_date", "handle"} <= set(raised.value.errors)
    plan.refresh_from_db()
    assert plan.status == ChannelPlan.Status.DRAFT
    assert not plan.submissions.exists()


def test_owner_and_backup_must_be_two_people(department, people):
    plan = plan_create(
        unit=department,
        data=complete_plan_data(unit=department, owner=people["producer"], backup=people["producer"]),
        acting_user=people["producer"],
    )
    with pytest.raises(PlanIncomplete) as raised:
        plan_submit(plan=plan, acting_user=people["producer"])
    assert set(raised.value.errors) == {"backup"}


@pytest.mark.parametrize(
    ("level", "overrides", "conflict"),
    [
        (1, {"invites_dialogue": True}, True),
        (2, {"invites_dialogue": True}, False),
        (4, {"platform": "facebook_group"}, True),
        (5, {"platform": "facebook_group"}, False),
        (2, {"department_posts": True}, True),
        (3, {"department_posts": True}, False),
    ],
)
def test_asking_for_more_than_the_level_allows_needs_a_justification(department, people, level, overrides, conflict):
    unit_maturity_set(
        unit=department,
        current_level=Level.objects.get(number=level),
        target_level=Level.objects.get(number=5),
        acting_user=None,
    )
    plan = plan_create(
        unit=department, data=complete_plan_data(unit=department, **overrides), acting_user=people["producer"]
    )
    if conflict:
        with pytest.raises(PlanIncomplete) as raised:
            plan_submit(plan=plan, acting_user=people["producer"])
        assert set(raised.value.errors) == {"justification"}
        plan_update(plan=plan, data={"justification": "Aftalt som pilotprojekt."}, acting_user=people["producer"])
    assert plan_submit(plan=plan, acting_user=people["producer"]).status == ChannelPlan.Status.SUBMITTED


def test_approval_registers_the_channel_and_grants_posting_rights(department, people):
    plan = _submitted(department, people)
    plan_decide(plan=plan, decision="approve", comment="", acting_user=people["lead"])
    channel = Channel.objects.get(plan=plan)
    assert (channel.handle, channel.sender_name, channel.owner, channel.status) == (
        "@hjerte",
        "Hjerteafdelingen",
        plan.owner,
        Channel.Status.PLANNED,
    )
    holders = set(
        ChannelUserObjectPermission.objects.filter(content_object=channel).values_list(
            "user__username", "permission__codename"
        )
    )
    # The communication unit, and (the demo department being selected at level 3) its posting members.
    communication = {
        (user, codename)
        for user in ["lead", "community"]
        for codename in ["post_to_channel", "review_content_for_channel"]
    }
    department_members = {
        ("flowmanager", "post_to_channel"),
        ("flowmanager", "review_content_for_channel"),
        ("producer", "post_to_channel"),
    }
    assert holders == communication | department_members
    assert people["producer"].has_perm("channels_plan.post_to_channel", channel)
    assert not people["producer"].has_perm("channels_plan.review_content_for_channel", channel)
    assert not people["manager"].has_perm("channels_plan.post_to_channel", channel)


def test_closing_a_channel_revokes_rights_and_keeps_history(department, people):
    plan = _submitted(department, people)
    plan_decide(plan=plan, decision="approve", comment="", acting_user=people["lead"])
    channel = Channel.objects.get(plan=plan)
    channel_status_set(channel=channel, status="active", acting_user=people["flowmanager"])
    channel_status_set(channel=channel, status="closed", acting_user=people["lead"])
    assert not ChannelUserObjectPermission.objects.filter(content_object=channel).exists()
    assert [h.status for h in channel.history.order_by("history_date")] == ["planned", "active", "closed"]
    assert channel.history.latest().history_user == people["lead"]
    with pytest.raises(PlanError):
        channel_status_set(channel=channel, status="active", acting_user=people["lead"])


def test_nobody_decides_on_a_plan_they_drafted_or_submitted(department, people):
    lead_department = UnitFactory(hospital=department.hospital, name="Lead's own ward")
    membership_make(user=people["lead"], unit=lead_department, role_code="producer")
    membership_make(user=people["community"], unit=lead_department, role_code="producer")
    level_3 = Level.objects.get(number=3)
    unit_maturity_set(unit=lead_department, current_level=level_3, target_level=level_3, acting_user=None)
    plan = plan_create(unit=lead_department, data=complete_plan_data(unit=lead_department), acting_user=people["lead"])
    plan_submit(plan=plan, acting_user=people["community"])
    for username in ["lead", "community"]:
        with pytest.raises(PlanError):
            plan_decide(plan=plan, decision="approve", comment="", acting_user=people[username])
    assert not PlanDecision.objects.filter(plan=plan).exists()


def test_request_changes_needs_a_comment_and_resubmission_shows_the_diff(department, people):
    plan = _submitted(department, people)
    with pytest.raises(PlanIncomplete):
        plan_decide(plan=plan, decision="request_changes", comment="  ", acting_user=people["lead"])
    plan_decide(plan=plan, decision="request_changes", comment="Tydeligere mål.", acting_user=people["lead"])
    plan_update(plan=plan, data={"goals": "Flere tilmeldinger.\nBedre omdømme."}, acting_user=people["producer"])
    plan_submit(plan=plan, acting_user=people["producer"])
    first, second = plan.submissions.order_by("number")
    assert first.snapshot["goals"] != second.snapshot["goals"]
    assert second.snapshot["goals"] == "Flere tilmeldinger.\nBedre omdømme."


def test_a_decided_plan_cannot_be_decided_again(department, people):
    plan = _submitted(department, people)
    plan_decide(plan=plan, decision="reject", comment="Ikke nu.", acting_user=people["lead"])
    with pytest.raises(PlanError, match="already been decided"):
        plan_decide(plan=plan, decision="approve", comment="", acting_user=people["community"])
    assert PlanDecision.objects.filter(plan=plan).count() == 1


def test_emails_go_out_after_commit(department, people, django_capture_on_commit_callbacks, eager_celery):
    with django_capture_on_commit_callbacks(execute=True):
        plan = _submitted(department, people)
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["community@demohospitalet.example", "lead@demohospitalet.example"]
    assert f"/plans/{plan.pk}/" in mail.outbox[0].body
    assert plan.goals not in mail.outbox[0].body  # the plan's free text stays in the app
    with django_capture_on_commit_callbacks(execute=True):
        plan_decide(plan=plan, decision="approve", comment="", acting_user=people["lead"])
    assert mail.outbox[1].to == ["producer@demohospitalet.example"]


def test_nothing_is_sent_when_the_transaction_rolls_back(department, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        plan = plan_create(unit=department, data={"title": "x", "platform": "x"}, acting_user=people["producer"])
        with pytest.raises(PlanIncomplete):
            plan_submit(plan=plan, acting_user=people["producer"])
    assert callbacks == []


def test_a_dead_broker_does_not_undo_the_submission(
    department, people, django_capture_on_commit_callbacks, broker_unreachable
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = _submitted(department, people)
    plan.refresh_from_db()
    assert plan.status == ChannelPlan.Status.SUBMITTED
    assert mail.outbox == []


def test_evaluation_result_then_confirmation(department, people):
    plan = _submitted(department, people, evaluation_date=datetime.date(2020, 1, 1))
    plan_decide(plan=plan, decision="approve", comment="", acting_user=people["lead"])
    with pytest.raises(PlanError):
        plan_mark_evaluated(plan=plan, acting_user=people["lead"])
    with pytest.raises(PlanError):
        plan_result_record(plan=plan, result="Godt", acting_user=people["manager"])
    plan_result_record(plan=plan, result="Målene er nået.", acting_user=people["flowmanager"])
    with pytest.raises(PlanError):
        plan_mark_evaluated(plan=plan, acting_user=people["flowmanager"])
    plan = plan_mark_evaluated(plan=plan, acting_user=people["community"])
    assert plan.evaluated_by == people["community"] and plan.evaluated_at


def test_channel_review_by_owner_and_refused_for_others(department, people):
    plan = _submitted(department, people)
    plan_decide(plan=plan, decision="approve", comment="", acting_user=people["lead"])
    channel = Channel.objects.get(plan=plan)
    review = channel_review_record(
        channel=channel,
        owner_still_there=True,
        backup_still_there=False,
        still_needed=True,
        comment="Ny back-up findes.",
        acting_user=people[channel.owner.username],
    )
    assert review.reviewed_by == channel.owner
    with pytest.raises(PlanError):
        channel_review_record(
            channel=channel,
            owner_still_there=True,
            backup_still_there=True,
            still_needed=True,
            comment="",
            acting_user=people["manager"],
        )


def test_the_diff_names_content_strategies_in_the_readers_language(department, people):
    strategies = list(Requirement.objects.filter(cell__dimension__code="content_strategy").order_by("pk")[:2])
    plan = _submitted(department, people, content_strategies=[strategies[0]])
    plan_decide(plan=plan, decision="request_changes", comment="Flere strategier.", acting_user=people["lead"])
    plan_update(plan=plan, data={"content_strategies": strategies}, acting_user=people["producer"])
    plan_submit(plan=plan, acting_user=people["producer"])
    first, second = plan.submissions.order_by("number")
    with translation.override("en"):
        (change,) = snapshot_diff(first.snapshot, second.snapshot)
    assert change["lines"] == [{"kind": "+", "text": strategies[1].text_en}]
    with translation.override("da"):
        (change,) = snapshot_diff(first.snapshot, second.snapshot)
    assert change["lines"] == [{"kind": "+", "text": strategies[1].text_da}]
