"""Maturity's own evidence, read from governance: roles staffed, back-ups, guidelines, the follow group.

Each check has the provider signature of ``maturity.evidence`` and runs a fixed number of queries whatever the
number of units (one hospital's units at a time is the usual case; the follow group and the hospital's guidelines
cost one lookup per distinct hospital). Within an ``evidence_run`` the units' memberships, their hospitals, the
guidelines' standing and the follow group are loaded once for all levels and checks.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.follow_group.selectors import follow_group_evidence
from governance.guidelines.selectors import guideline_standing
from governance.models import GuidelineKind, GuidelineVersion, Hospital, Membership, Role, Unit
from maturity.evidence import Evidence, EvidenceStatus, register_evidence, run_memo, source_asked_at, units_key
from maturity.gaps import requirement_sources as sources
from maturity.models import RequiredGuideline, Requirement, RoleRequirement
from maturity.unit_scopes import UnitScopes

DEPARTMENT_OWN_KINDS = frozenset({GuidelineKind.DEPARTMENT_NETWORK_GUIDELINES})


def _role_scopes_of(unit: Unit, scopes: UnitScopes) -> frozenset[str]:
    """The role-requirement scopes that reach the unit: the central one for the communication unit; for a department,
    the posting departments' when it is enrolled to post and the network departments' when it runs a network."""
    if unit.is_communication_unit:
        return frozenset({RoleRequirement.Scope.CENTRAL})
    reached = set()
    if scopes.applies(Requirement.Scope.POSTING_DEPARTMENTS, unit):
        reached.add(RoleRequirement.Scope.POSTING_DEPARTMENTS)
    if scopes.applies(Requirement.Scope.NETWORK_DEPARTMENTS, unit):
        reached.add(RoleRequirement.Scope.NETWORK_DEPARTMENTS)
    return frozenset(reached)


def _no_roles_asked() -> Evidence:
    return Evidence(
        EvidenceStatus.NOT_APPLICABLE,
        _(
            "No role is asked of this department at this level: roles are asked of the departments enrolled to post "
            "and of those running a patient network."
        ),
    )


def _status_of(done: int, total: int) -> EvidenceStatus:
    if done >= total:
        return EvidenceStatus.MET
    return EvidenceStatus.PARTLY_MET if done else EvidenceStatus.NOT_MET


def _role_requirements(level_number: int) -> list[RoleRequirement]:
    """The level's role requirements (two queries, shared by the checks of a run)."""
    return run_memo(
        ("maturity.role_requirements", level_number),
        lambda: list(
            RoleRequirement.objects.filter(level__number=level_number)
            .select_related("role")
            .prefetch_related(Prefetch("may_combine_with", queryset=Role.objects.only("pk")))
            .order_by("role__order", "role__code")
        ),
    )


class _Held(NamedTuple):
    """A membership as the checks read it."""

    pk: int
    user_id: int
    role_id: int
    backup_for_id: int | None


def _memberships(units: Sequence[Unit]) -> dict[int, list[_Held]]:
    """The units' memberships per unit: one query, shared by the levels and checks of a run."""

    def load() -> dict[int, list[_Held]]:
        by_unit: dict[int, list[_Held]] = defaultdict(list)
        rows = Membership.objects.filter(unit__in=[unit.pk for unit in units]).values_list(
            "unit_id", "pk", "user_id", "role_id", "backup_for_id"
        )
        for unit_id, *held in rows:
            by_unit[unit_id].append(_Held(*held))
        return by_unit

    return run_memo(("maturity.memberships", units_key(units)), load)


class _RolesFix:
    """Where and by whom a unit's roles are fixed (the unit's people page): reversed and translated once per check."""

    UNIT = 987654321

    def __init__(self):
        self.url = reverse("unit_people", args=[self.UNIT]).replace(str(self.UNIT), "{unit_id}")
        self.communication_lead = _("The communication unit lead")
        self.manager = _("The department's manager")

    def __call__(self, unit: Unit) -> tuple[str, str]:
        who = self.communication_lead if unit.is_communication_unit else self.manager
        return self.url.format(unit_id=unit.pk), who


