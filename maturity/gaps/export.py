"""The gap report and the hospital overview as rows, for CSV downloads and the ``gap_report`` command."""

from django.utils.translation import gettext as _

from maturity.gaps.engine import UnitGapReport


def unit_report_header() -> list[str]:
    return [_("Dimension"), _("Requirement"), _("Status"), _("Evidence"), _("Details"), _("Who can act"), _("Link")]


def unit_report_rows(report: UnitGapReport, *, base_url: str = "") -> list[list[str]]:
    rows = []
    for dimension in report.dimensions:
        for item in dimension.items:
            requirement = item.title
            if item.requirements and not item.is_self_assessed:
                requirement = f"{item.title}: " + "; ".join(line.text for line in item.requirements)
            rows.append(
                [
                    dimension.dimension.name,
                    requirement,
                    str(item.status.label),
                    item.evidence.summary,
                    "; ".join(item.evidence.details),
                    item.evidence.fix_by,
                    f"{base_url}{item.evidence.fix_url}" if item.evidence.fix_url else "",
                ]
            )
    return rows


def unit_report_as_dict(report: UnitGapReport) -> dict:
    return {
        "unit": report.unit.name,
        "unit_id": report.unit.pk,
        "level": report.level,
        "assessed_level": report.assessed_level,
        "current_level": report.current_level,
        "target_level": report.target_level,
        "counts": report.counts,
        "dimensions": [
            {
                "code": dimension.dimension.code,
                "name": dimension.dimension.name,
                "requirements": [
                    {
                        "source": item.source,
                        "title": item.title,
                        "lines": [line.text for line in item.requirements],
                        "status": item.status.value,
                        "evidence": item.evidence.summary,
                        "details": list(item.evidence.details),
                        "fix_url": item.evidence.fix_url,
                        "fix_by": item.evidence.fix_by,
                    }
                    for item in dimension.items
                ],
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
