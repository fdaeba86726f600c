"""The gap engine: every requirement line in force at a level (and at the levels below) for many units at once, with
its status, in two parts.

Each line says of whom it asks something (``Requirement.scope``). The **hospital's part** holds the hospital lines:
they are judged once per hospital, for its communication unit, which acts on them (its self-assessments, the
evidence the sources give for it). The **department's part** holds the lines asked of every department, of the
departments enrolled to post and of those running a patient network (``maturity.unit_scopes``); a line that does not
reach the department is shown as not applicable, with the reason, except a network line, which a department running
no network does not meet (level 5 is the level of the departments' own networks). A department's report has both
parts, and its assessed level is the highest N for which both parts of every level up to N are met; the communication
unit's own report is the hospital's part.

The evidence comes from the registered sources (``maturity.evidence``: maturity's own checks of governance and the
providers of the apps above) and, for the lines no data can show, from accepted self-assessments. A source whose lines
are in force but that gives no answer for the unit is shown as not evidenced, with the reason: nothing passes silently.
Each source is asked once per level for all units (and their hospitals' communication units), so the queries do not
grow with the number of units; the levels' questions run in one ``evidence_run``, where the providers share their
loads. A report has thousands of items: their texts are translated and their addresses reversed once per run.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from governance.models import Unit
from maturity.evidence import Evidence, EvidenceSource, EvidenceStatus, evidence_run, evidence_sources
from maturity.models import SELF_ASSESSED, Dimension, Level, Requirement, SelfAssessment
from maturity.selectors import EffectiveCell, cells_by_level_and_dimension, effective_cells
from maturity.unit_scopes import OutsideScope, UnitScopes

# Missing pieces first: what is not met, then what is only partly met, then what nobody has shown yet.
STATUS_ORDER = [
    EvidenceStatus.NOT_MET,
    EvidenceStatus.PARTLY_MET,
    EvidenceStatus.NOT_EVIDENCED,
    EvidenceStatus.MET,
    EvidenceStatus.NOT_APPLICABLE,
]

# The two parts of a report: the hospital's (the communication unit acts) and the department's own.
HOSPITAL_PART = "hospital"
DEPARTMENT_PART = "department"
PARTS = (HOSPITAL_PART, DEPARTMENT_PART)


@dataclass(frozen=True)
class GapItem:
    """One requirement of the report: a check of an evidence source over one or more lines of a dimension, or one
    self-assessed line of the scale; in the hospital's part or the department's."""

    source: str  # an evidence source code, or SELF_ASSESSED
    title: str
    evidence: Evidence
    requirements: tuple[Requirement, ...] = ()
    assessment: SelfAssessment | None = None
    part: str = DEPARTMENT_PART

    @property
    def status(self) -> EvidenceStatus:
        return self.evidence.status

    @property
    def is_met(self) -> bool:
        return self.evidence.status in (EvidenceStatus.MET, EvidenceStatus.NOT_APPLICABLE)

    @property
    def is_self_assessed(self) -> bool:
        return self.source == SELF_ASSESSED

    @property
    def is_hospital_part(self) -> bool:
        return self.part == HOSPITAL_PART


def _counts(items: Sequence[GapItem]) -> dict[str, int]:
    counted = Counter(item.status for item in items)
    return {status.value: counted.get(status, 0) for status in STATUS_ORDER}


@dataclass
class DimensionGaps:
    dimension: Dimension
    items: list[GapItem] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return _counts(self.items)

    @property
    def status(self) -> EvidenceStatus | None:
        """The dimension's worst status (the heat map's cell); None when the level asks nothing here."""
        statuses = {item.status for item in self.items}
        return next((status for status in STATUS_ORDER if status in statuses), None)

    @property
    def hospital_items(self) -> list[GapItem]:
        return [item for item in self.items if item.part == HOSPITAL_PART]

    @property
    def department_items(self) -> list[GapItem]:
        return [item for item in self.items if item.part == DEPARTMENT_PART]


@dataclass
class UnitGapReport:
    unit: Unit
    level: int  # the level reported on
    assessed_level: int  # the highest level whose requirements, and all below, are met (0: not even level 1)
    current_level: int | None
    target_level: int | None
    dimensions: list[DimensionGaps]
    # The unit that answers the hospital's part (the hospital's communication unit), None when the hospital has none.
    hospital_unit: Unit | None = None
    # Per part, the highest level up to which that part is met; a communication unit's report has the hospital's only.
    part_levels: dict[str, int] = field(default_factory=dict)
    next_level: int | None = None  # assessed level + 1, when the scale has it
    # What is not met at the next level in the parts that block it, each with its dimension.
    blocked_by: list[tuple[Dimension, GapItem]] = field(default_factory=list)

    @property
    def is_department(self) -> bool:
        return not self.unit.is_communication_unit

    @property
    def parts(self) -> tuple[str, ...]:
        return PARTS if self.is_department else (HOSPITAL_PART,)

    @property
    def blocking_parts(self) -> list[str]:
        """The parts not met at the next level (both, one, or none at the top of the scale)."""
        if self.next_level is None:
            return []
        return [part for part in self.parts if self.part_levels.get(part, 0) == self.assessed_level]

    @property
    def hospital_blocks(self) -> bool:
        return HOSPITAL_PART in self.blocking_parts

    @property
    def department_blocks(self) -> bool:
        return DEPARTMENT_PART in self.blocking_parts

    @property
    def items(self) -> list[GapItem]:
        return [item for dimension in self.dimensions for item in dimension.items]

    @property
    def counts(self) -> dict[str, int]:
        return _counts(self.items)

    def counts_by_dimension(self) -> dict[str, dict[str, int]]:
        return {dimensions.dimension.code: dimensions.counts for dimensions in self.dimensions}


class _AnswerLinks:
    """The self-assessment page's address for any unit and requirement, from one ``reverse`` (a report has hundreds)."""

    UNIT, REQUIREMENT = 987654321, 123456789

    def __init__(self):
        template = reverse("gaps:answer", kwargs={"unit_id": self.UNIT, "requirement_id": self.REQUIREMENT})
        self.pattern = template.replace(str(self.UNIT), "{unit_id}").replace(str(self.REQUIREMENT), "{requirement_id}")

    def __call__(self, unit_id: int, requirement_id: int) -> str:
        return self.pattern.format(unit_id=unit_id, requirement_id=requirement_id)


