"""The scale in the database is complete against the seed document."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from governance.models import Role
from maturity.models import Dimension, Level, LevelDimension, RequiredGuideline, RoleRequirement
from maturity.scale.loader import scale_data
from training.models import Course

pytestmark = pytest.mark.django_db

# Requirement lines of the seed per dimension and level (1..5), counted by hand from
# ../shared/seeds/000_315e633837d55bde.txt; "+"-cells count only the lines the level adds.
SEED_LINE_COUNTS = {
    "interaction": [1, 5, 3, 2, 1],
    "content_strategy": [4, 2, 1, 1, 1],
    "organisation": [1, 1, 6, 6, 1],
    "resources": [1, 4, 7, 11, 3],
    "monitoring": [2, 4, 3, 1, 1],
    "response": [1, 4, 4, 2, 2],
    "effect": [2, 4, 4, 2, 1],
    "content_planning": [3, 3, 5, 2, 1],
    "training": [0, 2, 6, 1, 1],
}
# Cells the seed opens with "Niveau … +" / "Som niveau N +".
INHERITING_CELLS = {
    "interaction": [2, 3, 4, 5],
    "content_strategy": [2, 3, 4, 5],
    "organisation": [5],
    "resources": [5],
    "monitoring": [3, 4, 5],
    "response": [4, 5],
    "effect": [4, 5],
    "content_planning": [4, 5],
    "training": [4, 5],
}


def test_five_levels_and_nine_dimensions():
    assert list(Level.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert list(Dimension.objects.values_list("code", flat=True)) == list(SEED_LINE_COUNTS)


@pytest.mark.parametrize("dimension", SEED_LINE_COUNTS)
def test_requirement_lines_per_level_and_dimension(dimension):
    cells = LevelDimension.objects.filter(dimension__code=dimension).order_by("level__number")
    assert [cell.requirements.count() for cell in cells] == SEED_LINE_COUNTS[dimension]
    assert [cell.level.number for cell in cells if cell.inherits_lower] == INHERITING_CELLS[dimension]


def test_every_requirement_is_bilingual_and_free_of_ocr_typos():
    typos = [
        "strategit",
        "Målopfyldeelse",
        "Platformsvaeg",
        "Effektmaaling",
        "Overvaegning",
        "Metions",
        "Manger",
    ]
    for level in Level.objects.prefetch_related("cells__requirements"):
        for cell in level.cells.all():
            for requirement in cell.requirements.all():
                assert requirement.text_da.strip() and requirement.text_en.strip()
                assert not any(typo in requirement.text_da for typo in typos), requirement.text_da


def test_role_catalogue_holds_every_role_of_the_seed_tables():
    tabled = {
        "strategist": ["Strategier", "Resultater", "Ledelse"],
        "flowmanager": ["Indhold", "Målopfyldelse", "Teamledelse"],
        "community_manager": ["Interaktion", "Publicering"],
        "producer": ["Produktion", "Publicering"],
    }
    for code, responsibilities in tabled.items():
        role = Role.objects.get(code=code)
        assert role.responsibilities_da == responsibilities
        assert len(role.tasks_da) == len(role.tasks_en) >= 5
    assert Role.objects.get(code="community_manager").tasks_da == [
        "Moderation", "Kuratering", "Opdatering", "Overvågning", "Respons", "Indholdskalender", "Trafiktal",
    ]  # fmt: skip
    for code in ["involvement_specialist", "network_specialist", "network_facilitator", "manager"]:
        assert Role.objects.filter(code=code).exists()


def _minimums(level: int, scope: str) -> dict[str, int]:
    rows = RoleRequirement.objects.filter(level__number=level, scope=scope).select_related("role")
    return {row.role.code: row.min_headcount for row in rows}


def test_head_count_minimums_follow_the_seed():
    assert _minimums(1, "central") == {"producer": 1}
    assert _minimums(2, "central") == {"community_manager": 1, "producer": 1}
    assert _minimums(3, "central") == {
        "strategist": 1,
        "flowmanager": 1,
        "community_manager": 2,
        "producer": 1,
    }
    assert _minimums(3, "posting_departments") == {"flowmanager": 1, "producer": 1}
    assert _minimums(4, "central") == {
        "strategist": 1, "flowmanager": 1, "community_manager": 2, "producer": 2, "involvement_specialist": 1,
    }  # fmt: skip
    assert _minimums(4, "posting_departments") == {"flowmanager": 1, "community_manager": 2, "producer": 1}
    assert _minimums(5, "central") == {**_minimums(4, "central"), "network_specialist": 1}
    assert _minimums(5, "posting_departments") == _minimums(4, "posting_departments")
    # "Several facilitators for each of the department's networks": asked of the departments that run one.
    assert _minimums(5, "network_departments") == {"network_facilitator": 2}


def test_one_person_may_hold_strategist_and_flowmanager_at_level_3():
    rule = RoleRequirement.objects.get(level__number=3, scope="central", role__code="strategist")
    assert list(rule.may_combine_with.values_list("code", flat=True)) == ["flowmanager"]
    level_1 = RoleRequirement.objects.get(level__number=1, role__code="producer")
    assert level_1.needs_backup


def test_structured_rules_per_level():
    features = {level.number: {f.code for f in level.features.all()} for level in Level.objects.all()}
    assert features[1] == {"posts"}
    assert {"reactions", "comments", "sharing", "direct_messages", "user_posts", "reviews"} <= features[2]
    assert "closed_groups" not in features[4] and "closed_groups" in features[5]
    postings = dict(Level.objects.values_list("number", "posting_scope"))
    assert postings == {
        1: "central_only", 2: "central_only", 3: "selected_departments", 4: "willing_departments",
        5: "department_groups",
    }  # fmt: skip
    assert set(RequiredGuideline.objects.filter(level__number=1).values_list("kind", flat=True)) == {"crisis_plan"}
    assert RequiredGuideline.objects.filter(level__number=3).count() == 4
    level_1_metrics = {m.metric.code: m.optional for m in Level.objects.get(number=1).required_metrics.all()}
    assert level_1_metrics == {"followers": False, "mentions_sentiment": True}


def test_training_programme_per_level():
    by_level = {n: set(Course.objects.filter(levels__number=n).values_list("code", flat=True)) for n in range(1, 6)}
    assert by_level[1] == set()
    assert by_level[2] == {"intro", "managers"}
    assert len(by_level[3]) == 6 and by_level[2] < by_level[3] < by_level[4] < by_level[5]
    assert Course.objects.get(code="patient_networks").audience == "network_moderators"


def test_export_reproduces_the_source_data():
    out = StringIO()
    call_command("maturity_export", "--format", "json", stdout=out)
    exported = json.loads(out.getvalue())
    source = scale_data()
    for key in ["dimensions", "features", "metrics", "roles"]:
        assert exported[key] == source[key]
    for exported_level, source_level in zip(exported["levels"], source["levels"], strict=True):
        source_level = {**source_level, "courses": None, "guidelines": sorted(source_level["guidelines"])}
        exported_level = {**exported_level, "courses": None}
        for level in (source_level, exported_level):
            level["role_requirements"] = sorted(
                ({**rule, "may_combine_with": sorted(rule["may_combine_with"])} for rule in level["role_requirements"]),
                key=lambda rule: (rule["scope"], rule["role"]),
            )
        assert exported_level == source_level
    assert [course["code"] for course in exported["courses"]] == [course["code"] for course in source["courses"]]
