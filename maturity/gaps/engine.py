"""The gap engine: every requirement of a level (and of the levels below) for many units at once, with its status.

The evidence comes from the registered sources (``maturity.evidence``: maturity's own checks of governance and the
providers of the apps above) and, for the lines no data can show, from the units' accepted self-assessments. Each
source is asked once per level for all units, so the queries do not grow with the number of units; the levels'
questions run in one ``evidence_run``, where the providers share their loads. A report has thousands of items:
their texts are translated and their addresses reversed once per run, not once per item.
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
from maturity.selectors import EffectiveCell, _effective_cells, cells_by_level_and_dimension

# Missing pieces first: what is not met, then what is only partly met, then what nobody has shown yet.
STATUS_ORDER = [
    EvidenceStatus.NOT_MET,
    EvidenceStatus.PARTLY_MET,
    EvidenceStatus.NOT_EVIDENCED,
    EvidenceStatus.MET,
    EvidenceStatus.NOT_APPLICABLE,
]


@dataclass(frozen=True)
class GapItem:
    """One requirement of the report: a check of an evidence source, or one self-assessed line of the scale."""

    source: str  # an evidence source code, or SELF_ASSESSED
    title: str
    evidence: Evidence
    requirements: tuple[Requirement, ...] = ()
    assessment: SelfAssessment | None = None

    @property
    def status(self) -> EvidenceStatus:
        return self.evidence.status

    @property
    def is_met(self) -> bool:
        return self.evidence.status in (EvidenceStatus.MET, EvidenceStatus.NOT_APPLICABLE)

    @property
    def is_self_assessed(self) -> bool:
        return self.source == SELF_ASSESSED


@dataclass
class DimensionGaps:
    dimension: Dimension
    items: list[GapItem] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(item.status for item in self.items)
        return {status.value: counted.get(status, 0) for status in STATUS_ORDER}

    @property
    def status(self) -> EvidenceStatus | None:
        """The dimension's worst status (the heat map's cell); None when the level asks nothing here."""
        statuses = {item.status for item in self.items}
        return next((status for status in STATUS_ORDER if status in statuses), None)


@dataclass
class UnitGapReport:
    unit: Unit
    level: int  # the level reported on
    assessed_level: int  # the highest level whose requirements, and all below, are met (0: not even level 1)
    current_level: int | None
    target_level: int | None
    dimensions: list[DimensionGaps]

    @property
    def items(self) -> list[GapItem]:
        return [item for dimension in self.dimensions for item in dimension.items]

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(item.status for item in self.items)
        return {status.value: counted.get(status, 0) for status in STATUS_ORDER}

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


class _AssessmentTexts:
    """The self-assessed items' texts, translated once per report."""

    def __init__(self):
        self.department_manager = _("The department's manager")
        self.communication_lead = _("The communication unit lead")
        self.communication_unit = _("The communication unit")
        self.not_answered = _("Not answered yet in a self-assessment")
        self.pending = _("Self-assessed as “%(answer)s”, waiting for review by the communication unit")
        self.rejected = _("The communication unit did not accept the self-assessment “%(answer)s”")
        self.accepted = _("Self-assessed as “%(answer)s”, accepted by the communication unit")

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


class _SelfAssessedItems:
    """Each (unit, requirement) line's item, built once and shared by every level whose report shows the line."""

    def __init__(self, units: Sequence[Unit]):
        rows = SelfAssessment.objects.filter(unit__in=[unit.pk for unit in units]).select_related(
            "answered_by", "reviewed_by"
        )
        self.assessments = {(row.unit_id, row.requirement_id): row for row in rows}
        self.links = _AnswerLinks()
        self.texts = _AssessmentTexts()
        self.requirement_texts: dict[int, str] = {}  # in the UI language, read once per requirement
        self.items: dict[tuple[int, int], GapItem] = {}

    def item(self, unit: Unit, requirement: Requirement) -> GapItem:
        key = (unit.pk, requirement.pk)
        item = self.items.get(key)
        if item is None:
            assessment = self.assessments.get(key)
            evidence = self.texts.evidence(self.links(unit.pk, requirement.pk), unit, assessment)
            text = self.requirement_texts.get(requirement.pk)
            if text is None:
                text = self.requirement_texts[requirement.pk] = requirement.text
            item = self.items[key] = GapItem(SELF_ASSESSED, text, evidence, (requirement,), assessment)
        return item


@dataclass(frozen=True)
class _SourceLine:
    """A source the engine asks, with its label translated and the id of the dimension its item goes in."""

    code: str
    label: str
    dimension_id: int


