"""Every write to channel plans and channels: locked, checked, audited, in one transaction each."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from channels_plan.exceptions import PlanError, PlanIncomplete
from channels_plan.level_checks import plan_level_conflicts
from channels_plan.models import (
    Channel,
    ChannelPlan,
    ChannelReview,
    PlanDecision,
    PlanSubmission,
    Platform,
)
from channels_plan.permissions import (
    can_decide_plan,
    can_draft_plan_for,
    can_edit_plan,
    can_manage_channel,
    can_mark_evaluated,
    can_record_result,
)
from channels_plan.rights.policy import posting_rights_sync
from channels_plan.services.approval_steps import approval_after_channel, approval_before_channel
from channels_plan.snapshots import plan_snapshot
from channels_plan.tasks import send_plan_decision_email, send_plan_submitted_email
from governance.audit import save_as
from governance.dispatch import enqueue_on_commit
from governance.models import Unit, User
from governance.permissions import actor_for
from maturity.models import UnitMaturity

REQUIRED_ON_SUBMIT = [
    "goals",
    "success_evaluation",
    "primary_target_group",
    "content",
    "owner",
    "backup",
    "hours_per_week",
    "sender_name",
    "handle",
    "evaluation_date",
]


def _locked_plan(plan: ChannelPlan) -> ChannelPlan:
    return ChannelPlan.objects.select_for_update().select_related("unit").get(pk=plan.pk)


def _assign(plan: ChannelPlan, data: dict) -> list | None:
    """Set the plan's fields from form data; returns the content strategies, set once the plan has a key."""
    data = dict(data)
    strategies = data.pop("content_strategies", None)
    for field, value in data.items():
        setattr(plan, field, value)
    if plan.platform != Platform.OTHER:
        plan.platform_other = ""
    return strategies


@transaction.atomic
def plan_create(*, unit: Unit, data: dict, acting_user: User) -> ChannelPlan:
    if not can_draft_plan_for(actor_for(acting_user), unit):
        raise PlanError(_("Only the department's flowmanager or producers may draft its channel plans."))
    plan = ChannelPlan(unit=unit, created_by=acting_user)
    strategies = _assign(plan, data)
    save_as(plan, acting_user)
    if strategies is not None:
        plan.content_strategies.set(strategies)
    return plan


@transaction.atomic
def plan_update(*, plan: ChannelPlan, data: dict, acting_user: User) -> ChannelPlan:
    plan = _locked_plan(plan)
    if not can_edit_plan(actor_for(acting_user), plan):
        raise PlanError(_("This plan cannot be edited now."))
    strategies = _assign(plan, data)
    save_as(plan, acting_user)
    if strategies is not None:
        plan.content_strategies.set(strategies)
    return plan


def plan_submission_errors(plan: ChannelPlan) -> dict[str, str]:
    """What must be filled in before the communication unit can review the plan."""
    errors = {
        field: _("Fill in “%(field)s” before you submit.") % {"field": ChannelPlan._meta.get_field(field).verbose_name}
        for field in REQUIRED_ON_SUBMIT
        if getattr(plan, field) in (None, "")
    }
    if plan.platform == Platform.OTHER and not plan.platform_other:
        errors["platform_other"] = _("Name the platform.")
    if plan.owner_id and plan.owner_id == plan.backup_id:
        errors["backup"] = _("The back-up must be another person than the owner.")
    standing = UnitMaturity.objects.select_related("current_level").filter(unit_id=plan.unit_id).first()
    level = standing.current_level if standing else None
    features = set(level.features.values_list("code", flat=True)) if level else set()
    if plan_level_conflicts(plan=plan, level=level, feature_codes=features) and not plan.justification.strip():
        errors["justification"] = _("The plan asks for something the unit's level does not allow: justify it.")
    return errors


@transaction.atomic
def plan_submit(*, plan: ChannelPlan, acting_user: User) -> ChannelPlan:
    plan = _locked_plan(plan)
    if not can_edit_plan(actor_for(acting_user), plan):
        raise PlanError(_("This plan cannot be submitted now."))
    errors = plan_submission_errors(plan)
    if errors:
        raise PlanIncomplete(errors)
    number = plan.submissions.count() + 1
    PlanSubmission.objects.create(plan=plan, number=number, submitted_by=acting_user, snapshot=plan_snapshot(plan))
    plan.status = ChannelPlan.Status.SUBMITTED
    plan.submitted_at = timezone.now()
    save_as(plan, acting_user)
    enqueue_on_commit(send_plan_submitted_email, plan_id=plan.pk)
    return plan


