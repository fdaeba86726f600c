"""Reads of content proposals, filtered to what the person may see, with a fixed number of queries."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from channels_plan.models import Channel, ContentProposal, ProposalDecision
from channels_plan.permissions import visible_proposals_filter
from channels_plan.proposals.services import PROPOSER_ROLES
from governance.permissions import Actor


def proposal_list_for_actor(*, actor: Actor, status: str = "") -> QuerySet[ContentProposal]:
    proposals = (
        ContentProposal.objects.filter(visible_proposals_filter(actor))
        .select_related("unit", "created_by")
        .prefetch_related(Prefetch("channels", queryset=Channel.objects.order_by("sender_name")))
    )
    if status:
        proposals = proposals.filter(status=status)
    return proposals.order_by("-created_at")


def proposal_get_for_actor(*, actor: Actor, proposal_id: int) -> ContentProposal:
    proposal = (
        ContentProposal.objects.filter(visible_proposals_filter(actor), pk=proposal_id)
        .select_related("unit__hospital", "created_by")
        .prefetch_related(
            Prefetch("channels", queryset=Channel.objects.select_related("unit").order_by("sender_name")),
            Prefetch("decisions", queryset=ProposalDecision.objects.select_related("decided_by")),
            "attachments",
        )
        .first()
    )
    if proposal is None:
        raise Http404("No such proposal")
    return proposal


def calendar_items(*, start, end) -> QuerySet[ContentProposal]:
    """The editorial calendar's items whose calendar time falls in [start, end): scheduled (or held by crisis mode)
    items by their scheduled time, published ones by their publication. The calendar pages and the gap report's
    calendar evidence both count these."""
    scheduled = ContentProposal.objects.filter(
        status__in=[ContentProposal.Status.SCHEDULED, ContentProposal.Status.HELD],
        scheduled_at__gte=start,
        scheduled_at__lt=end,
    )
    published = ContentProposal.objects.filter(
        status=ContentProposal.Status.PUBLISHED, published_at__gte=start, published_at__lt=end
    )
    return scheduled | published


def calendar_items_for_actor(*, actor: Actor, start, end) -> QuerySet[ContentProposal]:
    """The calendar's items in [start, end) the person may see."""
    return (
        calendar_items(start=start, end=end)
        .filter(visible_proposals_filter(actor))
        .select_related("unit")
        .prefetch_related(Prefetch("channels", queryset=Channel.objects.order_by("sender_name")))
    )


def proposal_tasks_for_actor(*, actor: Actor, limit: int) -> dict[str, list[ContentProposal]]:
    """Proposals waiting for the person, oldest first, at most ``limit`` + 1 of each kind."""
    visible = ContentProposal.objects.filter(visible_proposals_filter(actor)).select_related("unit")
    reviewing_hospitals = [hospital for hospital in actor.communication_units if actor.reviews_for(hospital)]
    own_units = [unit_id for unit_id, roles in actor.unit_roles.items() if roles & PROPOSER_ROLES]
    queues = {
        "to_review": visible.filter(
            status=ContentProposal.Status.SUBMITTED, unit__hospital_id__in=reviewing_hospitals
        ).exclude(created_by=actor.user),
        "to_revise": visible.filter(status=ContentProposal.Status.CHANGES_REQUESTED, unit_id__in=own_units),
    }
    return {kind: list(items.order_by("submitted_at", "pk")[: limit + 1]) for kind, items in queues.items()}
