"""Reads behind the gap pages: which units a person may see, the unit report, and the hospital overview."""

import datetime
from dataclasses import dataclass

from django.http import Http404

from governance.models import Hospital, Unit
from governance.permissions import Actor
from maturity.evidence import EvidenceStatus
from maturity.gaps.engine import STATUS_ORDER, UnitGapReport, unit_gap_reports
from maturity.gaps.permissions import may_view_unit_gaps, sees_all_units
from maturity.models import Dimension, GapSnapshot, Level, Requirement, SelfAssessment

SORT_KEYS = ("unit", "assessed", "target", "trend")


def _units():
    return Unit.objects.select_related("hospital", "maturity__current_level", "maturity__target_level")


def gap_unit_get(*, actor: Actor, unit_id: int) -> Unit:
    """The unit, if the person may see its gap report (404 otherwise, as if it did not exist)."""
    unit = _units().filter(pk=unit_id).first()
    if unit is None or not may_view_unit_gaps(actor, unit):
        raise Http404("No such unit")
    return unit


def level_numbers() -> list[int]:
    return list(Level.objects.order_by("number").values_list("number", flat=True))


def unit_report_get(*, unit: Unit, level: int | None, today: datetime.date) -> UnitGapReport:
    return unit_gap_reports([unit], today=today, level=level)[unit.pk]


def self_assessed_requirement_get(*, requirement_id: int) -> Requirement:
    requirement = Requirement.objects.select_related("cell__level", "cell__dimension").filter(pk=requirement_id).first()
    if requirement is None:
        raise Http404("No such requirement")
    return requirement


def self_assessment_for(*, unit: Unit, requirement: Requirement) -> SelfAssessment | None:
    return (
        SelfAssessment.objects.select_related("answered_by", "reviewed_by")
        .filter(unit=unit, requirement=requirement)
        .first()
    )


@dataclass(frozen=True)
class OverviewRow:
    report: UnitGapReport
    cells: list[EvidenceStatus | None]  # one per dimension, the worst status there
    assessed_a_quarter_ago: int | None

    @property
    def trend(self) -> int | None:
        if self.assessed_a_quarter_ago is None:
            return None
        return self.report.assessed_level - self.assessed_a_quarter_ago


def _quarter_ago(today: datetime.date) -> datetime.date:
    month = today.month - 3
    year = today.year + (month - 1) // 12
    return datetime.date(year, (month - 1) % 12 + 1, 1)


def _sort_rows(rows: list[OverviewRow], dimensions: list[Dimension], sort: str) -> list[OverviewRow]:
    codes = [dimension.code for dimension in dimensions]
    if sort in codes:
        index = codes.index(sort)
        rank = {status: position for position, status in enumerate(STATUS_ORDER)}
        return sorted(rows, key=lambda row: (rank.get(row.cells[index], len(rank)), row.report.unit.name))
    if sort == "assessed":
        return sorted(rows, key=lambda row: (row.report.assessed_level, row.report.unit.name))
    if sort == "target":
        return sorted(rows, key=lambda row: (-(row.report.target_level or 0), row.report.unit.name))
    if sort == "trend":
        return sorted(rows, key=lambda row: (row.trend is None, row.trend or 0, row.report.unit.name))
    return sorted(rows, key=lambda row: (not row.report.unit.is_communication_unit, row.report.unit.name))


def hospital_gap_overview(*, actor: Actor, hospital: Hospital, today: datetime.date, sort: str = "") -> dict:
    """Each unit the person may see, at its target level: its assessed level, the worst status per dimension, and
    its assessed level at the start of the month a quarter ago (from the snapshots). A fixed number of queries."""
    units = _units().filter(hospital=hospital)
    if not sees_all_units(actor, hospital.pk):
        units = units.filter(pk__in=list(actor.unit_roles))
    units = list(units)
    dimensions = list(Dimension.objects.all())
    reports = unit_gap_reports(units, today=today) if units else {}
    earlier = dict(
        GapSnapshot.objects.filter(unit__in=units, month=_quarter_ago(today)).values_list("unit_id", "assessed_level")
    )
    rows = [
        OverviewRow(
            report=reports[unit.pk],
            cells=[dimension_gaps.status for dimension_gaps in reports[unit.pk].dimensions],
            assessed_a_quarter_ago=earlier.get(unit.pk),
        )
        for unit in units
    ]
    sort = sort if sort in (*SORT_KEYS, *(d.code for d in dimensions)) else "unit"
    return {
        "dimensions": dimensions,
        "rows": _sort_rows(rows, dimensions, sort),
        "sort": sort,
        "quarter_start": _quarter_ago(today),
    }