class _Texts:
    """The engine's own texts, translated once per run."""

    def __init__(self):
        self.department_manager = _("The department's manager")
        self.communication_lead = _("The communication unit lead")
        self.communication_unit = _("The communication unit")
        self.not_answered = _("Not answered yet in a self-assessment")
        self.pending = _("Self-assessed as “%(answer)s”, waiting for review by the communication unit")
        self.rejected = _("The communication unit did not accept the self-assessment “%(answer)s”")
        self.accepted = _("Self-assessed as “%(answer)s”, accepted by the communication unit")
        self.not_collected = _("The app does not collect this evidence yet")
        self.no_answer = _("Not evidenced: “%(check)s” found nothing to judge for %(unit)s")
        self.no_communication_unit = Evidence(
            EvidenceStatus.NOT_EVIDENCED,
            _("The hospital has no communication unit to answer for the whole hospital"),
        )
        self.outside_scope = OutsideScope()

    def evidence(self, url: str, unit: Unit, assessment: SelfAssessment | None) -> Evidence:
        manager = self.communication_lead if unit.is_communication_unit else self.department_manager
        if assessment is None:
            return Evidence(EvidenceStatus.NOT_EVIDENCED, self.not_answered, url, manager)
        answer = {"answer": assessment.get_answer_display()}
        if assessment.review == SelfAssessment.Review.PENDING:
            return Evidence(EvidenceStatus.NOT_EVIDENCED, self.pending % answer, url, self.communication_unit)
        if assessment.review == SelfAssessment.Review.REJECTED:
            return Evidence(EvidenceStatus.NOT_EVIDENCED, self.rejected % answer, url, manager)
        status = EvidenceStatus(assessment.answer)
        if status == EvidenceStatus.MET:
            return Evidence(status, self.accepted % answer)
        return Evidence(status, self.accepted % answer, url, manager)

    def outside_scope_of(self, scope: str, unit: Unit) -> Evidence:
        return self.outside_scope.evidence(scope, unit)


