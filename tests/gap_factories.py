"""Helpers for the gap report tests: units with a level, people with roles, fake evidence providers."""

import contextlib
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from channels_plan.services import plan_create, plan_decide, plan_submit, posting_enrolment_grant
from governance.follow_group.services import follow_group_meeting_record, follow_group_member_add, follow_group_save
from governance.guidelines.services import guideline_document_create, guideline_version_approve
from governance.models import Hospital, Membership, Role, Unit, User
from governance.people.services import unit_membership_backup_set, unit_membership_end
from governance.services import membership_ensure
from involvement.networks.services import network_plan_terms_save
from maturity import evidence
from maturity.gaps.governance_checks import DEPARTMENT_OWN_KINDS
from maturity.gaps.requirement_sources import (
    FOLLOW_GROUP,
    GUIDELINES_CURRENT,
    ROLE_BACKUPS,
    ROLES_STAFFED,
    evidence_source_for,
)
from maturity.gaps.services import self_assessment_answer, self_assessment_review
from maturity.models import SELF_ASSESSED, Level, RequiredGuideline, Requirement, RoleRequirement
from maturity.scale.loader import scale_data
from maturity.services import unit_maturity_set
from tests.factories import HospitalFactory, UnitFactory, UserFactory

DEPARTMENT_NETWORK_KIND = "department_network_guidelines"


def unit_at(*, hospital, name: str, current: int, target: int, kind=Unit.Kind.DEPARTMENT) -> Unit:
    unit = UnitFactory(hospital=hospital, name=name, kind=kind)
    unit_maturity_set(
        unit=unit,
        current_level=Level.objects.get(number=current),
        target_level=Level.objects.get(number=target),
        acting_user=None,
    )
    return Unit.objects.select_related("maturity__current_level", "maturity__target_level").get(pk=unit.pk)


def staff(unit: Unit, role_code: str, username: str, backup_for=None):
    return membership_ensure(
        user=UserFactory(username=username), unit=unit, role=Role.objects.get(code=role_code), backup_for=backup_for
    )


@contextlib.contextmanager
def registered_provider(*, code: str, dimension: str, provider):
    """Register a provider (or stand in for a registered one) for the duration of a test, then restore the
    registry as it was."""
    before = evidence._sources.get(code)
    evidence.register_evidence(code=code, dimension=dimension, label=code, provider=provider)
    try:
        yield
    finally:
        if before is None:
            evidence._sources.pop(code, None)
        else:
            evidence._sources[code] = before


@contextlib.contextmanager
def data_sources_met(codes):
    """Every evidence source in ``codes`` answers "met" for every unit at every level."""
    with contextlib.ExitStack() as stack:
        for code in codes:
            stack.enter_context(registered_provider(code=code, dimension="effect", provider=met_everywhere))
        yield


def met_everywhere(units, level_number, today):
    return {unit.pk: evidence.Evidence(evidence.EvidenceStatus.MET, "fine") for unit in units}


# --- A hospital built to meet exactly one level of the scale (the engine's property tests) ----------------------

# The evidence sources the apps above maturity provide; the property tests stand in for them with fake providers
# (maturity's own checks of governance and the self-assessments stay real).
PROVIDED_SOURCES = (
    "channel_plans",
    "calendar_in_use",
    "proposal_share",
    "monitoring_duties",
    "answer_deadlines",
    "metrics_collected",
    "training_coverage",
)
HOSPITAL_KINDS_DROPPED = "crisis_plan"  # required at every level: the hospital's guideline evidence to leave out


@dataclass(frozen=True)
class LineKey:
    """A requirement line by its place in scale.json: (level, dimension code, order from 1)."""

    level: int
    dimension: str
    order: int
    scope: str
    source: str

    def __str__(self) -> str:
        return f"L{self.level}-{self.dimension}-{self.order}-{self.scope}-{self.source}"

    def requirement(self) -> Requirement:
        return Requirement.objects.get(
            cell__level__number=self.level, cell__dimension__code=self.dimension, order=self.order
        )


def lines_in_force(number: int) -> list[LineKey]:
    """The lines in force at level ``number``, from scale.json (no database: usable to parametrise tests)."""
    levels = {level["number"]: level for level in scale_data()["levels"]}
    keys = []
    for code in levels[number]["dimensions"]:
        below, inherits = number, True
        while inherits and below >= 1 and code in levels[below]["dimensions"]:
            own = levels[below]["dimensions"][code]
            for order, line in enumerate(own["requirements"], start=1):
                if below == number or line.get("last_level") is None or line["last_level"] >= number:
                    source = evidence_source_for(below, code, order - 1)
                    keys.append(LineKey(below, code, order, line["scope"], source))
            inherits = own["inherits"]
            below -= 1
    return sorted(keys, key=lambda key: (key.level, key.dimension, key.order))


