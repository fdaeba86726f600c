"""The demo earns its levels: ``gap_report`` assesses each department of ``seed_demo`` at the level its data was built
for, the one-short department's report names its one missing line, and a report at a department's current level is
mostly evidence, not open questions."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import strip_tags

from governance.models import Role, Unit, User
from governance.people.services import unit_membership_add
from hospital_some.demo.levels import LEVEL_DEPARTMENTS, ONE_SHORT_CANDIDATE, ONE_SHORT_DEPARTMENT
from maturity.models import UnitMaturity

pytestmark = pytest.mark.django_db


def _gap_report(unit: Unit, level: int | None = None) -> dict:
    out = StringIO()
    options = {"level": level} if level is not None else {}
    call_command("gap_report", unit=str(unit.pk), format="json", stdout=out, **options)
    return json.loads(out.getvalue())


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())
    return {spec.name: Unit.objects.get(name=spec.name) for spec in LEVEL_DEPARTMENTS}


def test_each_department_is_assessed_at_the_level_the_demo_built_it_for(seeded):
    levels = set()
    for spec in LEVEL_DEPARTMENTS:
        report = _gap_report(seeded[spec.name])
        assert report["assessed_level"] == spec.level, (spec.name, report["verdict"])
        assert report["parts"]["hospital"]["met_up_to_level"] == 5
        standing = UnitMaturity.objects.get(unit=seeded[spec.name])
        assert (standing.current_level.number, standing.target_level.number) == (spec.level, spec.target)
        assert spec.target == min(spec.level + 1, 5)
        levels.add(spec.level)
    assert levels == {1, 2, 3, 4, 5}


def test_the_communication_units_recorded_level_is_the_level_the_engine_assesses(seeded):
    communication = Unit.objects.get(kind=Unit.Kind.COMMUNICATION, hospital=seeded[LEVEL_DEPARTMENTS[0].name].hospital)
    report = _gap_report(communication)
    assert (report["assessed_level"], report["current_level"], report["target_level"]) == (5, 5, 5)


def test_the_one_short_department_is_blocked_by_exactly_one_line(seeded):
    report = _gap_report(seeded[ONE_SHORT_DEPARTMENT])
    assert (report["assessed_level"], report["target_level"]) == (3, 4)
    assert report["blocking_parts"] == ["department"]
    [blocker] = report["blocked_by"]
    assert (blocker["source"], blocker["dimension"], blocker["status"]) == ("roles_staffed", "resources", "partly_met")
    assert "Community Manager: 1 of 2" in blocker["details"]
    assert blocker["fix_url"] == f"/units/{seeded[ONE_SHORT_DEPARTMENT].pk}/people/"
    assert blocker["title"] in report["verdict"]
    unmet = [
        item
        for dimension in report["dimensions"]
        for item in dimension["requirements"]
        if item["status"] not in {"met", "not_applicable"}
    ]
    assert unmet == [{key: value for key, value in blocker.items() if key != "dimension"}]


def test_a_report_at_the_current_level_is_mostly_evidenced(seeded):
    for spec in LEVEL_DEPARTMENTS:
        report = _gap_report(seeded[spec.name], level=spec.level)
        items = [item for dimension in report["dimensions"] for item in dimension["requirements"]]
        not_evidenced = [item for item in items if item["status"] == "not_evidenced"]
        assert items
        assert len(not_evidenced) / len(items) < 0.25, (spec.name, [item["title"] for item in not_evidenced])
        assert all(item["status"] in {"met", "not_applicable"} for item in items), spec.name


def _people_page_needs(client, unit: Unit) -> str:
    page = client.get(reverse("unit_people", args=[unit.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    section = html[html.index('id="needs-heading"') : html.index("</section>", html.index('id="needs-heading"'))]
    return " ".join(strip_tags(section).split())


def test_staffing_the_missing_role_lifts_the_one_short_department_to_its_target(seeded, client):
    unit = seeded[ONE_SHORT_DEPARTMENT]
    manager = User.objects.get(username="boern-manager")
    client.force_login(manager)
    # The people page the report's fix link opens says what the report says.
    [blocker] = _gap_report(unit)["blocked_by"]
    before = _people_page_needs(client, unit)
    assert "What level 4 asks of the unit's roles" in before
    assert blocker["evidence"] in before and "Community Manager: 1 of 2" in before
    assert "Not met yet" in before
    unit_membership_add(
        unit=unit,
        user=User.objects.get(username=ONE_SHORT_CANDIDATE),
        role=Role.objects.get(code="community_manager"),
        acting_user=manager,
    )
    assert _gap_report(unit)["assessed_level"] == 4
    after = _people_page_needs(client, unit)
    assert "Community Manager: 2 of 2" in after and "Not met yet" not in after
