"""Who must take which course: the training needs of people and units, read in a fixed number of queries.

The rules live in ONE place, ``AUDIENCE_RULES`` below. A course is **required** of a person when

1. the level of one of their units requires it (the course's ``levels``): the unit's *current* level makes it
   "required now", the unit's *target* level "required for the target level" (now wins when both hold); and
2. the person is in the course's audience through one of their memberships of that unit (the audience rule for the
   membership's role and the unit's kind), or holds one of the course's ``roles`` in that unit.

| audience                       | who must take it                                                          |
|--------------------------------|---------------------------------------------------------------------------|
| all_staff                      | every member of any unit of the hospital                                  |
| managers                       | role ``manager``                                                          |
| interested_staff               | nobody: shown as "recommended if interested"                              |
| department_flowmanagers        | ``flowmanager`` in a department                                           |
| department_producers           | ``producer`` in a department                                              |
| flowmanagers_and_key_persons   | ``flowmanager``, ``community_manager``, ``involvement_specialist`` in a department |
| network_moderators             | ``flowmanager``, ``network_facilitator``, ``network_specialist`` (any unit) |

Only offered courses (``is_active``) are required. A unit without an assessed maturity requires nothing.

A person **has** a course when a completion is current (``expires_on`` empty or on/after today); it **expires soon**
when that completion expires within ``EXPIRY_WARNING_DAYS``; it is **expired** when every completion has expired;
**missing** when there is none.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.models import Membership, Unit, User
from maturity.evidence import evidence_run, run_memo, units_key
from training.models import Completion, Course

EXPIRY_WARNING_DAYS = 60


@dataclass(frozen=True)
class AudienceRule:
    """``role_codes`` None = any role; ``departments_only`` = the membership must be of a department."""

    required: bool
    role_codes: frozenset[str] | None = None
    departments_only: bool = False

    def covers(self, *, role_code: str, unit_kind: str) -> bool:
        if not self.required:
            return False
        if self.departments_only and unit_kind != Unit.Kind.DEPARTMENT:
            return False
        return self.role_codes is None or role_code in self.role_codes


AUDIENCE_RULES: dict[str, AudienceRule] = {
    Course.Audience.ALL_STAFF: AudienceRule(required=True),
    Course.Audience.MANAGERS: AudienceRule(required=True, role_codes=frozenset({"manager"})),
    Course.Audience.INTERESTED_STAFF: AudienceRule(required=False),
    Course.Audience.DEPARTMENT_FLOWMANAGERS: AudienceRule(
        required=True, role_codes=frozenset({"flowmanager"}), departments_only=True
    ),
    Course.Audience.DEPARTMENT_PRODUCERS: AudienceRule(
        required=True, role_codes=frozenset({"producer"}), departments_only=True
    ),
    Course.Audience.FLOWMANAGERS_AND_KEY_PERSONS: AudienceRule(
        required=True,
        role_codes=frozenset({"flowmanager", "community_manager", "involvement_specialist"}),
        departments_only=True,
    ),
    Course.Audience.NETWORK_MODERATORS: AudienceRule(
        required=True, role_codes=frozenset({"flowmanager", "network_facilitator", "network_specialist"})
    ),
}


class Requirement(models.TextChoices):
    NOW = "now", _("Required now")
    TARGET = "target", _("Required for the target level")
    RECOMMENDED = "recommended", _("Recommended if interested")


class TrainingStatus(models.TextChoices):
    TRAINED = "trained", _("Trained")
    EXPIRES_SOON = "expires_soon", _("Expires soon")
    EXPIRED = "expired", _("Expired")
    MISSING = "missing", _("Missing")


TRAINED_STATUSES = frozenset({TrainingStatus.TRAINED, TrainingStatus.EXPIRES_SOON})


@dataclass(frozen=True)
class CourseRule:
    """A course with what the rules need of it: the level numbers that require it and its extra roles."""

    course: Course
    level_numbers: frozenset[int]
    role_ids: frozenset[int]

    def required_of(self, membership: Membership) -> bool:
        return self.required_of_role(
            role_id=membership.role_id, role_code=membership.role.code, unit_kind=membership.unit.kind
        )

    def required_of_role(self, *, role_id: int, role_code: str, unit_kind: str) -> bool:
        if role_id in self.role_ids:
            return True
        return AUDIENCE_RULES[self.course.audience].covers(role_code=role_code, unit_kind=unit_kind)

    @property
    def is_optional(self) -> bool:
        return not AUDIENCE_RULES[self.course.audience].required and not self.role_ids


@dataclass(frozen=True)
class CourseNeed:
    course: Course
    requirement: Requirement
    status: TrainingStatus
    completion: Completion | None  # the best completion: current if any, else the last to expire

    @property
    def is_trained(self) -> bool:
        return self.status in TRAINED_STATUSES


def course_rules() -> list[CourseRule]:
    """The offered courses with their levels and roles: three queries."""
    courses = Course.objects.filter(is_active=True).prefetch_related(
        models.Prefetch("levels", to_attr="level_list"), models.Prefetch("roles", to_attr="role_list")
    )
    return [
        CourseRule(
            course=course,
            level_numbers=frozenset(level.number for level in course.level_list),
            role_ids=frozenset(role.pk for role in course.role_list),
        )
        for course in courses
    ]


def memberships_of_units(unit_ids: Iterable[int]) -> list[Membership]:
    """Active people's memberships of the units, with what the rules read: one query."""
    return list(
        Membership.objects.filter(unit_id__in=list(unit_ids), user__is_active=True)
        .select_related("user", "role", "unit__maturity__current_level", "unit__maturity__target_level")
        .order_by("user__last_name", "user__first_name", "user__username", "pk")
    )


