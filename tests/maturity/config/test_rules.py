"""The consistency rules of the scale's configuration (maturity/config/validation.py): each refused with a message
naming the level and the rule, nothing written."""

import pytest

from governance.models import Role
from maturity.config.services import (
    monitoring_norm_update,
    required_guidelines_set,
    required_metrics_set,
    role_requirement_remove,
    role_requirement_save,
)
from maturity.config.validation import ScaleConfigError, standard_check, standard_load
from maturity.models import LevelDimension, Metric, MonitoringNorm, RequiredGuideline, RequiredMetric, RoleRequirement
from maturity.scale.monitoring_norms import NORMS

CENTRAL = RoleRequirement.Scope.CENTRAL


def requirement_data(minimum, recommended=None, **overrides) -> dict:
    return {
        "min_headcount": minimum,
        "recommended_headcount": recommended,
        "may_combine_with": [],
        "needs_backup": False,
        "note_da": "",
        "note_en": "",
        **overrides,
    }


def minimum(number: int, role_code: str, scope: str = CENTRAL) -> int | None:
    row = RoleRequirement.objects.filter(level__number=number, role__code=role_code, scope=scope).first()
    return None if row is None else row.min_headcount


def inherit(number: int, dimension: str) -> None:
    """Make level ``number`` build on the level below in ``dimension`` (the seed does so for levels 3–5 in some)."""
    cell = LevelDimension.objects.get(level__number=number, dimension__code=dimension)
    cell.inherits_lower = True
    cell.save()


def test_the_seeded_standard_is_consistent(demo):
    standard = standard_load()
    for number in range(1, 6):
        standard_check(standard, number=number)


def test_a_minimum_below_zero_is_refused(demo, people):
    with pytest.raises(ScaleConfigError, match="cannot be below zero") as refused:
        role_requirement_save(
            level_number=3,
            role=Role.objects.get(code="community_manager"),
            scope=CENTRAL,
            data=requirement_data(-1),
            acting_user=people["admin"],
        )
    assert refused.value.field == "min_headcount"
    assert minimum(3, "community_manager") == 2


def test_a_recommendation_below_the_minimum_is_refused(demo, people):
    with pytest.raises(ScaleConfigError, match="recommended head-count cannot be below the minimum"):
        role_requirement_save(
            level_number=3,
            role=Role.objects.get(code="community_manager"),
            scope=CENTRAL,
            data=requirement_data(3, 2),
            acting_user=people["admin"],
        )
    assert minimum(3, "community_manager") == 2


def test_a_level_building_on_the_one_below_may_not_require_fewer_people(demo, people):
    """Level 5 builds on level 4 in 'Resources, roles and tasks' (the seed's "Som niveau 4 +")."""
    with pytest.raises(ScaleConfigError) as refused:
        role_requirement_save(
            level_number=5,
            role=Role.objects.get(code="producer"),
            scope=CENTRAL,
            data=requirement_data(1),
            acting_user=people["admin"],
        )
    assert str(refused.value) == (
        "Level 5 builds on level 4 in “Resources, roles and tasks”, so it cannot require fewer "
        "people as “Social Media Producer/Coordinator” (Central communication unit) than level 4: at least 2."
    )
    assert minimum(5, "producer") == 2


def test_raising_the_lower_level_above_the_level_building_on_it_is_refused(demo, people):
    with pytest.raises(ScaleConfigError, match=r"Level 5 builds on level 4 .* at least 3"):
        role_requirement_save(
            level_number=4,
            role=Role.objects.get(code="producer"),
            scope=CENTRAL,
            data=requirement_data(3),
            acting_user=people["admin"],
        )
    assert minimum(4, "producer") == 2


def test_adding_a_role_below_that_the_level_above_lacks_is_refused(demo, people):
    with pytest.raises(ScaleConfigError, match="Level 5 builds on level 4"):
        role_requirement_save(
            level_number=4,
            role=Role.objects.get(code="network_facilitator"),
            scope=CENTRAL,
            data=requirement_data(1),
            acting_user=people["admin"],
        )
    assert minimum(4, "network_facilitator") is None


def test_removing_a_role_the_level_below_requires_is_refused(demo, people):
    with pytest.raises(ScaleConfigError, match=r"Level 5 builds on level 4 .* at least 1"):
        role_requirement_remove(
            level_number=5, role=Role.objects.get(code="strategist"), scope=CENTRAL, acting_user=people["admin"]
        )
    assert minimum(5, "strategist") == 1


def test_where_the_seed_does_not_build_on_the_level_below_a_level_may_ask_less(demo, people):
    """Level 4's resources cell replaces level 3's, so level 3 may ask for three community managers."""
    role_requirement_save(
        level_number=3,
        role=Role.objects.get(code="community_manager"),
        scope=CENTRAL,
        data=requirement_data(3),
        acting_user=people["admin"],
    )
    assert minimum(3, "community_manager") == 3
    assert minimum(4, "community_manager") == 2