def _combinable(requirement: RoleRequirement, other: RoleRequirement) -> bool:
    allowed = {role.pk for role in requirement.may_combine_with.all()}
    allowed_back = {role.pk for role in other.may_combine_with.all()}
    return other.role_id in allowed or requirement.role_id in allowed_back


def _exclusions(requirements: list[RoleRequirement]) -> list[tuple[RoleRequirement, frozenset[int]]]:
    """Each required role with the earlier required roles (in the role catalogue's order) it may not be combined
    with."""
    return [
        (requirement, frozenset(other.role_id for other in requirements[:index] if not _combinable(requirement, other)))
        for index, requirement in enumerate(requirements)
    ]


def _headcounts(exclusions: list[tuple[RoleRequirement, frozenset[int]]], memberships: list[_Held]) -> dict[int, int]:
    """People per required role. A person who holds two required roles that may not be combined counts only for
    the first of them (in the role catalogue's order)."""
    roles_of: dict[int, set[int]] = defaultdict(set)
    for membership in memberships:
        roles_of[membership.user_id].add(membership.role_id)
    return {
        requirement.role_id: sum(1 for held in roles_of.values() if requirement.role_id in held and not held & earlier)
        for requirement, earlier in exclusions
    }


def _wanted_by_scopes(requirements: list[RoleRequirement]):
    """The level's role requirements for a set of scopes, in the role catalogue's order, with their exclusions;
    worked out once per set of scopes."""
    cache: dict[frozenset[str], tuple[list[RoleRequirement], list]] = {}

    def wanted(role_scopes: frozenset[str]) -> tuple[list[RoleRequirement], list]:
        if role_scopes not in cache:
            chosen = [requirement for requirement in requirements if requirement.scope in role_scopes]
            cache[role_scopes] = (chosen, _exclusions(chosen))
        return cache[role_scopes]

    return wanted


def roles_staffed(units: Sequence[Unit], level_number: int, today: datetime.date) -> dict[int, Evidence]:
    """Each role the level asks of the scopes that reach the unit, held by at least its minimum head-count: the
    central roles for the communication unit; the posting departments' roles for a department enrolled to post, and
    the network departments' for one running a patient network. Two queries (and the scopes, once per run)."""
    requirements = _role_requirements(level_number)
    role_names = {requirement.role_id: requirement.role.name for requirement in requirements}
    wanted_by = _wanted_by_scopes(requirements)
    memberships = _memberships(units)
    scopes = UnitScopes(units)
    roles_fix, detail, summary_text = (
        _RolesFix(),
        _("%(role)s: %(count)s of %(minimum)s"),
        _("%(full)s of %(total)s required roles staffed to their minimum head-count"),
    )
    answers = {}
    for unit in units:
        role_scopes = _role_scopes_of(unit, scopes)
        wanted, exclusions = wanted_by(role_scopes)
        if not wanted:
            if not unit.is_communication_unit:
                answers[unit.pk] = _no_roles_asked()
            continue
        held = [membership for membership in memberships.get(unit.pk, []) if membership.role_id in role_names]
        counts = _headcounts(exclusions, held)
        details = tuple(
            detail % {"role": role_names[req.role_id], "count": counts[req.role_id], "minimum": req.min_headcount}
            for req in wanted
        )
        full = sum(1 for req in wanted if counts[req.role_id] >= req.min_headcount)
        some = sum(min(counts[req.role_id], req.min_headcount) for req in wanted)
        status = _status_of(full, len(wanted))
        if status == EvidenceStatus.NOT_MET and some:
            status = EvidenceStatus.PARTLY_MET
        summary = summary_text % {"full": full, "total": len(wanted)}
        fix_url, fix_by = roles_fix(unit) if status != EvidenceStatus.MET else ("", "")
        answers[unit.pk] = Evidence(status, summary, fix_url, fix_by, details)
    return answers


