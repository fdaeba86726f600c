"""The scale's line semantics as data: to whom each line applies, up to which level, and what it rules out; the
loader that keeps evidence sources and self-assessments when it runs again; the level pages and the export."""

import importlib
import json
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.urls import reverse

from governance.audit import save_as
from maturity.gaps.requirement_sources import SOURCE_CHANGES, evidence_source_for
from maturity.gaps.services import self_assessment_answer
from maturity.models import SELF_ASSESSED, Dimension, Level, Requirement, RoleRequirement, SelfAssessment
from maturity.scale.loader import load_scale, scale_data
from maturity.selectors import cells_by_level_and_dimension, effective_cells

pytestmark = pytest.mark.django_db

LEVEL_1_NO_REACTIONS = "The platforms' basic (posting) functions are used – but with no option for reactions"


def _in_force(number: int) -> list[Requirement]:
    dimensions = list(Dimension.objects.all())
    cells = effective_cells(number, dimensions, cells_by_level_and_dimension(with_features=True))
    return [line for cell in cells for line in cell.requirements]


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_no_line_in_force_at_a_level_forbids_a_feature_that_level_allows(number):
    level = Level.objects.prefetch_related("features").get(number=number)
    allowed = {feature.code for feature in level.features.all()}
    for line in _in_force(number):
        forbidden = {feature.code for feature in line.forbidden_features.all()}
        assert not forbidden & allowed, (number, line.text_en, forbidden & allowed)


def test_the_data_holds_a_line_that_forbids_features_so_the_check_above_bites():
    line = Requirement.objects.get(text_en__startswith=LEVEL_1_NO_REACTIONS)
    assert {feature.code for feature in line.forbidden_features.all()} == {"reactions", "comments", "sharing"}
    assert line.last_level == 1
    assert line.forbidden_features.filter(levels__number=2).exists()  # level 2 allows them: the line must end at 1


def test_as_level_n_plus_carries_only_the_lines_still_in_force():
    for number in (2, 3, 4, 5):
        assert LEVEL_1_NO_REACTIONS not in " ".join(line.text_en for line in _in_force(number))
    assert LEVEL_1_NO_REACTIONS in " ".join(line.text_en for line in _in_force(1))
    # Level 3's "continuous checks 365/24/7" replaces level 2's "several daily checks within working hours".
    level_3_monitoring = [line.text_en for line in _in_force(3) if line.cell.dimension.code == "monitoring"]
    assert not any("within normal working hours" in text for text in level_3_monitoring)
    assert any("365/24/7" in text for text in level_3_monitoring)


def test_every_line_has_a_scope_and_ends_no_lower_than_its_level():
    lines = list(Requirement.objects.select_related("cell__level"))
    assert lines
    for line in lines:
        assert line.scope in Requirement.Scope.values
        assert line.last_level is None or line.last_level >= line.cell.level.number


def _scopes(number: int, dimension: str) -> list[str]:
    return list(
        Requirement.objects.filter(cell__level__number=number, cell__dimension__code=dimension)
        .order_by("order")
        .values_list("scope", flat=True)
    )


def test_scopes_follow_the_seed():
    hospital, department = Requirement.Scope.HOSPITAL, Requirement.Scope.DEPARTMENT
    posting, network = Requirement.Scope.POSTING_DEPARTMENTS, Requirement.Scope.NETWORK_DEPARTMENTS
    # Level 1 is centralised: everything is the communication unit's, for the whole hospital.
    assert set(Requirement.objects.filter(cell__level__number=1).values_list("scope", flat=True)) == {hospital}
    # "A Center of Excellence is established" is the hospital's, never a department's to self-assess.
    assert _scopes(4, "organisation") == [hospital] * 5 + [posting]
    # "All departments: ready to give input to the dialogue"; the rest of level 2's resources are central.
    assert _scopes(2, "resources") == [hospital, hospital, hospital, department]
    # Level 3: the CoEL's roles, then the selected departments' (flowmanager, producers, stand-ins), then all.
    assert _scopes(3, "resources") == [hospital] * 3 + [posting] * 3 + [department]
    assert _scopes(3, "training") == [department] * 3 + [posting] * 3
    # Level 5: networks are the departments' that run them; the network specialist and follow group are central.
    assert _scopes(5, "resources") == [hospital, network, hospital]
    assert _scopes(5, "response") == [hospital, network]
    assert RoleRequirement.objects.get(level__number=5, role__code="network_facilitator").scope == network


def test_lines_whose_source_changed_have_the_new_source():
    for (number, dimension, index), (_before, now) in SOURCE_CHANGES.items():
        line = Requirement.objects.get(cell__level__number=number, cell__dimension__code=dimension, order=index + 1)
        assert line.evidence_source == now == evidence_source_for(number, dimension, index)