def test_metrics_of_the_level_below_stay_required(demo, people):
    """Level 4 builds on level 3 in 'Effect measurement'."""
    level_3 = {row.metric: row.optional for row in RequiredMetric.objects.filter(level__number=4)}
    without_reach = {metric: optional for metric, optional in level_3.items() if metric.code != "reach"}
    with pytest.raises(ScaleConfigError, match=r"Level 4 builds on level 3 .* metric “Reach"):
        required_metrics_set(level_number=4, metrics=without_reach, acting_user=people["admin"])
    made_optional = {metric: optional or metric.code == "reach" for metric, optional in level_3.items()}
    with pytest.raises(ScaleConfigError, match="at least as firmly as level 3"):
        required_metrics_set(level_number=4, metrics=made_optional, acting_user=people["admin"])
    assert RequiredMetric.objects.get(level__number=4, metric__code="reach").optional is False


def test_a_metric_added_below_must_be_asked_for_above(demo, people):
    metrics = {row.metric: row.optional for row in RequiredMetric.objects.filter(level__number=3)}
    metrics[Metric.objects.get(code="network_members_engagement")] = True
    with pytest.raises(ScaleConfigError, match="Level 4 builds on level 3"):
        required_metrics_set(level_number=3, metrics=metrics, acting_user=people["admin"])
    assert not RequiredMetric.objects.filter(level__number=3, metric__code="network_members_engagement").exists()


def test_guidelines_of_the_level_below_stay_required(demo, people):
    """Level 4 builds on level 3 in 'Response guidelines'."""
    kinds = set(RequiredGuideline.objects.filter(level__number=4).values_list("kind", flat=True)) - {"crisis_plan"}
    with pytest.raises(ScaleConfigError) as refused:
        required_guidelines_set(level_number=4, kinds=kinds, acting_user=people["admin"])
    assert str(refused.value) == (
        "Level 4 builds on level 3 in “Response guidelines”, so it must also require “Crisis plan”, "
        "which level 3 requires."
    )
    assert RequiredGuideline.objects.filter(level__number=4, kind="crisis_plan").exists()


def test_a_guideline_added_below_must_be_required_above(demo, people):
    kinds = {*RequiredGuideline.objects.filter(level__number=3).values_list("kind", flat=True), "network_guidelines"}
    kinds_4 = set(RequiredGuideline.objects.filter(level__number=4).values_list("kind", flat=True))
    assert "network_guidelines" not in kinds_4
    with pytest.raises(ScaleConfigError, match="Level 4 builds on level 3"):
        required_guidelines_set(level_number=3, kinds=kinds, acting_user=people["admin"])


def norm_data(number: int, **changes) -> dict:
    return {**NORMS[number], **changes}


@pytest.mark.parametrize(
    ("number", "changes", "term"),
    [
        (4, {"check_interval_minutes": 121}, "the longest gap between checks"),
        (4, {"checks_in_working_time": True}, "the longest gap between checks"),
        (4, {"answer_within_minutes": None}, "the answer deadline"),
        (4, {"answer_within_minutes": 180}, "the answer deadline"),
        (5, {"involvement_check_interval_minutes": 90}, "the gap between checks of user-involvement posts"),
        (3, {"check_interval_minutes": 119, "answer_within_minutes": 100}, None),  # stricter than level 2: fine
    ],
)
def test_a_monitoring_norm_may_not_be_laxer_than_the_level_below(demo, people, number, changes, term):
    if term is None:
        # level 3 becoming stricter than level 4 breaks level 4 instead (level 4 builds on level 3)
        with pytest.raises(ScaleConfigError, match="Level 4 builds on level 3"):
            monitoring_norm_update(level_number=number, data=norm_data(number, **changes), acting_user=people["admin"])
        assert MonitoringNorm.objects.get(level__number=3).check_interval_minutes == 120
        return
    with pytest.raises(ScaleConfigError) as refused:
        monitoring_norm_update(level_number=number, data=norm_data(number, **changes), acting_user=people["admin"])
    assert str(refused.value) == (
        f"Level {number} builds on level {number - 1} in “Monitoring”, so {term} cannot be longer or counted more "
        f"loosely than at level {number - 1}."
    )
    assert (
        MonitoringNorm.objects.get(level__number=number).check_interval_minutes
        == NORMS[number]["check_interval_minutes"]
    )


def test_a_norm_below_the_models_minimum_is_refused_at_its_field(demo, people):
    with pytest.raises(ScaleConfigError) as refused:
        monitoring_norm_update(level_number=1, data=norm_data(1, escalate_after_minutes=1), acting_user=people["admin"])
    assert refused.value.field == "escalate_after_minutes"


def test_building_on_the_level_below_is_read_live_from_the_cells(demo, people):
    """Level 4 does not build on level 3 in resources in the seed; once it does, it may not ask less."""
    inherit(4, "resources")
    with pytest.raises(ScaleConfigError, match="Level 4 builds on level 3"):
        role_requirement_save(
            level_number=4,
            role=Role.objects.get(code="producer"),
            scope=RoleRequirement.Scope.POSTING_DEPARTMENTS,
            data=requirement_data(0),
            acting_user=people["admin"],
        )
