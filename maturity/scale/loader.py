"""Write ``scale.json`` into the database; idempotent, so a later migration can run it again after an edit.

It takes an app registry so that data migrations can pass their historical models.
"""

import json
from pathlib import Path

SCALE_FILE = Path(__file__).with_name("scale.json")


def scale_data() -> dict:
    return json.loads(SCALE_FILE.read_text(encoding="utf-8"))


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
        _load_cells(get, level, row["dimensions"], dimensions)
        _load_role_requirements(get, level, row["role_requirements"], roles)
        _replace_rows(
            get("maturity", "RequiredMetric"),
            level,
            [{"metric": metrics[m["code"]], "optional": m["optional"]} for m in row["metrics"]],
        )
        _replace_rows(get("maturity", "RequiredGuideline"), level, [{"kind": kind} for kind in row["guidelines"]])


def _replace_rows(model, level, rows: list[dict]) -> None:
    model.objects.filter(level=level).delete()
    model.objects.bulk_create([model(level=level, **row) for row in rows])


def _load_cells(get, level, cells: dict, dimensions: dict) -> None:
    LevelDimension = get("maturity", "LevelDimension")
    Requirement = get("maturity", "Requirement")
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
        cell.requirements.all().delete()
        Requirement.objects.bulk_create(
            Requirement(cell=cell, order=order, text_da=line["da"], text_en=line["en"])
            for order, line in enumerate(cell_data["requirements"], start=1)
        )


def _load_role_requirements(get, level, rows: list[dict], roles: dict) -> None:
    RoleRequirement = get("maturity", "RoleRequirement")
    RoleRequirement.objects.filter(level=level).delete()
    for row in rows:
        requirement = RoleRequirement.objects.create(
            level=level,
            role=roles[row["role"]],
            scope=row["scope"],
            min_headcount=row["min_headcount"],
            recommended_headcount=row["recommended_headcount"],
            needs_backup=row["needs_backup"],
            note_da=row["note_da"],
            note_en=row["note_en"],
        )
        requirement.may_combine_with.set([roles[code] for code in row["may_combine_with"]])
