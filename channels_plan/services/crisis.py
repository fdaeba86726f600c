"""What crisis mode does to content: scheduled posts are held while it lasts and return, unchanged, when it ends.

Called from the receivers of governance's crisis signals, inside the transaction that starts or ends crisis mode,
so a crisis never starts without its posts held, nor ends without them released.
"""

from channels_plan.models import ContentProposal
from governance.audit import save_as
from governance.models import CrisisPeriod, User


def proposals_hold_for_crisis(*, crisis: CrisisPeriod, acting_user: User) -> int:
    """Hold every scheduled post of the hospital; the scheduled time is kept for the return. Returns how many."""
    held = 0
    scheduled = ContentProposal.objects.select_for_update().filter(
        unit__hospital_id=crisis.hospital_id, status=ContentProposal.Status.SCHEDULED
    )
    for proposal in scheduled:
        proposal.status = ContentProposal.Status.HELD
        proposal.held_by_crisis = crisis
        save_as(proposal, acting_user)
        held += 1
    return held


def proposals_release_after_crisis(*, crisis: CrisisPeriod, acting_user: User) -> int:
    """Return what this crisis held to the schedule, at the time each was scheduled for. Returns how many."""
    released = 0
    for proposal in ContentProposal.objects.select_for_update().filter(held_by_crisis=crisis):
        proposal.status = ContentProposal.Status.SCHEDULED
        proposal.held_by_crisis = None
        save_as(proposal, acting_user)
        released += 1
    return released
