"""Who may see, draft and decide channel plans. Loaded once per request; every check is then free of queries."""

from django.db.models import Q

from channels_plan.models import Channel, ChannelPlan
from governance.models import Unit
from governance.permissions import DEPARTMENT_EDITOR_ROLES, Actor


def visible_plans_filter(actor: Actor) -> Q:
    """Drafts stay within the department; the communication unit sees what has been submitted to it."""
    submitted_here = Q(submitted_at__isnull=False, unit__hospital_id__in=list(actor.communication_units))
    if actor.user.is_superuser:
        submitted_here = Q(submitted_at__isnull=False)
    return Q(unit_id__in=list(actor.unit_roles)) | submitted_here


def visible_proposals_filter(actor: Actor) -> Q:
    """Drafts stay within the proposing unit; the communication unit sees what has been submitted or scheduled."""
    shared = Q(submitted_at__isnull=False) | Q(status__in=["scheduled", "held", "published"])
    if actor.user.is_superuser:
        return shared
    return Q(unit_id__in=list(actor.unit_roles)) | (shared & Q(unit__hospital_id__in=list(actor.communication_units)))


def visible_channels_filter(actor: Actor) -> Q:
    if actor.user.is_superuser:
        return Q()
    return Q(unit_id__in=list(actor.unit_roles)) | Q(unit__hospital_id__in=list(actor.communication_units))


def visible_units_filter(actor: Actor) -> Q:
    """On Unit: the units whose channels the person sees (``visible_channels_filter``)."""
    if actor.user.is_superuser:
        return Q()
    return Q(pk__in=list(actor.unit_roles)) | Q(hospital_id__in=list(actor.communication_units))


def can_draft_plan_for(actor: Actor, unit: Unit) -> bool:
    return unit.kind == Unit.Kind.DEPARTMENT and bool(actor.roles_in(unit.pk) & DEPARTMENT_EDITOR_ROLES)


def can_edit_plan(actor: Actor, plan: ChannelPlan) -> bool:
    return plan.is_editable and bool(actor.roles_in(plan.unit_id) & DEPARTMENT_EDITOR_ROLES)


def can_decide_plan(actor: Actor, plan: ChannelPlan, submitter_ids: set[int]) -> bool:
    """Reviewers of the hospital's communication unit decide, but never on a plan they drafted or submitted."""
    return (
        plan.status == ChannelPlan.Status.SUBMITTED
        and actor.reviews_for(plan.unit.hospital_id)
        and actor.user.pk != plan.created_by_id
        and actor.user.pk not in submitter_ids
    )


def can_record_result(actor: Actor, plan: ChannelPlan) -> bool:
    return plan.status == ChannelPlan.Status.APPROVED and (
        actor.user.pk in {plan.owner_id, plan.backup_id} or bool(actor.roles_in(plan.unit_id) & DEPARTMENT_EDITOR_ROLES)
    )


def can_mark_evaluated(actor: Actor, plan: ChannelPlan) -> bool:
    return plan.status == ChannelPlan.Status.APPROVED and bool(plan.result) and actor.reviews_for(plan.unit.hospital_id)


def can_manage_channel(actor: Actor, channel: Channel) -> bool:
    """The owner, the back-up, the department's flowmanager and the communication unit keep a channel up to date."""
    return (
        actor.user.pk in {channel.owner_id, channel.backup_id}
        or "flowmanager" in actor.roles_in(channel.unit_id)
        or actor.reviews_for(channel.unit.hospital_id)
    )