class _SelfAssessedItems:
    """Each (unit, requirement) line's item, built once and shared by every level whose report shows the line."""

    def __init__(self, units: Sequence[Unit], texts: _Texts):
        rows = SelfAssessment.objects.filter(unit__in=[unit.pk for unit in units]).select_related(
            "answered_by", "reviewed_by"
        )
        self.assessments = {(row.unit_id, row.requirement_id): row for row in rows}
        self.links = _AnswerLinks()
        self.texts = texts
        self.requirement_texts: dict[int, str] = {}  # in the UI language, read once per requirement
        self.items: dict[tuple[int, int], GapItem] = {}

    def text(self, requirement: Requirement) -> str:
        text = self.requirement_texts.get(requirement.pk)
        if text is None:
            text = self.requirement_texts[requirement.pk] = requirement.text
        return text

    def item(self, unit: Unit, requirement: Requirement, part: str) -> GapItem:
        key = (unit.pk, requirement.pk)
        item = self.items.get(key)
        if item is None:
            assessment = self.assessments.get(key)
            evidence = self.texts.evidence(self.links(unit.pk, requirement.pk), unit, assessment)
            item = GapItem(SELF_ASSESSED, self.text(requirement), evidence, (requirement,), assessment, part)
            self.items[key] = item
        return item


@dataclass(frozen=True)
class _SourceLines:
    """The lines of one dimension at one level that one source shows, per scope."""

    dimension_id: int
    code: str
    by_scope: dict[str, tuple[Requirement, ...]]