def best_completions(*, user_ids: Iterable[int], course_ids: Iterable[int]) -> dict[tuple[int, int], Completion]:
    """Per (user, course) the completion that counts: one that never expires, else the one expiring last."""
    best: dict[tuple[int, int], Completion] = {}
    completions = Completion.objects.filter(user_id__in=list(user_ids), course_id__in=list(course_ids))
    for completion in completions.order_by("completed_on", "pk"):
        key = (completion.user_id, completion.course_id)
        if _outlasts(completion, best.get(key)):
            best[key] = completion
    return best


def _outlasts(completion: Completion, other: Completion | None) -> bool:
    if other is None or completion.expires_on is None:
        return True
    return other.expires_on is not None and completion.expires_on >= other.expires_on


def training_status(completion: Completion | None, today: datetime.date) -> TrainingStatus:
    if completion is None:
        return TrainingStatus.MISSING
    if completion.expires_on is None:
        return TrainingStatus.TRAINED
    if completion.expires_on < today:
        return TrainingStatus.EXPIRED
    if completion.expires_on <= today + datetime.timedelta(days=EXPIRY_WARNING_DAYS):
        return TrainingStatus.EXPIRES_SOON
    return TrainingStatus.TRAINED


def unit_levels(unit: Unit) -> tuple[int | None, int | None]:
    """The unit's current and target level numbers, None when it has not been assessed."""
    try:
        maturity = unit.maturity
    except Unit.maturity.RelatedObjectDoesNotExist:
        return None, None
    return maturity.current_level.number, maturity.target_level.number


def membership_requirement(rule: CourseRule, membership: Membership) -> Requirement | None:
    """Whether the membership makes the course required now, for the target level, recommended, or not at all."""
    current, target = unit_levels(membership.unit)
    if rule.is_optional:
        return Requirement.RECOMMENDED if rule.level_numbers & {current, target} else None
    if not rule.required_of(membership):
        return None
    if current in rule.level_numbers:
        return Requirement.NOW
    if target in rule.level_numbers:
        return Requirement.TARGET
    return None


_RANK = {Requirement.NOW: 0, Requirement.TARGET: 1, Requirement.RECOMMENDED: 2}


def stronger(first: Requirement | None, second: Requirement | None) -> Requirement | None:
    candidates = [requirement for requirement in (first, second) if requirement is not None]
    return min(candidates, key=_RANK.__getitem__) if candidates else None