@transaction.atomic
def plan_decide(*, plan: ChannelPlan, decision: str, comment: str, acting_user: User) -> PlanDecision:
    """Approve, request changes or reject. The plan row is locked: of two reviewers deciding at once,
    exactly one decision is recorded and the other is told the plan was already decided."""
    plan = _locked_plan(plan)
    if plan.status != ChannelPlan.Status.SUBMITTED:
        raise PlanError(_("This plan has already been decided (%(status)s).") % {"status": plan.get_status_display()})
    submitter_ids = set(plan.submissions.values_list("submitted_by_id", flat=True))
    if not can_decide_plan(actor_for(acting_user), plan, submitter_ids):
        raise PlanError(_("You may not decide on this plan."))
    if decision not in PlanDecision.Decision.values:
        raise PlanError(_("Unknown decision."))
    if decision != PlanDecision.Decision.APPROVE and not comment.strip():
        raise PlanIncomplete({"comment": _("Explain what must change, or why the plan is rejected.")})
    submission = plan.submissions.order_by("-number").first()
    recorded = PlanDecision(
        plan=plan, submission=submission, decision=decision, comment=comment.strip(), decided_by=acting_user
    )
    save_as(recorded, acting_user)
    plan.status = {
        PlanDecision.Decision.APPROVE: ChannelPlan.Status.APPROVED,
        PlanDecision.Decision.REQUEST_CHANGES: ChannelPlan.Status.CHANGES_REQUESTED,
        PlanDecision.Decision.REJECT: ChannelPlan.Status.REJECTED,
    }[decision]
    save_as(plan, acting_user)
    if decision == PlanDecision.Decision.APPROVE:
        approval_before_channel(plan=plan, acting_user=acting_user)
        channel = save_as(
            Channel(
                plan=plan,
                unit=plan.unit,
                platform=plan.platform,
                handle=plan.handle,
                sender_name=plan.sender_name,
                owner_id=plan.owner_id,
                backup_id=plan.backup_id,
            ),
            acting_user,
        )
        posting_rights_sync(channel=channel)
        approval_after_channel(plan=plan, channel=channel, acting_user=acting_user)
    enqueue_on_commit(send_plan_decision_email, decision_id=recorded.pk)
    return recorded


@transaction.atomic
def plan_result_record(*, plan: ChannelPlan, result: str, acting_user: User) -> ChannelPlan:
    plan = _locked_plan(plan)
    if not can_record_result(actor_for(acting_user), plan):
        raise PlanError(_("You may not record the result of this plan."))
    if not result.strip():
        raise PlanIncomplete({"result": _("Describe the result: were the goals reached?")})
    plan.result = result.strip()
    plan.evaluated_at = None
    plan.evaluated_by = None
    return save_as(plan, acting_user)


@transaction.atomic
def plan_mark_evaluated(*, plan: ChannelPlan, acting_user: User) -> ChannelPlan:
    plan = _locked_plan(plan)
    if not can_mark_evaluated(actor_for(acting_user), plan):
        raise PlanError(_("The plan needs a recorded result, and only the communication unit marks it evaluated."))
    plan.evaluated_at = timezone.now()
    plan.evaluated_by = acting_user
    return save_as(plan, acting_user)


@transaction.atomic
def channel_status_set(*, channel: Channel, status: str, acting_user: User) -> Channel:
    channel = Channel.objects.select_for_update().select_related("unit").get(pk=channel.pk)
    if not can_manage_channel(actor_for(acting_user), channel):
        raise PlanError(_("You may not change this channel."))
    if channel.status == Channel.Status.CLOSED:
        raise PlanError(_("A closed channel stays closed; draft a new plan to open it again."))
    if status not in Channel.Status.values:
        raise PlanError(_("Unknown status."))
    channel.status = status
    save_as(channel, acting_user)
    posting_rights_sync(channel=channel)
    return channel


@transaction.atomic
def channel_review_record(
    *,
    channel: Channel,
    owner_still_there: bool,
    backup_still_there: bool,
    still_needed: bool,
    comment: str,
    acting_user: User,
) -> ChannelReview:
    channel = Channel.objects.select_for_update().select_related("unit").get(pk=channel.pk)
    if not can_manage_channel(actor_for(acting_user), channel):
        raise PlanError(_("You may not review this channel."))
    if channel.status == Channel.Status.CLOSED:
        raise PlanError(_("A closed channel needs no review."))
    review = ChannelReview(
        channel=channel,
        owner_still_there=owner_still_there,
        backup_still_there=backup_still_there,
        still_needed=still_needed,
        comment=comment.strip(),
        reviewed_by=acting_user,
    )
    return save_as(review, acting_user)
