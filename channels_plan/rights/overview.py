"""The communication unit's view of who may post where, and why (read-only; the policy lives in rights.py)."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch

from channels_plan.models import PostingEnrolment
from channels_plan.rights.policy import (
    DEPARTMENT_POSTING_FROM_LEVEL,
    OWN_GROUPS_FROM_LEVEL,
    POST,
    REVIEW,
    communication_permissions,
    department_permissions,
    posting_level,
    untrained_members,
)
from governance.models import CrisisPeriod, Membership, Unit
from governance.permissions import Actor


@dataclass
class RightsHolder:
    membership: Membership
    may_post: bool
    may_review: bool
    in_own_groups: bool


@dataclass
class UnitRights:
    unit: Unit
    level: int | None
    enrolment: PostingEnrolment | None
    in_crisis: bool = False
    holders: list[RightsHolder] = field(default_factory=list)

    @property
    def enrolled(self) -> bool:
        return self.enrolment is not None and self.enrolment.status == PostingEnrolment.Status.ACTIVE

    @property
    def level_allows_posting(self) -> bool:
        return self.level is not None and self.level >= DEPARTMENT_POSTING_FROM_LEVEL


def _holder(
    membership: Membership, unit: Unit, level: int | None, enrolled: bool, trained: bool
) -> RightsHolder | None:
    if unit.kind == Unit.Kind.COMMUNICATION:
        own = communication_permissions(role=membership.role.code)
        groups = frozenset()
    else:
        policy = {"level": level, "enrolled": enrolled, "role": membership.role.code, "trained": trained}
        own = department_permissions(**policy, closed_group=False)
        groups = department_permissions(**policy, closed_group=True)
    if not own and not groups:
        return None
    return RightsHolder(
        membership=membership,
        may_post=POST in own,
        may_review=REVIEW in own,
        in_own_groups=bool(groups) and level is not None and level >= OWN_GROUPS_FROM_LEVEL,
    )


def posting_rights_overview(*, actor: Actor) -> list[UnitRights]:
    """Each unit the person may oversee: the communication unit's reviewers see their hospital, a department
    member sees the department. Four queries, and two per hospital for the courses its roles require first,
    whatever the number of units and people."""
    reviewing = [hospital for hospital in actor.communication_units if actor.reviews_for(hospital)]
    units = (
        Unit.objects.filter(hospital_id__in=reviewing) | Unit.objects.filter(pk__in=list(actor.unit_roles))
    ).distinct()
    open_crisis = CrisisPeriod.objects.filter(hospital=OuterRef("hospital"), ended_at__isnull=True)
    units = units.annotate(in_crisis=Exists(open_crisis))
    units = units.select_related("maturity__current_level", "posting_enrolment__decided_by").prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(user__is_active=True)
            .select_related("user", "role")
            .order_by("role__order", "user__first_name"),
        )
    )
    units = list(units.order_by("kind", "name"))
    untrained = set()
    for hospital_id in {unit.hospital_id for unit in units}:
        memberships = [
            membership for unit in units if unit.hospital_id == hospital_id for membership in unit.memberships.all()
        ]
        untrained |= untrained_members(memberships, hospital_id=hospital_id)
    overview = []
    for unit in units:
        standing = getattr(unit, "maturity", None)
        enrolment = getattr(unit, "posting_enrolment", None)
        level = standing.current_level.number if standing else None
        rights = UnitRights(unit=unit, level=level, enrolment=enrolment, in_crisis=unit.in_crisis)
        for membership in unit.memberships.all():
            trained = (membership.user_id, membership.role_id) not in untrained
            holder = _holder(membership, unit, posting_level(level, in_crisis=unit.in_crisis), rights.enrolled, trained)
            if holder:
                rights.holders.append(holder)
        overview.append(rights)
    return overview