class _Level:
    """One level's lines in force, split into the hospital's part and the department's, and what each source
    answered for the units at that level.

    What does not depend on the unit (which lines are self-assessed, which each source covers per dimension and scope)
    is worked out once, here; the parts' ``items`` only add the unit's answers."""

    def __init__(
        self,
        number: int,
        cells: list[EffectiveCell],
        answers: dict[str, dict[int, Evidence]],
        sources: dict[str, EvidenceSource],
        texts: _Texts,
    ):
        self.number = number
        self.answers = answers
        self.texts = texts
        self.labels = {code: str(source.label) for code, source in sources.items()}
        self.parts: dict[str, tuple[list, list]] = {}
        for part in PARTS:
            self_assessed: list[tuple[int, Requirement]] = []
            covered: dict[tuple[int, str], dict[str, list[Requirement]]] = {}
            for cell in cells:
                for requirement in cell.requirements:
                    if (requirement.scope == Requirement.Scope.HOSPITAL) != (part == HOSPITAL_PART):
                        continue
                    if requirement.evidence_source == SELF_ASSESSED:
                        self_assessed.append((cell.dimension.pk, requirement))
                    else:
                        key = (cell.dimension.pk, requirement.evidence_source)
                        covered.setdefault(key, {}).setdefault(requirement.scope, []).append(requirement)
            source_lines = [
                _SourceLines(dimension_id, code, {scope: tuple(lines) for scope, lines in by_scope.items()})
                for (dimension_id, code), by_scope in covered.items()
            ]
            self.parts[part] = (self_assessed, source_lines)

    def _source_evidence(self, code: str, unit: Unit) -> Evidence:
        if code not in self.answers:
            return Evidence(EvidenceStatus.NOT_EVIDENCED, self.texts.not_collected)
        evidence = self.answers[code].get(unit.pk)
        if evidence is None:
            summary = self.texts.no_answer % {"check": self.labels[code], "unit": unit.name}
            return Evidence(EvidenceStatus.NOT_EVIDENCED, summary)
        return evidence

    def _title(self, code: str, lines: tuple[Requirement, ...], self_assessed: "_SelfAssessedItems") -> str:
        return self.labels.get(code) or self_assessed.text(lines[0])

    def hospital_items(self, hospital_unit: Unit | None, self_assessed: "_SelfAssessedItems") -> dict[int, list]:
        """The hospital's part at this level, judged for its communication unit, per dimension id."""
        by_dimension: dict[int, list[GapItem]] = defaultdict(list)
        lines, source_lines = self.parts[HOSPITAL_PART]
        for dimension_id, requirement in lines:
            if hospital_unit is None:
                item = GapItem(
                    SELF_ASSESSED,
                    self_assessed.text(requirement),
                    self.texts.no_communication_unit,
                    (requirement,),
                    part=HOSPITAL_PART,
                )
            else:
                item = self_assessed.item(hospital_unit, requirement, HOSPITAL_PART)
            by_dimension[dimension_id].append(item)
        for group in source_lines:
            requirements = tuple(line for lines_of_scope in group.by_scope.values() for line in lines_of_scope)
            evidence = (
                self._source_evidence(group.code, hospital_unit)
                if hospital_unit is not None
                else self.texts.no_communication_unit
            )
            title = self._title(group.code, requirements, self_assessed)
            by_dimension[group.dimension_id].append(
                GapItem(group.code, title, evidence, requirements, part=HOSPITAL_PART)
            )
        return by_dimension

    def department_items(
        self, unit: Unit, scopes: UnitScopes, self_assessed: "_SelfAssessedItems"
    ) -> dict[int, list[GapItem]]:
        """The department's own part at this level, per dimension id: the lines that reach it, judged for it, and the
        lines that do not, as not applicable with the reason."""
        by_dimension: dict[int, list[GapItem]] = defaultdict(list)
        lines, source_lines = self.parts[DEPARTMENT_PART]
        for dimension_id, requirement in lines:
            if scopes.applies(requirement.scope, unit):
                item = self_assessed.item(unit, requirement, DEPARTMENT_PART)
            else:
                evidence = self.texts.outside_scope_of(requirement.scope, unit)
                item = GapItem(SELF_ASSESSED, self_assessed.text(requirement), evidence, (requirement,))
            by_dimension[dimension_id].append(item)
        for group in source_lines:
            applying = tuple(
                line
                for scope, lines_of_scope in group.by_scope.items()
                if scopes.applies(scope, unit)
                for line in lines_of_scope
            )
            if applying:
                title = self._title(group.code, applying, self_assessed)
                evidence = self._source_evidence(group.code, unit)
                by_dimension[group.dimension_id].append(GapItem(group.code, title, evidence, applying))
            for scope, lines_of_scope in group.by_scope.items():
                if not scopes.applies(scope, unit):
                    title = self._title(group.code, lines_of_scope, self_assessed)
                    evidence = self.texts.outside_scope_of(scope, unit)
                    by_dimension[group.dimension_id].append(GapItem(group.code, title, evidence, lines_of_scope))
        return by_dimension


def _sort_key(item: GapItem) -> tuple[int, int]:
    return (PARTS.index(item.part), STATUS_ORDER.index(item.status))


def _all_met(items: dict[int, list[GapItem]]) -> bool:
    return all(item.is_met for group in items.values() for item in group)


def _unmet(items: dict[int, list[GapItem]], dimensions: list[Dimension]) -> list[tuple[Dimension, GapItem]]:
    """The items not met, with their dimension, in the order of the dimensions."""
    return [
        (dimension, item)
        for dimension in dimensions
        for item in sorted(items.get(dimension.pk, []), key=_sort_key)
        if not item.is_met
    ]


def _communication_units(units: Sequence[Unit]) -> dict[int, Unit]:
    """Per hospital of ``units``, its communication unit (one query, or none when ``units`` hold them all)."""
    hospital_ids = {unit.hospital_id for unit in units}
    found = {unit.hospital_id: unit for unit in units if unit.is_communication_unit}
    missing = hospital_ids - set(found)
    if missing:
        others = Unit.objects.filter(hospital_id__in=missing, kind=Unit.Kind.COMMUNICATION).select_related(
            "hospital", "maturity__current_level", "maturity__target_level"
        )
        found.update({unit.hospital_id: unit for unit in others})
    return found