@dataclass(frozen=True)
class PersonTraining:
    user: User
    needs: list[CourseNeed]

    def _with(self, requirement: Requirement) -> list[CourseNeed]:
        return [need for need in self.needs if need.requirement == requirement]

    @property
    def required_now(self) -> list[CourseNeed]:
        return self._with(Requirement.NOW)

    @property
    def required_for_target(self) -> list[CourseNeed]:
        return self._with(Requirement.TARGET)

    @property
    def recommended(self) -> list[CourseNeed]:
        return self._with(Requirement.RECOMMENDED)

    @property
    def expiring_soon(self) -> list[CourseNeed]:
        return [need for need in self.needs if need.status == TrainingStatus.EXPIRES_SOON]


def person_training(*, user: User, today: datetime.date) -> PersonTraining:
    """What one person must take, has, and should renew: five queries."""
    rules = course_rules()
    memberships = list(
        Membership.objects.filter(user=user).select_related(
            "role", "unit__maturity__current_level", "unit__maturity__target_level"
        )
    )
    requirements: dict[int, Requirement] = {}
    for rule in rules:
        for membership in memberships:
            requirement = stronger(requirements.get(rule.course.pk), membership_requirement(rule, membership))
            if requirement is not None:
                requirements[rule.course.pk] = requirement
    completions = best_completions(user_ids=[user.pk], course_ids=requirements)
    needs = [
        CourseNeed(
            course=rule.course,
            requirement=requirements[rule.course.pk],
            status=training_status(completions.get((user.pk, rule.course.pk)), today),
            completion=completions.get((user.pk, rule.course.pk)),
        )
        for rule in rules
        if rule.course.pk in requirements
    ]
    return PersonTraining(user=user, needs=needs)


@dataclass
class CourseCoverage:
    """One course in one unit: whether the unit's level requires it now or for the target, and who is trained."""

    course: Course
    requirement: Requirement
    required_user_ids: set[int] = field(default_factory=set)
    trained_user_ids: set[int] = field(default_factory=set)

    @property
    def required_count(self) -> int:
        return len(self.required_user_ids)

    @property
    def trained_count(self) -> int:
        return len(self.trained_user_ids)

    @property
    def share_trained(self) -> int:
        """Percent of the required people who are trained (100 when nobody is required)."""
        return round(100 * self.trained_count / self.required_count) if self.required_count else 100


@dataclass(frozen=True)
class GapCell:
    requirement: Requirement | None  # None: not required of this person
    status: TrainingStatus | None
    completion: Completion | None


@dataclass(frozen=True)
class GapRow:
    user: User
    roles: list[str]
    cells: list[GapCell]


@dataclass(frozen=True)
class UnitTrainingGap:
    unit: Unit
    coverage: list[CourseCoverage]  # the columns: courses required now or for the target level
    rows: list[GapRow]  # one per member


def units_coverage(
    *, units: Sequence[Unit], today: datetime.date, level_number: int | None = None
) -> dict[int, list[CourseCoverage]]:
    """Per unit the courses its level requires of someone, with who must take them and who is trained.

    With ``level_number`` the units are judged at that level (the gap engine's question, ``units_coverage_at``);
    otherwise at their own current and target level. Five queries whatever the number of units.
    """
    if level_number is not None:
        return units_coverage_at(units=units, today=today, level_number=level_number)
    rules = course_rules()
    memberships = memberships_of_units(unit.pk for unit in units)
    completions = best_completions(
        user_ids={membership.user_id for membership in memberships}, course_ids=[rule.course.pk for rule in rules]
    )
    coverage: dict[int, dict[int, CourseCoverage]] = defaultdict(dict)
    for membership in memberships:
        for rule in rules:
            requirement = _requirement_of(rule, membership)
            if requirement is None:
                continue
            entry = coverage[membership.unit_id].setdefault(
                rule.course.pk, CourseCoverage(course=rule.course, requirement=requirement)
            )
            entry.required_user_ids.add(membership.user_id)
            completion = completions.get((membership.user_id, rule.course.pk))
            if training_status(completion, today) in TRAINED_STATUSES:
                entry.trained_user_ids.add(membership.user_id)
    return _in_course_order(coverage, rules)


def _in_course_order(coverage: dict[int, dict[int, CourseCoverage]], rules: list[CourseRule]):
    order = {rule.course.pk: position for position, rule in enumerate(rules)}
    return {
        unit_id: sorted(by_course.values(), key=lambda entry: order[entry.course.pk])
        for unit_id, by_course in coverage.items()
    }


