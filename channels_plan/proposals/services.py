"""Content proposals: drafted by a department, reviewed by whoever may review content for every target channel,
scheduled, and closed by recording the publication. The app never posts to the platforms itself."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from channels_plan.exceptions import PlanError, PlanIncomplete
from channels_plan.models import Channel, ContentProposal, ProposalDecision
from channels_plan.rights.policy import POST, REVIEW, channels_permitted
from governance.audit import save_as
from governance.models import Unit, User
from governance.permissions import actor_for

PROPOSER_ROLES = frozenset({"flowmanager", "producer", "community_manager"})


def _may_propose_for(user: User, unit: Unit) -> bool:
    return bool(actor_for(user).roles_in(unit.pk) & PROPOSER_ROLES)


def _holds_on_all(user: User, codename: str, channels: list[Channel]) -> bool:
    return bool(channels) and channels_permitted(user=user, codename=codename, channels=channels) == {
        channel.pk for channel in channels
    }


def _check_channels(unit: Unit, channels: list[Channel]) -> None:
    if not channels:
        raise PlanIncomplete({"channels": _("Choose at least one channel.")})
    if any(
        channel.unit.hospital_id != unit.hospital_id or channel.status == Channel.Status.CLOSED for channel in channels
    ):
        raise PlanIncomplete({"channels": _("Choose open channels of your own hospital.")})


def _locked(proposal: ContentProposal) -> ContentProposal:
    return ContentProposal.objects.select_for_update().select_related("unit").get(pk=proposal.pk)


def _target_channels(proposal: ContentProposal) -> list[Channel]:
    return list(proposal.channels.select_related("unit"))


@transaction.atomic
def proposal_create(*, unit: Unit, data: dict, acting_user: User) -> ContentProposal:
    if not _may_propose_for(acting_user, unit):
        raise PlanError(_("Only the unit's flowmanager, producers and community managers propose content."))
    data = dict(data)
    channels = list(data.pop("channels"))
    _check_channels(unit, channels)
    proposal = save_as(ContentProposal(unit=unit, created_by=acting_user, **data), acting_user)
    proposal.channels.set(channels)
    return proposal


@transaction.atomic
def proposal_update(*, proposal: ContentProposal, data: dict, acting_user: User) -> ContentProposal:
    proposal = _locked(proposal)
    if not (proposal.is_editable and _may_propose_for(acting_user, proposal.unit)):
        raise PlanError(_("This proposal cannot be edited now."))
    data = dict(data)
    channels = list(data.pop("channels"))
    _check_channels(proposal.unit, channels)
    for field, value in data.items():
        setattr(proposal, field, value)
    save_as(proposal, acting_user)
    proposal.channels.set(channels)
    return proposal


@transaction.atomic
def proposal_submit(*, proposal: ContentProposal, acting_user: User) -> ContentProposal:
    proposal = _locked(proposal)
    if not (proposal.is_editable and _may_propose_for(acting_user, proposal.unit)):
        raise PlanError(_("This proposal cannot be submitted now."))
    proposal.status = ContentProposal.Status.SUBMITTED
    proposal.submitted_at = timezone.now()
    return save_as(proposal, acting_user)


@transaction.atomic
def proposal_schedule_directly(*, proposal: ContentProposal, scheduled_at, acting_user: User) -> ContentProposal:
    """Who may post on every target channel schedules without a review."""
    proposal = _locked(proposal)
    if proposal.status not in ContentProposal.EDITABLE_STATUSES:
        raise PlanError(_("This proposal cannot be scheduled now."))
    if not _holds_on_all(acting_user, POST, _target_channels(proposal)):
        raise PlanError(_("You may not post on every channel of this proposal: submit it for review instead."))
    proposal.status = ContentProposal.Status.SCHEDULED
    proposal.scheduled_at = scheduled_at
    return save_as(proposal, acting_user)


@transaction.atomic
def proposal_decide(
    *, proposal: ContentProposal, decision: str, comment: str, scheduled_at, acting_user: User
) -> ProposalDecision:
    """Approve and schedule, request changes or reject. The row is locked: one decision per submission."""
    proposal = _locked(proposal)
    if proposal.status != ContentProposal.Status.SUBMITTED:
        raise PlanError(
            _("This proposal has already been decided (%(status)s).") % {"status": proposal.get_status_display()}
        )
    channels = _target_channels(proposal)
    if not _holds_on_all(acting_user, REVIEW, channels):
        raise PlanError(_("You may not review content for every channel of this proposal."))
    if acting_user.pk == proposal.created_by_id and not _holds_on_all(acting_user, POST, channels):
        raise PlanError(_("At this level someone else must review your proposal."))
    if decision not in ProposalDecision.Decision.values:
        raise PlanError(_("Unknown decision."))
    if decision != ProposalDecision.Decision.SCHEDULE and not comment.strip():
        raise PlanIncomplete({"comment": _("Explain what must change, or why the proposal is rejected.")})
    if decision == ProposalDecision.Decision.SCHEDULE and scheduled_at is None:
        raise PlanIncomplete({"scheduled_at": _("Choose when the post is published.")})
    recorded = save_as(
        ProposalDecision(proposal=proposal, decision=decision, comment=comment.strip(), decided_by=acting_user),
        acting_user,
    )
    proposal.status = {
        ProposalDecision.Decision.SCHEDULE: ContentProposal.Status.SCHEDULED,
        ProposalDecision.Decision.REQUEST_CHANGES: ContentProposal.Status.CHANGES_REQUESTED,
        ProposalDecision.Decision.REJECT: ContentProposal.Status.REJECTED,
    }[decision]
    if decision == ProposalDecision.Decision.SCHEDULE:
        proposal.scheduled_at = scheduled_at
    save_as(proposal, acting_user)
    return recorded


@transaction.atomic
def proposal_record_publication(
    *, proposal: ContentProposal, published_at, permalink: str, acting_user: User
) -> ContentProposal:
    """Close a scheduled item: when it went out and where it can be seen."""
    proposal = _locked(proposal)
    if proposal.status != ContentProposal.Status.SCHEDULED:
        raise PlanError(_("Only a scheduled post can be recorded as published."))
    if not channels_permitted(user=acting_user, codename=POST, channels=_target_channels(proposal)):
        raise PlanError(_("You may not post on the channels of this proposal."))
    proposal.status = ContentProposal.Status.PUBLISHED
    proposal.published_at = published_at
    proposal.permalink = permalink
    return save_as(proposal, acting_user)
