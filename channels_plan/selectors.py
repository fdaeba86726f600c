"""Reads of plans and channels, each filtered to what the person may see, with a fixed number of queries."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import timedelta

from django.db.models import Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from channels_plan.level_checks import plan_level_conflicts
from channels_plan.models import Channel, ChannelPlan, ChannelReview, PlanDecision, PlanSubmission
from channels_plan.permissions import visible_channels_filter, visible_plans_filter
from channels_plan.snapshots import snapshot_diff
from governance.permissions import DEPARTMENT_EDITOR_ROLES, Actor
from maturity.selectors import unit_standing_get

REVIEW_INTERVAL = timedelta(days=365)


def plan_list_for_actor(
    *, actor: Actor, status: str = "", unit_id: int | None = None, platform: str = ""
) -> QuerySet[ChannelPlan]:
    """Plans the person may see; reviewers get the oldest submission first."""
    plans = ChannelPlan.objects.filter(visible_plans_filter(actor)).select_related("unit", "owner")
    if status:
        plans = plans.filter(status=status)
    if unit_id:
        plans = plans.filter(unit_id=unit_id)
    if platform:
        plans = plans.filter(platform=platform)
    return plans.order_by("submitted_at", "created_at")


def plan_get_for_actor(*, actor: Actor, plan_id: int) -> ChannelPlan:
    """The plan, or 404 when the person may not see it (another department's plan does not exist for them)."""
    plan = (
        ChannelPlan.objects.filter(visible_plans_filter(actor), pk=plan_id)
        .select_related("unit__hospital", "owner", "backup", "created_by", "evaluated_by")
        .prefetch_related("content_strategies")
        .first()
    )
    if plan is None:
        raise Http404("No such plan")
    return plan


def plan_review_context(*, plan: ChannelPlan) -> dict:
    """The level panel, the decision log and the diff against the previous submission."""
    standing = unit_standing_get(unit_id=plan.unit_id)
    level = standing.current_level if standing else None
    features = list(level.features.all()) if level else []
    submissions = list(PlanSubmission.objects.filter(plan=plan).select_related("submitted_by").order_by("number"))
    decisions = list(PlanDecision.objects.filter(plan=plan).select_related("decided_by", "submission"))
    diff = snapshot_diff(submissions[-2].snapshot, submissions[-1].snapshot) if len(submissions) > 1 else None
    return {
        "standing": standing,
        "level_features": features,
        "conflicts": plan_level_conflicts(plan=plan, level=level, feature_codes={f.code for f in features}),
        "submissions": submissions,
        "submitter_ids": {submission.submitted_by_id for submission in submissions},
        "decisions": decisions,
        "diff": diff,
        "channel": Channel.objects.filter(plan=plan).first(),
    }


def channel_list_for_actor(*, actor: Actor, status: str = "", unit_id: int | None = None) -> QuerySet[Channel]:
    last_review = ChannelReview.objects.filter(channel=OuterRef("pk")).order_by("-reviewed_at").values("reviewed_at")
    channels = (
        Channel.objects.filter(visible_channels_filter(actor))
        .select_related("unit", "owner", "backup", "plan")
        .annotate(last_reviewed_at=Subquery(last_review[:1]))
    )
    if status:
        channels = channels.filter(status=status)
    if unit_id is not None:
        channels = channels.filter(unit_id=unit_id)
    return channels.order_by("unit__name", "platform", "handle")


# The channel registry's definition of a channel in use: the gap report, the monitoring duties and the metric
# dashboards count these, and the registry lists them under the status "Active".
ACTIVE_CHANNEL = Q(status=Channel.Status.ACTIVE)


def active_channels_of_units(unit_ids: Iterable[int]) -> QuerySet[Channel]:
    """The units' channels the registry lists as active (its filter ``?status=active&unit=…`` shows the same)."""
    return Channel.objects.filter(ACTIVE_CHANNEL, unit_id__in=list(unit_ids))


def channel_status_counts(unit_ids: Iterable[int]) -> dict[int, Counter]:
    """Per unit, its channels counted by their registry status: one query."""
    counts: dict[int, Counter] = defaultdict(Counter)
    rows = Channel.objects.filter(unit_id__in=list(unit_ids)).values_list("unit_id", "status")
    for unit_id, status in rows.order_by():
        counts[unit_id][status] += 1
    return counts


def hospital_channel_status_counts(hospital_ids: Iterable[int]) -> dict[int, Counter]:
    """Per hospital, all its units' channels counted by their registry status: one query."""
    counts: dict[int, Counter] = defaultdict(Counter)
    rows = Channel.objects.filter(unit__hospital_id__in=list(hospital_ids)).values_list("unit__hospital_id", "status")
    for hospital_id, status in rows.order_by():
        counts[hospital_id][status] += 1
    return counts


def plan_is_current(*, status: str, evaluation_date, evaluated_at, today) -> bool:
    """An approved plan is current until its evaluation date, and after it once evaluated (on or after that date).
    The registry shows it per channel and the gap report counts it: one rule for both."""
    evaluated = evaluated_at is not None and (evaluation_date is None or evaluated_at.date() >= evaluation_date)
    return status == ChannelPlan.Status.APPROVED and (evaluation_date is None or evaluation_date >= today or evaluated)


def channels_to_activate_for_actor(*, actor: Actor, limit: int | None = None) -> list[Channel]:
    """Approved channels still "planned": the owner and the hospital's communication unit are asked to set them
    active once the account exists. Oldest first; one query."""
    reviewing_hospitals = [hospital for hospital in actor.communication_units if actor.reviews_for(hospital)]
    channels = (
        Channel.objects.filter(status=Channel.Status.PLANNED)
        .filter(Q(owner=actor.user) | Q(unit__hospital_id__in=reviewing_hospitals))
        .select_related("unit", "owner")
        .order_by("registered_at", "pk")
    )
    return list(channels[:limit] if limit else channels)


def channel_get_for_actor(*, actor: Actor, channel_id: int) -> Channel:
    channel = (
        Channel.objects.filter(visible_channels_filter(actor), pk=channel_id)
        .select_related("unit__hospital", "owner", "backup", "plan")
        .prefetch_related(Prefetch("reviews", queryset=ChannelReview.objects.select_related("reviewed_by")))
        .first()
    )
    if channel is None:
        raise Http404("No such channel")
    return channel


def channel_review_is_due(channel: Channel, now=None) -> bool:
    """A channel is reviewed at least once a year, counted from its registration or its last review."""
    now = now or timezone.now()
    last = getattr(channel, "last_reviewed_at", None) or channel.registered_at
    return channel.status != Channel.Status.CLOSED and now - last >= REVIEW_INTERVAL


def overdue_channel_reviews(*, actor: Actor, limit: int | None = None) -> list[Channel]:
    """Channels whose yearly review is overdue, for the communication unit and for each channel's owner."""
    cutoff = timezone.now() - REVIEW_INTERVAL
    reviewing_hospitals = [hospital for hospital in actor.communication_units if actor.reviews_for(hospital)]
    channels = (
        Channel.objects.filter(Q(unit__hospital_id__in=reviewing_hospitals) | Q(owner=actor.user))
        .exclude(status=Channel.Status.CLOSED)
        .annotate(last_reviewed_at=Max("reviews__reviewed_at"))
        .annotate(due_from=Coalesce("last_reviewed_at", "registered_at"))
        .filter(due_from__lte=cutoff)
        .select_related("unit")
        .order_by("due_from")
    )
    return list(channels[:limit] if limit else channels)


def plan_tasks_for_actor(*, actor: Actor, limit: int) -> dict[str, list[ChannelPlan]]:
    """What waits for the person, oldest first, at most ``limit`` + 1 of each kind (the extra one says "more"):
    plans to review, plans to revise, evaluations due, evaluations to confirm."""
    today = timezone.localdate()
    visible = ChannelPlan.objects.filter(visible_plans_filter(actor)).select_related("unit")
    reviewing_hospitals = [hospital for hospital in actor.communication_units if actor.reviews_for(hospital)]
    own_units = [unit_id for unit_id, roles in actor.unit_roles.items() if roles & DEPARTMENT_EDITOR_ROLES]
    Status = ChannelPlan.Status
    queues = {
        "to_review": visible.filter(status=Status.SUBMITTED, unit__hospital_id__in=reviewing_hospitals).exclude(
            created_by=actor.user
        ),
        "to_revise": visible.filter(status=Status.CHANGES_REQUESTED, unit_id__in=own_units),
        "to_evaluate": visible.filter(
            status=Status.APPROVED, evaluation_date__lte=today, result="", unit_id__in=own_units
        ),
        "to_confirm": visible.filter(
            status=Status.APPROVED, evaluated_at__isnull=True, unit__hospital_id__in=reviewing_hospitals
        ).exclude(result=""),
    }
    return {kind: list(plans.order_by("submitted_at", "pk")[: limit + 1]) for kind, plans in queues.items()}
