"""Write ``scale.json`` into the database; idempotent, so a later migration can run it again after an edit.

Rows are updated in place, never dropped and re-created: requirement lines by (cell, order), role requirements by
(level, role, scope), required metrics by (level, metric), required guidelines by (level, kind). A second run keeps the
lines' evidence sources (set from ``maturity/gaps/requirement_sources.py`` on a new line only) and the units'
self-assessments of them; only a line the file no longer has is removed.

It takes an app registry so that data migrations can pass their historical models; a field an older historical
model does not have yet is left out.
"""

import json
from pathlib import Path

from maturity.gaps.requirement_sources import evidence_source_for

SCALE_FILE = Path(__file__).with_name("scale.json")
LINE_SEMANTICS = ("scope", "last_level")


def scale_data() -> dict:
    return json.loads(SCALE_FILE.read_text(encoding="utf-8"))


def _field_names(model) -> set[str]:
    return {field.name for field in model._meta.get_fields()}


def _upsert_catalogue(model, rows: list[dict], extra_fields: tuple[str, ...] = ()) -> dict:
    by_code = {}
    for order, row in enumerate(rows, start=1):
        defaults = {"order": order, "name_da": row["name_da"], "name_en": row["name_en"]}
        defaults.update({field: row[field] for field in extra_fields})
        by_code[row["code"]], _ = model.objects.update_or_create(code=row["code"], defaults=defaults)
    return by_code


def load_scale(apps, data: dict | None = None) -> None:
    data = data or scale_data()
    get = apps.get_model
    dimensions = _upsert_catalogue(get("maturity", "Dimension"), data["dimensions"])
    features = _upsert_catalogue(get("maturity", "InteractionFeature"), data["features"])
    metrics = _upsert_catalogue(get("maturity", "Metric"), data["metrics"])
    roles = _upsert_catalogue(
        get("governance", "Role"),
        data["roles"],
        ("responsibilities_da", "responsibilities_en", "tasks_da", "tasks_en"),
    )
    Level = get("maturity", "Level")
    for row in data["levels"]:
        level, _ = Level.objects.update_or_create(
            number=row["number"],
            defaults={
                field: row[field]
                for field in (
                    "name_da",
                    "name_en",
                    "summary_da",
                    "summary_en",
                    "organisation_model",
                    "posting_scope",
                    "monitoring_cadence",
                )
            },
        )
        level.features.set([features[code] for code in row["features"]])
        _load_cells(get, level, row["dimensions"], dimensions, features)
        _load_role_requirements(get, level, row["role_requirements"], roles)
        _load_metrics(get, level, row["metrics"], metrics)
        _load_guidelines(get, level, row["guidelines"])


def _load_metrics(get, level, rows: list[dict], metrics: dict) -> None:
    RequiredMetric = get("maturity", "RequiredMetric")
    kept = []
    for row in rows:
        required, _ = RequiredMetric.objects.update_or_create(
            level=level, metric=metrics[row["code"]], defaults={"optional": row["optional"]}
        )
        kept.append(required.pk)
    RequiredMetric.objects.filter(level=level).exclude(pk__in=kept).delete()


def _load_guidelines(get, level, kinds: list[str]) -> None:
    RequiredGuideline = get("maturity", "RequiredGuideline")
    kept = [RequiredGuideline.objects.get_or_create(level=level, kind=kind)[0].pk for kind in kinds]
    RequiredGuideline.objects.filter(level=level).exclude(pk__in=kept).delete()


def _load_cells(get, level, cells: dict, dimensions: dict, features: dict) -> None:
    LevelDimension = get("maturity", "LevelDimension")
    Requirement = get("maturity", "Requirement")
    fields = _field_names(Requirement)
    semantics = [name for name in LINE_SEMANTICS if name in fields]
    with_features = "forbidden_features" in fields
    for code, cell_data in cells.items():
        cell, _ = LevelDimension.objects.update_or_create(
            level=level,
            dimension=dimensions[code],
            defaults={
                "inherits_lower": cell_data["inherits"],
                "note_da": cell_data["note_da"],
                "note_en": cell_data["note_en"],
            },
        )
        lines = cell_data["requirements"]
        for order, line in enumerate(lines, start=1):
            values = {"text_da": line["da"], "text_en": line["en"]}
            values.update({name: line.get(name) for name in semantics})
            requirement = Requirement.objects.filter(cell=cell, order=order).first()
            if requirement is None:
                if "evidence_source" in fields:
                    values["evidence_source"] = evidence_source_for(level.number, code, order - 1)
                requirement = Requirement.objects.create(cell=cell, order=order, **values)
            elif any(getattr(requirement, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(requirement, name, value)
                requirement.save()
            if with_features:
                requirement.forbidden_features.set([features[feature] for feature in line.get("forbids", [])])
        Requirement.objects.filter(cell=cell, order__gt=len(lines)).delete()


def _load_role_requirements(get, level, rows: list[dict], roles: dict) -> None:
    RoleRequirement = get("maturity", "RoleRequirement")
    kept = []
    for row in rows:
        requirement, _ = RoleRequirement.objects.update_or_create(
            level=level,
            role=roles[row["role"]],
            scope=row["scope"],
            defaults={
                "min_headcount": row["min_headcount"],
                "recommended_headcount": row["recommended_headcount"],
                "needs_backup": row["needs_backup"],
                "note_da": row["note_da"],
                "note_en": row["note_en"],
            },
        )
        requirement.may_combine_with.set([roles[code] for code in row["may_combine_with"]])
        kept.append(requirement.pk)
    RoleRequirement.objects.filter(level=level).exclude(pk__in=kept).delete()
