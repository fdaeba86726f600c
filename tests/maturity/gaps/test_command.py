"""``manage.py gap_report`` prints the unit's gap report as JSON or CSV."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from governance.models import Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT


def _run(*args) -> str:
    out = io.StringIO()
    call_command("gap_report", *args, stdout=out)
    return out.getvalue()


def test_json_by_name_at_the_target_level(demo):
    report = json.loads(_run("--unit", PERSONA_DEPARTMENT, "--format", "json"))
    assert (report["unit"], report["level"], report["target_level"]) == (PERSONA_DEPARTMENT, 4, 4)
    resources = next(d for d in report["dimensions"] if d["code"] == "resources")
    sources = [item["source"] for item in resources["requirements"]]
    assert "roles_staffed" in sources and "self_assessed" in sources
    assert sum(report["counts"].values()) == sum(len(d["requirements"]) for d in report["dimensions"])


def test_csv_by_id_at_a_chosen_level(demo):
    unit = Unit.objects.get(name=PERSONA_DEPARTMENT)
    rows = list(csv.reader(io.StringIO(_run("--unit", str(unit.pk), "--level", "1", "--format", "csv"))))
    assert rows[0] == [
        "Dimension", "Requirement", "Status", "Evidence", "Details", "Who can act", "Link", "Part", "Applies to",
    ]  # fmt: skip
    branding = next(row for row in rows[1:] if row[1].startswith("Branding and reputation management"))
    assert branding[7:] == ["Hospital", "The hospital (the communication unit answers)"]
    assert all(row[2] in {"Met", "Partly met", "Not met", "Not evidenced", "Not applicable"} for row in rows[1:])


def test_unknown_unit_and_level_are_refused(demo):
    with pytest.raises(CommandError, match="No unit"):
        _run("--unit", "Ingen afdeling")
    with pytest.raises(CommandError, match="no level 9"):
        _run("--unit", PERSONA_DEPARTMENT, "--level", "9")
