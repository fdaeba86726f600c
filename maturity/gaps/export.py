"""The gap report and the hospital overview as rows, for CSV downloads and the ``gap_report`` command."""

from django.utils.translation import gettext as _

from maturity.gaps.engine import HOSPITAL_PART, GapItem, UnitGapReport
from maturity.models import Requirement


def _part_label(part: str) -> str:
    return _("Hospital") if part == HOSPITAL_PART else _("Department")


def _line_text(line: Requirement) -> str:
    if line.last_level is None:
        return line.text
    return _("%(text)s (applies up to level %(level)s)") % {"text": line.text, "level": line.last_level}


def _applies_to(item: GapItem) -> str:
    labels = []
    for line in item.requirements:
        label = str(line.get_scope_display())
        if label not in labels:
            labels.append(label)
    return "; ".join(labels)


def report_verdict(report: UnitGapReport) -> str:
    """ "Assessed at level N. Level N+1 is blocked by: …", in a sentence (the report's first line)."""
    if report.assessed_level:
        verdict = _("Assessed at level %(level)s.") % {"level": report.assessed_level}
    else:
        verdict = _("Not yet assessed at level 1.")
    if report.next_level is None:
        return f"{verdict} " + _("Every level of the scale is met.")
    blockers = "; ".join(
        f"{item.title} ({_part_label(item.part).lower()}, {dimension.name})" for dimension, item in report.blocked_by
    )
    blocked = _("Level %(level)s is blocked by: %(blockers)s") % {"level": report.next_level, "blockers": blockers}
    return f"{verdict} {blocked}"


def unit_report_header() -> list[str]:
    return [
        _("Dimension"),
        _("Requirement"),
        _("Status"),
        _("Evidence"),
        _("Details"),
        _("Who can act"),
        _("Link"),
        _("Part"),
        _("Applies to"),
    ]


def unit_report_rows(report: UnitGapReport, *, base_url: str = "", hospital_links: bool = True) -> list[list[str]]:
    """One row per item; ``hospital_links`` False leaves out the links of the hospital's part (pages of the
    communication unit that a department's reader may not open)."""
    rows = []
    for dimension in report.dimensions:
        for item in dimension.items:
            requirement = item.title
            if item.requirements and not item.is_self_assessed:
                requirement = f"{item.title}: " + "; ".join(_line_text(line) for line in item.requirements)
            elif item.requirements:
                requirement = _line_text(item.requirements[0])
            linked = item.evidence.fix_url and (hospital_links or not item.is_hospital_part)
            rows.append(
                [
                    dimension.dimension.name,
                    requirement,
                    str(item.status.label),
                    item.evidence.summary,
                    "; ".join(item.evidence.details),
                    item.evidence.fix_by,
                    f"{base_url}{item.evidence.fix_url}" if linked else "",
                    _part_label(item.part),
                    _applies_to(item),
                ]
            )
    return rows


def _item_as_dict(item: GapItem) -> dict:
    return {
        "part": item.part,
        "source": item.source,
        "title": item.title,
        "lines": [line.text for line in item.requirements],
        "line_details": [
            {"id": line.pk, "text": line.text, "scope": line.scope, "last_level": line.last_level}
            for line in item.requirements
        ],
        "status": item.status.value,
        "evidence": item.evidence.summary,
        "details": list(item.evidence.details),
        "fix_url": item.evidence.fix_url,
        "fix_by": item.evidence.fix_by,
    }


def unit_report_as_dict(report: UnitGapReport) -> dict:
    return {
        "unit": report.unit.name,
        "unit_id": report.unit.pk,
        "level": report.level,
        "assessed_level": report.assessed_level,
        "current_level": report.current_level,
        "target_level": report.target_level,
        "verdict": report_verdict(report),
        "next_level": report.next_level,
        "blocking_parts": report.blocking_parts,
        "blocked_by": [{**_item_as_dict(item), "dimension": dimension.code} for dimension, item in report.blocked_by],
        "parts": {
            part: {
                "met_up_to_level": report.part_levels.get(part, 0),
                "answered_by": (
                    (report.hospital_unit.name if report.hospital_unit else None)
                    if part == HOSPITAL_PART
                    else report.unit.name
                ),
            }
            for part in report.parts
        },
        "counts": report.counts,
        "dimensions": [
            {
                "code": dimension.dimension.code,
                "name": dimension.dimension.name,
                "requirements": [_item_as_dict(item) for item in dimension.items],
            }
            for dimension in report.dimensions
        ],
    }


def overview_header(dimensions) -> list[str]:
    return [
        _("Unit"),
        _("Assessed level"),
        _("Current level"),
        _("Target level"),
        *[dimension.name for dimension in dimensions],
        _("Change in assessed level since last quarter"),
    ]


def overview_rows(rows) -> list[list]:
    return [
        [
            row.report.unit.name,
            row.report.assessed_level,
            row.report.current_level,
            row.report.target_level,
            *[str(status.label) if status else "" for status in row.cells],
            row.trend,
        ]
        for row in rows
    ]