@dataclass
class BuiltHospital:
    """A hospital with its communication unit and one department, both at ``level``."""

    level: int
    hospital: Hospital
    communication: Unit
    department: Unit
    lead: User
    manager: User
    admin: User
    failing: set[tuple[str, int]] = field(default_factory=set)  # (fake source, unit id) answering "not met"

    def units(self) -> list[Unit]:
        return list(
            Unit.objects.select_related("hospital", "maturity__current_level", "maturity__target_level").filter(
                pk__in=[self.communication.pk, self.department.pk]
            )
        )

    def subject(self, scope: str) -> Unit:
        return self.communication if scope == Requirement.Scope.HOSPITAL else self.department


def fake_provided_sources(built: BuiltHospital) -> contextlib.ExitStack:
    """Stand-ins for the providers of the apps above maturity: every unit "met", except the (source, unit) pairs in
    ``built.failing``."""

    def provider_for(code: str):
        def provider(units, level_number, today):
            return {
                unit.pk: evidence.Evidence(evidence.EvidenceStatus.NOT_MET, "removed")
                if (code, unit.pk) in built.failing
                else evidence.Evidence(evidence.EvidenceStatus.MET, "fine")
                for unit in units
            }

        return provider

    stack = contextlib.ExitStack()
    for code in PROVIDED_SOURCES:
        stack.enter_context(registered_provider(code=code, dimension="effect", provider=provider_for(code)))
    return stack


def _role_rules(level: int) -> dict[str, dict[str, tuple[int, bool]]]:
    """Per role-requirement scope, per role code: (the highest minimum, needs a back-up) over the levels up to
    ``level``."""
    rules: dict[str, dict[str, tuple[int, bool]]] = defaultdict(dict)
    rows = RoleRequirement.objects.filter(level__number__lte=level).values_list(
        "scope", "role__code", "min_headcount", "needs_backup"
    )
    for scope, role, minimum, backup in rows:
        before, backed = rules[scope].get(role, (0, False))
        rules[scope][role] = (max(before, minimum), backed or backup)
    return rules


def _staff_scope(built: BuiltHospital, unit: Unit, rules: dict[str, tuple[int, bool]], prefix: str) -> None:
    """Distinct people for each required role (the scale forbids some combinations); where a back-up is needed, at
    least two holders, each the back-up of the next."""
    for role_code, (minimum, backup) in rules.items():
        count = max(minimum, 2 if backup else minimum)
        held = [
            staff(unit, role_code, f"{prefix}-{unit.pk}-{role_code}-{number}")
            for number in range(count)
            if not (role_code == "strategist" and unit == built.communication and number == 0)
        ]
        if role_code == "strategist" and unit == built.communication:
            held.insert(0, Membership.objects.get(user=built.lead, unit=unit, role__code="strategist"))
        if backup:
            for index, membership in enumerate(held):
                unit_membership_backup_set(
                    membership=membership, backup_for=held[(index + 1) % len(held)], acting_user=built.admin
                )


def _answer(built: BuiltHospital, unit: Unit, requirement: Requirement) -> None:
    answering = built.lead if unit.is_communication_unit else built.manager
    assessment = self_assessment_answer(
        unit=unit, requirement=requirement, answer="met", evidence="Vi gør det.", acting_user=answering
    )
    self_assessment_review(assessment=assessment, accept=True, comment="", acting_user=built.lead)


def _approved_guideline(built: BuiltHospital, kind: str, unit: Unit | None, approve: bool):
    document = guideline_document_create(
        hospital=built.hospital,
        unit=unit,
        kind=kind,
        title=f"{kind} {built.hospital.pk}",
        review_interval_months=12,
        body="Sådan gør vi.",
        acting_user=built.lead,
    )
    if approve:
        guideline_version_approve(version=document.versions.get(), revision=1, acting_user=built.lead)
    return document


def _patient_network(built: BuiltHospital, guideline) -> None:
    """A closed-group plan with network terms, approved: the department runs a patient network; its two
    facilitators get the network facilitator role."""
    department = built.department
    flow = Membership.objects.filter(unit=department, role__code="flowmanager").first().user
    producer = Membership.objects.filter(unit=department, role__code="producer").first().user
    facilitators = [
        staff(department, "network_facilitator", f"facilitator-{department.pk}-{number}").user for number in range(2)
    ]
    plan = plan_create(
        unit=department,
        acting_user=flow,
        data={
            "title": "Pårørendenetværk",
            "platform": "facebook_group",
            "goals": "Pårørende hjælper hinanden.",
            "success_evaluation": "Medlemmernes vurdering efter et år.",
            "primary_target_group": "Pårørende",
            "content": "Spørgsmål og svar.",
            "owner": flow,
            "backup": producer,
            "hours_per_week": 3,
            "sender_name": "Pårørendenetværket",
            "handle": f"@netvaerk.{department.pk}",
            "evaluation_date": timezone.localdate() + datetime.timedelta(days=365),
        },
    )
    network_plan_terms_save(
        plan=plan,
        treatment_offer="Forløbet efter udskrivelse.",
        membership_rules="Pårørende til patienter i forløbet.",
        facilitators=facilitators,
        guidelines=[guideline],
        acting_user=flow,
    )
    plan_submit(plan=plan, acting_user=flow)
    plan_decide(plan=plan, decision="approve", comment="", acting_user=built.lead)