def role_backups(units: Sequence[Unit], level_number: int, today: datetime.date) -> dict[int, Evidence]:
    """Every holder of a role that needs a back-up has one (``Membership.backup_for``). Two queries."""
    requirements = [requirement for requirement in _role_requirements(level_number) if requirement.needs_backup]
    role_names = {requirement.role_id: requirement.role.name for requirement in requirements}
    memberships = _memberships(units)
    scopes = UnitScopes(units)
    roles_fix, detail, summary_text = (
        _RolesFix(),
        _("%(role)s: %(backed)s of %(holders)s holders have a back-up"),
        _("%(covered)s of %(total)s roles that need a back-up have one"),
    )
    answers = {}
    for unit in units:
        role_scopes = _role_scopes_of(unit, scopes)
        wanted = [requirement for requirement in requirements if requirement.scope in role_scopes]
        if not wanted:
            if not unit.is_communication_unit:
                answers[unit.pk] = Evidence(
                    EvidenceStatus.NOT_APPLICABLE,
                    _("No role this department must staff needs a back-up at this level."),
                )
            continue
        members = memberships.get(unit.pk, [])
        backed_up = {membership.backup_for_id for membership in members if membership.backup_for_id}
        details, covered = [], 0
        for requirement in wanted:
            holders = [membership for membership in members if membership.role_id == requirement.role_id]
            with_backup = [membership for membership in holders if membership.pk in backed_up]
            if holders and len(with_backup) == len(holders):
                covered += 1
            details.append(
                detail % {"role": role_names[requirement.role_id], "backed": len(with_backup), "holders": len(holders)}
            )
        status = _status_of(covered, len(wanted))
        summary = summary_text % {"covered": covered, "total": len(wanted)}
        fix_url, fix_by = roles_fix(unit) if status != EvidenceStatus.MET else ("", "")
        answers[unit.pk] = Evidence(status, summary, fix_url, fix_by, tuple(details))
    return answers


def _hospitals(units: Sequence[Unit]) -> list[Hospital]:
    hospital_ids = frozenset(unit.hospital_id for unit in units)
    return run_memo(("maturity.hospitals", hospital_ids), lambda: list(Hospital.objects.filter(pk__in=hospital_ids)))


def _department_versions(units: Sequence[Unit]) -> dict[tuple[int, str], GuidelineVersion]:
    def load() -> dict[tuple[int, str], GuidelineVersion]:
        versions = GuidelineVersion.objects.filter(
            document__unit__in=[unit.pk for unit in units],
            document__kind__in=DEPARTMENT_OWN_KINDS,
            status=GuidelineVersion.Status.APPROVED,
        ).select_related("document")
        return {(version.document.unit_id, version.document.kind): version for version in versions.defer("body")}

    return run_memo(("maturity.department_versions", units_key(units)), load)


