"""A department's enrolment among those that post on their own channels (levels 3 and up)."""

from django.db import transaction
from django.utils.translation import gettext as _

from channels_plan.exceptions import PlanError
from channels_plan.models import PostingEnrolment
from channels_plan.rights.policy import DEPARTMENT_POSTING_FROM_LEVEL, posting_rights_sync_for_units
from governance.audit import save_as
from governance.models import Unit, User
from governance.permissions import actor_for
from maturity.models import UnitMaturity


def _locked_enrolment(unit: Unit) -> PostingEnrolment | None:
    return PostingEnrolment.objects.select_for_update().filter(unit=unit).first()


def _department_level(unit: Unit) -> int | None:
    standing = UnitMaturity.objects.select_related("current_level").filter(unit=unit).first()
    return standing.current_level.number if standing else None


@transaction.atomic
def posting_enrolment_request(*, unit: Unit, acting_user: User) -> PostingEnrolment:
    """A department's flowmanager asks for the department to post on its own channels (level 3 and up)."""
    if "flowmanager" not in actor_for(acting_user).roles_in(unit.pk):
        raise PlanError(_("Only the department's flowmanager can ask for this."))
    level = _department_level(unit)
    if level is None or level < DEPARTMENT_POSTING_FROM_LEVEL:
        raise PlanError(_("At levels 1–2 only the central communication unit posts on official profiles."))
    enrolment = _locked_enrolment(unit) or PostingEnrolment(unit=unit)
    if enrolment.status in {PostingEnrolment.Status.REQUESTED, PostingEnrolment.Status.ACTIVE}:
        return enrolment
    enrolment.status = PostingEnrolment.Status.REQUESTED
    enrolment.requested_by = acting_user
    enrolment.decided_by = None
    return save_as(enrolment, acting_user)


@transaction.atomic
def posting_enrolment_grant(*, unit: Unit, acting_user: User) -> PostingEnrolment:
    """The communication unit selects a department (level 3) or approves its request (level 4 and up)."""
    if unit.kind != Unit.Kind.DEPARTMENT or not actor_for(acting_user).reviews_for(unit.hospital_id):
        raise PlanError(_("Only the communication unit selects the departments that post."))
    level = _department_level(unit)
    if level is None or level < DEPARTMENT_POSTING_FROM_LEVEL:
        raise PlanError(_("At levels 1–2 only the central communication unit posts on official profiles."))
    enrolment = _locked_enrolment(unit) or PostingEnrolment(unit=unit)
    if enrolment.status == PostingEnrolment.Status.ACTIVE:
        return enrolment
    enrolment.status = PostingEnrolment.Status.ACTIVE
    enrolment.decided_by = acting_user
    save_as(enrolment, acting_user)
    posting_rights_sync_for_units(unit_ids={unit.pk})
    return enrolment


@transaction.atomic
def posting_enrolment_end(*, unit: Unit, acting_user: User) -> PostingEnrolment:
    """The communication unit ends an enrolment, or the department's flowmanager withdraws it."""
    actor = actor_for(acting_user)
    if not (actor.reviews_for(unit.hospital_id) or "flowmanager" in actor.roles_in(unit.pk)):
        raise PlanError(_("You may not change this department's posting rights."))
    enrolment = _locked_enrolment(unit)
    if enrolment is None or enrolment.status == PostingEnrolment.Status.ENDED:
        raise PlanError(_("The department does not post itself."))
    enrolment.status = PostingEnrolment.Status.ENDED
    enrolment.decided_by = acting_user
    save_as(enrolment, acting_user)
    posting_rights_sync_for_units(unit_ids={unit.pk})
    return enrolment