def _requirement_of(rule: CourseRule, membership: Membership) -> Requirement | None:
    """Required now or for the target level by the unit's own levels (recommended does not count)."""
    requirement = membership_requirement(rule, membership)
    return None if requirement == Requirement.RECOMMENDED else requirement


@dataclass(frozen=True)
class MemberRole:
    """An active person's role in a unit, as the rules read it: the gap engine's light load of memberships."""

    unit_id: int
    user_id: int
    role_id: int
    role_code: str
    unit_kind: str


def member_roles_of_units(unit_ids: Iterable[int]) -> list[MemberRole]:
    """Active people's memberships of the units, without model instances: one query."""
    rows = Membership.objects.filter(unit_id__in=list(unit_ids), user__is_active=True).values_list(
        "unit_id", "user_id", "role_id", "role__code", "unit__kind"
    )
    return [MemberRole(*row) for row in rows]


def trained_pairs(*, user_ids: Iterable[int], course_ids: Iterable[int], today: datetime.date) -> set[tuple[int, int]]:
    """The (user, course) pairs with a current completion on ``today`` (never expiring or expiring on/after today:
    ``training_status`` says trained or expires soon): one query, no model instances."""
    current = models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=today)
    rows = Completion.objects.filter(current, user_id__in=list(user_ids), course_id__in=list(course_ids))
    return set(rows.values_list("user_id", "course_id"))


def units_coverage_at(
    *, units: Sequence[Unit], today: datetime.date, level_number: int
) -> dict[int, list[CourseCoverage]]:
    """``units_coverage`` with the units judged at ``level_number``: every course the level requires is required
    now of its audience. Five queries; within an ``evidence_run`` the levels share them."""
    unit_ids = units_key(units)
    rules = run_memo("training.course_rules", course_rules)
    members = run_memo(("training.member_roles", unit_ids), lambda: member_roles_of_units(unit_ids))
    trained = run_memo(
        ("training.trained_pairs", unit_ids, today),
        lambda: trained_pairs(
            user_ids={member.user_id for member in members}, course_ids=[rule.course.pk for rule in rules], today=today
        ),
    )
    coverage: dict[int, dict[int, CourseCoverage]] = defaultdict(dict)
    for rule in rules:
        if level_number not in rule.level_numbers or rule.is_optional:
            continue
        course_id = rule.course.pk
        for member in members:
            if not rule.required_of_role(
                role_id=member.role_id, role_code=member.role_code, unit_kind=member.unit_kind
            ):
                continue
            entry = coverage[member.unit_id].get(course_id)
            if entry is None:
                entry = coverage[member.unit_id][course_id] = CourseCoverage(
                    course=rule.course, requirement=Requirement.NOW
                )
            entry.required_user_ids.add(member.user_id)
            if (member.user_id, course_id) in trained:
                entry.trained_user_ids.add(member.user_id)
    return _in_course_order(coverage, rules)


@dataclass(frozen=True)
class LevelTraining:
    """A unit judged at one level, as the gap report judges it: the courses the level requires of its members, the
    people they are required of, and those who have taken every course required of them."""

    level_number: int
    courses: list[CourseCoverage]
    required_user_ids: frozenset[int]
    lacking_user_ids: frozenset[int]
    level_courses: list[Course]  # every offered course the level requires, of this unit's members or not
    reaches_unit_kind: bool  # whether any of those courses can be required of a member of a unit of this kind
    has_members: bool

    @property
    def required_count(self) -> int:
        return len(self.required_user_ids)

    @property
    def trained_count(self) -> int:
        return len(self.required_user_ids - self.lacking_user_ids)