def guidelines_current(units: Sequence[Unit], level_number: int, today: datetime.date) -> dict[int, Evidence]:
    """The guideline documents the level requires, approved and within their review interval: the hospital's
    documents for the communication unit (the hospital's part), and a department's own documents (the department
    network guidelines) for a department running a patient network. Three queries, and one per hospital."""
    kinds = list(RequiredGuideline.objects.filter(level__number=level_number).values_list("kind", flat=True))
    if not kinds:
        return {}
    at = timezone.make_aware(datetime.datetime.combine(today, datetime.time.max))
    hospitals = _hospitals(units)
    by_hospital = run_memo(
        ("maturity.guideline_standing", frozenset(hospital.pk for hospital in hospitals), at),
        lambda: {hospital.pk: guideline_standing(hospital=hospital, at=at) for hospital in hospitals},
    )
    own_versions = _department_versions(units)
    scopes = UnitScopes(units)
    hospital_kinds = [kind for kind in kinds if kind not in DEPARTMENT_OWN_KINDS]
    own_kinds = [kind for kind in kinds if kind in DEPARTMENT_OWN_KINDS]
    labels = dict(GuidelineKind.choices)
    none_of_its_own = Evidence(
        EvidenceStatus.NOT_APPLICABLE,
        _(
            "No guideline of its own is asked of this department at this level: the hospital's guidelines are "
            "the hospital's part."
        ),
    )
    notes = {
        "current": _("approved and current"),
        "own_missing": _("missing or overdue for review"),
        "none": _("no approved version"),
        "overdue": _("overdue for review"),
    }
    summary_text = _("%(current)s of %(total)s required guidelines approved and current")
    fix_url, lead, manager = (
        reverse("guidelines:library"),
        _("The communication unit lead"),
        _("The department's manager"),
    )
    answers = {}
    for unit in units:
        standing = by_hospital[unit.hospital_id]
        if unit.is_communication_unit:
            asked, fix_by = hospital_kinds, lead
        elif own_kinds and scopes.applies(Requirement.Scope.NETWORK_DEPARTMENTS, unit):
            asked, fix_by = own_kinds, manager
        else:
            answers[unit.pk] = none_of_its_own
            continue
        if not asked:
            continue
        current, details = 0, []
        for kind in asked:
            own = own_versions.get((unit.pk, kind))
            if kind in DEPARTMENT_OWN_KINDS:
                is_current = own is not None and own.document.review_due(own.approved_at) > at
                note = notes["current"] if is_current else notes["own_missing"]
            elif kind not in standing:
                is_current, note = False, notes["none"]
            else:
                is_current = standing[kind].is_current
                note = notes["current"] if is_current else notes["overdue"]
            current += is_current
            details.append(f"{labels.get(kind, kind)}: {note}")
        status = _status_of(current, len(asked))
        summary = summary_text % {"current": current, "total": len(asked)}
        fixing = status != EvidenceStatus.MET
        answers[unit.pk] = Evidence(
            status, summary, fix_url if fixing else "", fix_by if fixing else "", tuple(details)
        )
    return answers


def follow_group(units: Sequence[Unit], level_number: int, today: datetime.date) -> dict[int, Evidence]:
    """The hospital's social media follow group (where the level asks for it): set up, with members from several
    units, meeting within the last 12 months. One query, and three per hospital."""
    if not source_asked_at(sources.FOLLOW_GROUP, level_number):
        return {}
    hospitals = _hospitals(units)
    by_hospital = run_memo(
        ("maturity.follow_group", frozenset(hospital.pk for hospital in hospitals), today),
        lambda: {hospital.pk: follow_group_evidence(hospital=hospital, today=today) for hospital in hospitals},
    )
    no_group = _("The hospital has no social media follow group")
    summary_text = _("%(members)s members from %(units)s units; %(meetings)s meetings in the last 12 months")
    fix_url, fix_by = reverse("follow_group:detail"), _("The communication unit lead")
    answers = {}
    for unit in units:
        group = by_hospital[unit.hospital_id]
        if not group.exists:
            status, summary = EvidenceStatus.NOT_MET, no_group
        else:
            done = int(group.has_members_from_several_units) + int(group.meetings_last_12_months > 0)
            status = _status_of(done, 2)
            summary = summary_text % {
                "members": group.member_count,
                "units": group.unit_count,
                "meetings": group.meetings_last_12_months,
            }
        fixing = status != EvidenceStatus.MET
        answers[unit.pk] = Evidence(status, summary, fix_url if fixing else "", fix_by if fixing else "")
    return answers


def register_governance_checks() -> None:
    register_evidence(
        code=sources.ROLES_STAFFED,
        dimension="resources",
        label=gettext_lazy("Roles staffed to the minimum head-count"),
        provider=roles_staffed,
    )
    register_evidence(
        code=sources.ROLE_BACKUPS,
        dimension="resources",
        label=gettext_lazy("Back-ups for the roles that need one"),
        provider=role_backups,
    )
    register_evidence(
        code=sources.GUIDELINES_CURRENT,
        dimension="response",
        label=gettext_lazy("Required guidelines approved and current"),
        provider=guidelines_current,
    )
    register_evidence(
        code=sources.FOLLOW_GROUP,
        dimension="resources",
        label=gettext_lazy("Social media follow group"),
        provider=follow_group,
    )