class _Level:
    """One level's effective requirements, and what each source answered for the units at that level.

    What does not depend on the unit (which lines are self-assessed, which each source covers, the items of the
    lines no source collects yet) is worked out once, here; ``items`` only adds the unit's answers."""

    def __init__(
        self,
        number: int,
        cells: list[EffectiveCell],
        answers: dict[str, dict[int, Evidence]],
        sources: dict[str, EvidenceSource],
        no_source: Evidence,
    ):
        self.number = number
        self.answers = answers
        dimension_ids = {cell.dimension.code: cell.dimension.pk for cell in cells}
        self.self_assessed: list[tuple[int, int, Requirement]] = []  # (dimension id, requirement id, requirement)
        covered: dict[str, list[tuple[int, Requirement]]] = defaultdict(list)
        for cell in cells:
            for requirement in cell.requirements:
                if requirement.evidence_source == SELF_ASSESSED:
                    self.self_assessed.append((cell.dimension.pk, requirement.pk, requirement))
                else:
                    covered[requirement.evidence_source].append((cell.dimension.pk, requirement))
        self.sources = [
            (
                _SourceLine(code, str(source.label), dimension_ids.get(source.dimension, 0)),
                tuple(requirement for _dimension, requirement in covered.get(code, [])),
            )
            for code, source in sources.items()
        ]
        self.uncollected = [
            (lines[0][0], GapItem(code, lines[0][1].text, no_source, tuple(req for _dim, req in lines)))
            for code, lines in covered.items()
            if code not in sources
        ]

    def items(self, unit: Unit, self_assessed: "_SelfAssessedItems") -> dict[int, list[GapItem]]:
        """The unit's items at this level, per dimension id."""
        by_dimension: dict[int, list[GapItem]] = defaultdict(list)
        unit_id, built = unit.pk, self_assessed.items
        for dimension_id, requirement_id, requirement in self.self_assessed:
            item = built.get((unit_id, requirement_id)) or self_assessed.item(unit, requirement)
            by_dimension[dimension_id].append(item)
        for line, requirements in self.sources:
            evidence = self.answers[line.code].get(unit_id)
            if evidence is not None:
                by_dimension[line.dimension_id].append(GapItem(line.code, line.label, evidence, requirements))
        for dimension_id, item in self.uncollected:
            by_dimension[dimension_id].append(item)
        return by_dimension


def _sort_key(item: GapItem) -> int:
    return STATUS_ORDER.index(item.status)


def unit_gap_reports(
    units: Sequence[Unit], *, today: datetime.date, level: int | None = None
) -> dict[int, UnitGapReport]:
    """The gap report of each unit at ``level`` (default: the unit's target level, else level 1), with its
    assessed level. ``units`` come with ``maturity__current_level`` and ``maturity__target_level`` selected."""
    levels = list(Level.objects.order_by("number").values_list("number", flat=True))
    dimensions = list(Dimension.objects.all())
    cells = cells_by_level_and_dimension()
    sources = {source.code: source for source in evidence_sources()}
    no_source = Evidence(EvidenceStatus.NOT_EVIDENCED, _("The app does not collect this evidence yet"))
    with evidence_run():
        by_level = {
            number: _Level(
                number,
                _effective_cells(number, dimensions, cells),
                {code: source.provider(units, number, today) for code, source in sources.items()},
                sources,
                no_source,
            )
            for number in levels
        }
    self_assessed = _SelfAssessedItems(units)
    reports = {}
    for unit in units:
        standing = getattr(unit, "maturity", None)
        current = standing.current_level.number if standing else None
        target = standing.target_level.number if standing else None
        reported = level or target or (levels[0] if levels else 1)
        assessed = 0
        report_items: dict[int, list[GapItem]] = {}
        for number in levels:
            items = by_level[number].items(unit, self_assessed)
            if assessed == number - 1 and all(item.is_met for group in items.values() for item in group):
                assessed = number
            if number == reported:
                report_items = items
        reports[unit.pk] = UnitGapReport(
            unit=unit,
            level=reported,
            assessed_level=assessed,
            current_level=current,
            target_level=target,
            dimensions=[
                DimensionGaps(dimension, sorted(report_items.get(dimension.pk, []), key=_sort_key))
                for dimension in dimensions
            ],
        )
    return reports


def unit_gap_report(unit: Unit, *, today: datetime.date, level: int | None = None) -> UnitGapReport:
    return unit_gap_reports([unit], today=today, level=level)[unit.pk]