def units_training_at(*, units: Sequence[Unit], today: datetime.date, level_number: int) -> dict[int, LevelTraining]:
    """Each unit judged at ``level_number``: the gap report's training evidence and the unit's training needs page
    (``?level=N``) both read it. Five queries; within an ``evidence_run`` the levels share them."""
    unit_ids = units_key(units)
    with evidence_run():  # the coverage and the reasons share one load of the courses and the members
        coverage = units_coverage_at(units=units, today=today, level_number=level_number)
        all_rules = run_memo("training.course_rules", course_rules)
        members = run_memo(("training.member_roles", unit_ids), lambda: member_roles_of_units(unit_ids))
    rules = [rule for rule in all_rules if level_number in rule.level_numbers and not rule.is_optional]
    with_members = {member.unit_id for member in members}
    reaching = {
        kind: any(rule.role_ids or not AUDIENCE_RULES[rule.course.audience].departments_only for rule in rules)
        or (kind == Unit.Kind.DEPARTMENT and bool(rules))
        for kind in Unit.Kind.values
    }
    answer = {}
    for unit in units:
        entries = coverage.get(unit.pk, [])
        required = frozenset().union(*(entry.required_user_ids for entry in entries))
        lacking = frozenset().union(*(entry.required_user_ids - entry.trained_user_ids for entry in entries))
        answer[unit.pk] = LevelTraining(
            level_number=level_number,
            courses=entries,
            required_user_ids=required,
            lacking_user_ids=lacking,
            level_courses=[rule.course for rule in rules],
            reaches_unit_kind=reaching[unit.kind],
            has_members=unit.pk in with_members,
        )
    return answer


def unit_training_gap(*, unit: Unit, today: datetime.date) -> UnitTrainingGap:
    """The unit's members × the courses its current or target level requires, with each person's status."""
    rules = course_rules()
    memberships = memberships_of_units([unit.pk])
    completions = best_completions(
        user_ids={membership.user_id for membership in memberships}, course_ids=[rule.course.pk for rule in rules]
    )
    people: dict[int, list[Membership]] = {}
    for membership in memberships:
        people.setdefault(membership.user_id, []).append(membership)
    required: dict[tuple[int, int], Requirement] = {}
    coverage: dict[int, CourseCoverage] = {}
    for rule in rules:
        for user_id, held in people.items():
            requirement = None
            for membership in held:
                requirement = stronger(requirement, _requirement_of(rule, membership))
            if requirement is None:
                continue
            required[(user_id, rule.course.pk)] = requirement
            entry = coverage.setdefault(rule.course.pk, CourseCoverage(course=rule.course, requirement=requirement))
            entry.required_user_ids.add(user_id)
            if training_status(completions.get((user_id, rule.course.pk)), today) in TRAINED_STATUSES:
                entry.trained_user_ids.add(user_id)
    columns = [coverage[rule.course.pk] for rule in rules if rule.course.pk in coverage]
    rows = []
    for user_id, held in people.items():
        cells = []
        for column in columns:
            key = (user_id, column.course.pk)
            completion = completions.get(key)
            requirement = required.get(key)
            status = training_status(completion, today) if requirement or completion else None
            cells.append(GapCell(requirement=requirement, status=status, completion=completion))
        rows.append(GapRow(user=held[0].user, roles=[membership.role.name for membership in held], cells=cells))
    return UnitTrainingGap(unit=unit, coverage=columns, rows=rows)


@dataclass(frozen=True)
class DepartmentCoverage:
    unit: Unit
    cells: list[CourseCoverage | None]  # aligned with the overview's courses; None: not required there


@dataclass(frozen=True)
class HospitalTrainingOverview:
    courses: list[Course]
    departments: list[DepartmentCoverage]


def hospital_training_overview(*, hospital_id: int, today: datetime.date) -> HospitalTrainingOverview:
    """Per department, per course required now or for the target level: the share of required people trained."""
    departments = list(Unit.objects.filter(hospital_id=hospital_id, kind=Unit.Kind.DEPARTMENT).order_by("name"))
    coverage = units_coverage(units=departments, today=today)
    by_pk = {entry.course.pk: entry.course for entries in coverage.values() for entry in entries}
    courses = sorted(by_pk.values(), key=lambda course: (course.order, course.pk))
    rows = []
    for unit in departments:
        by_course = {entry.course.pk: entry for entry in coverage.get(unit.pk, [])}
        rows.append(DepartmentCoverage(unit=unit, cells=[by_course.get(course.pk) for course in courses]))
    return HospitalTrainingOverview(courses=courses, departments=rows)
