"""Who may see, draft and decide channel plans. Loaded once per request; every check is then free of queries."""

from dataclasses import dataclass

from django.db.models import Q

from channels_plan.models import Channel, ChannelPlan
from governance.models import Unit, User
from governance.selectors import membership_units_for_user

PLAN_EDITOR_ROLES = frozenset({"flowmanager", "producer"})
REVIEWER_ROLES = frozenset({"strategist", "flowmanager", "community_manager"})


@dataclass(frozen=True)
class PlanActor:
    user: User
    unit_roles: dict[int, set[str]]
    communication_units: dict[int, int]  # hospital id -> id of the hospital's communication unit the user is in

    def roles_in(self, unit_id: int) -> set[str]:
        return self.unit_roles.get(unit_id, set())

    def reviews_for(self, hospital_id: int) -> bool:
        unit_id = self.communication_units.get(hospital_id)
        return unit_id is not None and bool(self.roles_in(unit_id) & REVIEWER_ROLES)

    @property
    def is_reviewer(self) -> bool:
        return any(self.reviews_for(hospital_id) for hospital_id in self.communication_units)


def plan_actor(user: User) -> PlanActor:
    unit_roles = membership_units_for_user(user=user)
    communication = Unit.objects.filter(pk__in=unit_roles, kind=Unit.Kind.COMMUNICATION).values_list(
        "hospital_id", "pk"
    )
    return PlanActor(user=user, unit_roles=unit_roles, communication_units=dict(communication))


def request_actor(request) -> PlanActor:
    """The signed-in person's actor, loaded once per request."""
    if not hasattr(request, "_plan_actor"):
        request._plan_actor = plan_actor(request.user)
    return request._plan_actor


def visible_plans_filter(actor: PlanActor) -> Q:
    """Drafts stay within the department; the communication unit sees what has been submitted to it."""
    submitted_here = Q(submitted_at__isnull=False, unit__hospital_id__in=list(actor.communication_units))
    if actor.user.is_superuser:
        submitted_here = Q(submitted_at__isnull=False)
    return Q(unit_id__in=list(actor.unit_roles)) | submitted_here


def visible_proposals_filter(actor: PlanActor) -> Q:
    """Drafts stay within the proposing unit; the communication unit sees what has been submitted or scheduled."""
    shared = Q(submitted_at__isnull=False) | Q(status__in=["scheduled", "published"])
    if actor.user.is_superuser:
        return shared
    return Q(unit_id__in=list(actor.unit_roles)) | (shared & Q(unit__hospital_id__in=list(actor.communication_units)))


def visible_channels_filter(actor: PlanActor) -> Q:
    if actor.user.is_superuser:
        return Q()
    return Q(unit_id__in=list(actor.unit_roles)) | Q(unit__hospital_id__in=list(actor.communication_units))


def can_draft_plan_for(actor: PlanActor, unit: Unit) -> bool:
    return unit.kind == Unit.Kind.DEPARTMENT and bool(actor.roles_in(unit.pk) & PLAN_EDITOR_ROLES)


def can_edit_plan(actor: PlanActor, plan: ChannelPlan) -> bool:
    return plan.is_editable and bool(actor.roles_in(plan.unit_id) & PLAN_EDITOR_ROLES)


def can_decide_plan(actor: PlanActor, plan: ChannelPlan, submitter_ids: set[int]) -> bool:
    """Reviewers of the hospital's communication unit decide, but never on a plan they drafted or submitted."""
    return (
        plan.status == ChannelPlan.Status.SUBMITTED
        and actor.reviews_for(plan.unit.hospital_id)
        and actor.user.pk != plan.created_by_id
        and actor.user.pk not in submitter_ids
    )


def can_record_result(actor: PlanActor, plan: ChannelPlan) -> bool:
    return plan.status == ChannelPlan.Status.APPROVED and (
        actor.user.pk in {plan.owner_id, plan.backup_id} or bool(actor.roles_in(plan.unit_id) & PLAN_EDITOR_ROLES)
    )


def can_mark_evaluated(actor: PlanActor, plan: ChannelPlan) -> bool:
    return plan.status == ChannelPlan.Status.APPROVED and bool(plan.result) and actor.reviews_for(plan.unit.hospital_id)


def can_manage_channel(actor: PlanActor, channel: Channel) -> bool:
    """The owner, the back-up, the department's flowmanager and the communication unit keep a channel up to date."""
    return (
        actor.user.pk in {channel.owner_id, channel.backup_id}
        or "flowmanager" in actor.roles_in(channel.unit_id)
        or actor.reviews_for(channel.unit.hospital_id)
    )