def unit_gap_reports(
    units: Sequence[Unit], *, today: datetime.date, level: int | None = None
) -> dict[int, UnitGapReport]:
    """The gap report of each unit at ``level`` (default: the unit's target level, else level 1), with its
    assessed level and what blocks the next one. ``units`` come with ``maturity__current_level`` and
    ``maturity__target_level`` selected."""
    levels = list(Level.objects.order_by("number").values_list("number", flat=True))
    dimensions = list(Dimension.objects.all())
    cells = cells_by_level_and_dimension()
    sources = {source.code: source for source in evidence_sources()}
    communication = _communication_units(units)
    subjects = list({unit.pk: unit for unit in [*units, *communication.values()]}.values())
    texts = _Texts()
    with evidence_run():
        scopes = UnitScopes(subjects)
        by_level = {
            number: _Level(
                number,
                effective_cells(number, dimensions, cells),
                {code: dict(source.provider(subjects, number, today)) for code, source in sources.items()},
                sources,
                texts,
            )
            for number in levels
        }
    self_assessed = _SelfAssessedItems(subjects, texts)

    # The hospital's part, once per hospital: its items per level and the highest level up to which it is met.
    hospital_items: dict[int, dict[int, dict[int, list[GapItem]]]] = {}
    hospital_levels: dict[int, int] = {}
    for hospital_id in {unit.hospital_id for unit in units}:
        answering = communication.get(hospital_id)
        items_by_level = {number: by_level[number].hospital_items(answering, self_assessed) for number in levels}
        hospital_items[hospital_id] = items_by_level
        hospital_levels[hospital_id] = _met_up_to(levels, items_by_level)

    reports = {}
    for unit in units:
        standing = getattr(unit, "maturity", None)
        reported = level or (standing.target_level.number if standing else None) or (levels[0] if levels else 1)
        hospital_part = hospital_items[unit.hospital_id]
        part_levels = {HOSPITAL_PART: hospital_levels[unit.hospital_id]}
        if unit.is_communication_unit:
            department_part: dict[int, dict[int, list[GapItem]]] = {number: {} for number in levels}
        else:
            department_part = {
                number: by_level[number].department_items(unit, scopes, self_assessed) for number in levels
            }
            part_levels[DEPARTMENT_PART] = _met_up_to(levels, department_part)
        assessed = min(part_levels.values())
        next_level = assessed + 1 if assessed + 1 in levels else None
        blocked_by = []
        if next_level is not None:
            if part_levels[HOSPITAL_PART] == assessed:
                blocked_by += _unmet(hospital_part[next_level], dimensions)
            if part_levels.get(DEPARTMENT_PART) == assessed:
                blocked_by += _unmet(department_part[next_level], dimensions)
        shown_hospital, shown_department = hospital_part.get(reported, {}), department_part.get(reported, {})
        reports[unit.pk] = UnitGapReport(
            unit=unit,
            level=reported,
            assessed_level=assessed,
            current_level=standing.current_level.number if standing else None,
            target_level=standing.target_level.number if standing else None,
            dimensions=[
                DimensionGaps(
                    dimension,
                    sorted(
                        [*shown_hospital.get(dimension.pk, []), *shown_department.get(dimension.pk, [])],
                        key=_sort_key,
                    ),
                )
                for dimension in dimensions
            ],
            hospital_unit=communication.get(unit.hospital_id),
            part_levels=part_levels,
            next_level=next_level,
            blocked_by=blocked_by,
        )
    return reports


def _met_up_to(levels: list[int], items_by_level: dict[int, dict[int, list[GapItem]]]) -> int:
    """The highest level N such that every level up to N is met (0: not even the first)."""
    reached = 0
    for number in levels:
        if not _all_met(items_by_level[number]):
            break
        reached = number
    return reached


def unit_gap_report(unit: Unit, *, today: datetime.date, level: int | None = None) -> UnitGapReport:
    return unit_gap_reports([unit], today=today, level=level)[unit.pk]