def test_loading_the_scale_again_keeps_evidence_sources_self_assessments_and_ids(demo, people):
    line = Requirement.objects.get(cell__level__number=2, cell__dimension__code="resources", order=4)
    assert line.evidence_source == SELF_ASSESSED and line.scope == Requirement.Scope.DEPARTMENT
    department = people["manager"].memberships.get(role__code="manager").unit
    assessment = self_assessment_answer(
        unit=department, requirement=line, answer="met", evidence="Vi svarer.", acting_user=people["manager"]
    )
    sourced = Requirement.objects.get(cell__level__number=1, cell__dimension__code="effect", order=1)
    sourced.evidence_source = "configured_elsewhere"
    sourced.text_en = "Edited by hand"
    save_as(sourced, people["admin"])
    ids_before = set(Requirement.objects.values_list("pk", flat=True))

    load_scale(django_apps)

    assert set(Requirement.objects.values_list("pk", flat=True)) == ids_before
    assert SelfAssessment.objects.filter(pk=assessment.pk, requirement=line).exists()
    sourced.refresh_from_db()
    assert sourced.evidence_source == "configured_elsewhere"  # the loader never resets a line's source
    assert sourced.text_en == "Followers and new followers"  # the texts come from scale.json
    first = Requirement.objects.get(text_en__startswith=LEVEL_1_NO_REACTIONS)
    assert first.last_level == 1 and first.forbidden_features.count() == 3


def test_a_line_the_file_no_longer_has_is_removed_and_a_new_one_gets_its_source(demo):
    data = scale_data()
    level_2 = next(level for level in data["levels"] if level["number"] == 2)
    effect = level_2["dimensions"]["effect"]["requirements"]
    kept_ids = list(
        Requirement.objects.filter(cell__level__number=2, cell__dimension__code="effect")
        .order_by("order")
        .values_list("pk", flat=True)
    )
    effect.pop()  # "Mentions and sentiment" goes
    load_scale(django_apps, data)
    remaining = Requirement.objects.filter(cell__level__number=2, cell__dimension__code="effect").order_by("order")
    assert list(remaining.values_list("pk", flat=True)) == kept_ids[:-1]
    effect.append({"da": "Ny linje", "en": "A new line", "scope": "department"})
    load_scale(django_apps, data)
    new = Requirement.objects.get(cell__level__number=2, cell__dimension__code="effect", order=4)
    assert (new.text_en, new.scope, new.evidence_source) == ("A new line", "department", "metrics_collected")


def test_the_migration_fills_the_semantics_of_an_existing_database():
    migration = importlib.import_module("maturity.migrations.0008_requirement_scope_last_level")
    Requirement.objects.update(scope=Requirement.Scope.HOSPITAL, last_level=None)
    moved = Requirement.objects.get(cell__level__number=3, cell__dimension__code="resources", order=6)
    Requirement.objects.filter(pk=moved.pk).update(evidence_source="roles_staffed")
    rule = RoleRequirement.objects.get(level__number=5, role__code="network_facilitator")
    RoleRequirement.objects.filter(pk=rule.pk).update(scope="posting_departments")

    migration.fill_line_semantics(django_apps, None)

    moved.refresh_from_db()
    assert (moved.scope, moved.evidence_source) == ("posting_departments", "role_backups")
    assert Requirement.objects.get(text_en__startswith=LEVEL_1_NO_REACTIONS).last_level == 1
    assert Requirement.objects.filter(scope=Requirement.Scope.NETWORK_DEPARTMENTS).count() == 7
    rule.refresh_from_db()
    assert rule.scope == "network_departments"


def test_level_pages_show_scope_and_the_last_level(client_as):
    client = client_as("manager")
    html = client.get(reverse("maturity:level", args=[1]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "applies up to level 1" in html
    assert "The hospital (the communication unit answers)" in html
    html = client.get(reverse("maturity:level", args=[2]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No longer in force at this level:" in html
    assert "level 1, applied up to level 1" in html
    assert "Every department" in html  # "All departments: ready to give input to the dialogue"
    html = client.get(reverse("maturity:level", args=[5]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Departments running a patient network" in html


def test_export_states_scope_and_last_level():
    out = StringIO()
    call_command("maturity_export", "--format", "json", stdout=out)
    level_1 = json.loads(out.getvalue())["levels"][0]
    line = level_1["dimensions"]["interaction"]["requirements"][0]
    assert line["scope"] == "hospital" and line["last_level"] == 1
    assert line["forbids"] == ["reactions", "comments", "sharing"]