def _end_role(built: BuiltHospital, unit: Unit, role_code: str) -> None:
    for membership in Membership.objects.filter(unit=unit, role__code=role_code).select_related("unit"):
        unit_membership_end(membership=membership, acting_user=built.admin)


def _dropped_role(level: int, scope: str) -> tuple[str, str]:
    """The role-requirement scope and the role whose holders leave to take a roles line's evidence away: the last
    role (in the catalogue's order) the level requires in that scope."""
    role_scope = {
        Requirement.Scope.HOSPITAL: RoleRequirement.Scope.CENTRAL,
        Requirement.Scope.POSTING_DEPARTMENTS: RoleRequirement.Scope.POSTING_DEPARTMENTS,
        Requirement.Scope.NETWORK_DEPARTMENTS: RoleRequirement.Scope.NETWORK_DEPARTMENTS,
    }[scope]
    rules = RoleRequirement.objects.filter(level__number=level, scope=role_scope).order_by("-role__order")
    return role_scope, rules.values_list("role__code", flat=True).first()


def hospital_at_level(level: int, *, without: Requirement | None = None) -> BuiltHospital:
    """A new hospital whose communication unit and department (target and current level ``level``) meet every line
    in force up to ``level`` and nothing above it, through the services: roles staffed with back-ups, the hospital's
    guidelines approved and current, the follow group meeting (level 4 and up), self-assessments answered and
    accepted; the department enrolled to post from level 3 and running a patient network at level 5. The
    provider-backed lines are met by the stand-ins of ``fake_provided_sources``.

    ``without``: one line whose evidence is taken away (its self-assessment not answered, the last required role
    of its scope left, back-ups stopped, a required guideline not approved, no follow group, or its fake source
    answering "not met" for the unit that answers the line)."""
    hospital = HospitalFactory(name=f"Niveau {level} hospital {UserFactory().pk}")
    admin = UserFactory(username=f"admin-{hospital.pk}", is_superuser=True, is_staff=True)
    communication = unit_at(
        hospital=hospital, name="Kommunikation", current=level, target=level, kind=Unit.Kind.COMMUNICATION
    )
    department = unit_at(hospital=hospital, name="Afdeling", current=level, target=level)
    lead = staff(communication, "strategist", f"lead-{hospital.pk}").user
    manager = staff(department, "manager", f"manager-{hospital.pk}").user
    built = BuiltHospital(level, hospital, communication, department, lead, manager, admin)
    source = without.evidence_source if without is not None else None
    subject = built.subject(without.scope) if without is not None else None

    rules = _role_rules(level)
    _staff_scope(built, communication, rules[RoleRequirement.Scope.CENTRAL], "central")
    if level >= 3:
        posting_enrolment_grant(unit=department, acting_user=lead)
        _staff_scope(built, department, rules[RoleRequirement.Scope.POSTING_DEPARTMENTS], "posting")

    kinds = set(RequiredGuideline.objects.filter(level__number__lte=level).values_list("kind", flat=True))
    own_guideline = None
    for kind in sorted(kinds):
        own = kind in DEPARTMENT_OWN_KINDS
        left_out = source == GUIDELINES_CURRENT and kind == (
            DEPARTMENT_NETWORK_KIND if subject == department else HOSPITAL_KINDS_DROPPED
        )
        document = _approved_guideline(built, kind, department if own else None, approve=not left_out)
        if own:
            own_guideline = document
    if level >= 5:
        _patient_network(built, own_guideline)

    if level >= 4 and source != FOLLOW_GROUP:
        data = {"name": "Følgegruppe", "purpose": "Idéer."}
        group = follow_group_save(hospital=hospital, data=data, acting_user=lead)
        today = timezone.localdate()
        for unit, person in ((communication, lead), (department, manager)):
            follow_group_member_add(
                group=group, user=person, unit=unit, joined_on=today - datetime.timedelta(days=60), acting_user=lead
            )
        follow_group_meeting_record(
            group=group, held_on=today - datetime.timedelta(days=10), minutes="Møde.", ideas=[], acting_user=lead
        )

    in_force = {key.requirement().pk for number in range(1, level + 1) for key in lines_in_force(number)}
    for requirement in Requirement.objects.filter(pk__in=in_force, evidence_source=SELF_ASSESSED):
        if without is not None and requirement.pk == without.pk:
            continue
        _answer(built, built.subject(requirement.scope), requirement)

    if source == ROLES_STAFFED:
        _role_scope, role = _dropped_role(level, without.scope)
        _end_role(built, subject, role)
    elif source == ROLE_BACKUPS:
        for membership in Membership.objects.filter(unit=subject, backup_for__isnull=False).select_related("unit"):
            unit_membership_backup_set(membership=membership, backup_for=None, acting_user=admin)
    elif source in PROVIDED_SOURCES:
        built.failing.add((source, subject.pk))
    return built
