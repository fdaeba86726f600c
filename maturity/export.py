"""The whole scale as one plain structure, for review and diffing (``manage.py maturity_export``).

Apps above ``maturity`` add their own parts of the scale (the training programme) through
``register_export_section`` in their ``AppConfig.ready()``.
"""

from collections.abc import Callable

from governance.models import Role
from maturity.models import Dimension, InteractionFeature, Level, Metric, Requirement
from maturity.selectors import cells_by_level_and_dimension

_sections: dict[str, Callable[[], object]] = {}


def register_export_section(name: str, build: Callable[[], object]) -> None:
    _sections[name] = build


def _catalogue(queryset) -> list[dict]:
    return [{"code": item.code, "name_da": item.name_da, "name_en": item.name_en} for item in queryset]


def _line_export(requirement: Requirement) -> dict:
    """A line as scale.json has it: its texts and scope, and where set the last level at which it applies and the
    interaction features it rules out."""
    line = {"da": requirement.text_da, "en": requirement.text_en, "scope": requirement.scope}
    if requirement.last_level is not None:
        line["last_level"] = requirement.last_level
    forbids = sorted(requirement.forbidden_features.all(), key=lambda feature: feature.order)
    if forbids:
        line["forbids"] = [feature.code for feature in forbids]
    return line


def _level_export(level: Level, dimensions: list[Dimension], cells: dict) -> dict:
    return {
        "number": level.number,
        "name_da": level.name_da,
        "name_en": level.name_en,
        "summary_da": level.summary_da,
        "summary_en": level.summary_en,
        "organisation_model": level.organisation_model,
        "posting_scope": level.posting_scope,
        "monitoring_cadence": level.monitoring_cadence,
        "features": [feature.code for feature in level.features.all()],
        "metrics": [{"code": rm.metric.code, "optional": rm.optional} for rm in level.required_metrics.all()],
        "guidelines": [rg.kind for rg in level.required_guidelines.all()],
        "role_requirements": [
            {
                "role": rr.role.code,
                "scope": rr.scope,
                "min_headcount": rr.min_headcount,
                "recommended_headcount": rr.recommended_headcount,
                "may_combine_with": sorted(role.code for role in rr.may_combine_with.all()),
                "needs_backup": rr.needs_backup,
                "note_da": rr.note_da,
                "note_en": rr.note_en,
            }
            for rr in level.role_requirements.all()
        ],
        "dimensions": {
            dimension.code: {
                "inherits": cell.inherits_lower,
                "note_da": cell.note_da,
                "note_en": cell.note_en,
                "requirements": [_line_export(req) for req in cell.requirements.all()],
            }
            for dimension in dimensions
            if (cell := cells.get((level.number, dimension.pk)))
        },
    }


def scale_export() -> dict:
    dimensions = list(Dimension.objects.all())
    cells = cells_by_level_and_dimension(with_features=True)
    levels = Level.objects.prefetch_related(
        "features",
        "required_metrics__metric",
        "required_guidelines",
        "role_requirements__role",
        "role_requirements__may_combine_with",
    )
    data = {
        "dimensions": _catalogue(dimensions),
        "features": _catalogue(InteractionFeature.objects.all()),
        "metrics": _catalogue(Metric.objects.all()),
        "roles": [
            {
                "code": role.code,
                "name_da": role.name_da,
                "name_en": role.name_en,
                "responsibilities_da": role.responsibilities_da,
                "responsibilities_en": role.responsibilities_en,
                "tasks_da": role.tasks_da,
                "tasks_en": role.tasks_en,
            }
            for role in Role.objects.all()
        ],
        "levels": [_level_export(level, dimensions, cells) for level in levels],
    }
    for name, build in sorted(_sections.items()):
        data[name] = build()
    return data
