"""The configuration services: permission, audit (history rows naming the person, m2m included) and writes."""

import pytest

from governance.models import Role
from maturity.config.permissions import SCALE_CONFIG_PERMISSIONS, may_configure_scale
from maturity.config.services import (
    required_guidelines_set,
    required_metrics_set,
    role_requirement_remove,
    role_requirement_save,
    role_texts_update,
)
from maturity.config.validation import ScaleConfigError
from maturity.models import Metric, RequiredGuideline, RequiredMetric, RoleRequirement
from tests.maturity.config.test_rules import CENTRAL, requirement_data


def role_texts(role: Role, **changes) -> dict:
    return {
        "name_da": role.name_da,
        "name_en": role.name_en,
        "responsibilities_da": role.responsibilities_da,
        "responsibilities_en": role.responsibilities_en,
        "tasks_da": role.tasks_da,
        "tasks_en": role.tasks_en,
        **changes,
    }


@pytest.mark.parametrize("username", ["producer", "flowmanager", "manager", "community", "lead"])
def test_only_configurers_change_the_scale(demo, people, username):
    role = Role.objects.get(code="community_manager")
    with pytest.raises(ScaleConfigError, match="Only administrators"):
        role_requirement_save(
            level_number=3, role=role, scope=CENTRAL, data=requirement_data(3), acting_user=people[username]
        )
    with pytest.raises(ScaleConfigError, match="Only administrators"):
        role_texts_update(role=role, data=role_texts(role, tasks_en=["x"]), acting_user=people[username])
    assert RoleRequirement.objects.get(level__number=3, role=role, scope=CENTRAL).min_headcount == 2


def test_a_staff_member_granted_every_configuration_permission_may_configure(demo, people):
    from django.contrib.auth.models import Permission

    lead = people["lead"]
    lead.is_staff = True
    lead.save()
    assert not may_configure_scale(lead)
    for name in SCALE_CONFIG_PERMISSIONS:
        app_label, codename = name.split(".")
        lead.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    lead = type(lead).objects.get(pk=lead.pk)  # a fresh permission cache
    assert may_configure_scale(lead)
    assert may_configure_scale(people["admin"])


def test_a_raised_minimum_is_saved_with_the_person_in_history(demo, people):
    role = Role.objects.get(code="community_manager")
    combined = Role.objects.get(code="producer")
    requirement = role_requirement_save(
        level_number=3,
        role=role,
        scope=CENTRAL,
        data=requirement_data(3, 4, may_combine_with=[combined, role], needs_backup=True, note_en="Evenings too"),
        acting_user=people["admin"],
    )
    requirement.refresh_from_db()
    assert (requirement.min_headcount, requirement.recommended_headcount, requirement.needs_backup) == (3, 4, True)
    assert list(requirement.may_combine_with.all()) == [combined]  # a role is never combined with itself
    latest = requirement.history.order_by("-history_id")
    assert latest[0].history_user == people["admin"]
    assert latest[1].history_user == people["admin"]  # the save and then the m2m change
    assert [row.role_id for row in latest[0].may_combine_with.all()] == [combined.pk]  # the m2m is in history too


def test_adding_and_removing_a_requirement(demo, people):
    role = Role.objects.get(code="involvement_specialist")
    role_requirement_save(
        level_number=3, role=role, scope=CENTRAL, data=requirement_data(1), acting_user=people["admin"]
    )
    role_requirement_remove(level_number=3, role=role, scope=CENTRAL, acting_user=people["admin"])
    assert not RoleRequirement.objects.filter(level__number=3, role=role).exists()
    deleted = RoleRequirement.history.filter(level__number=3, role=role).latest("history_id")
    assert (deleted.history_type, deleted.history_user) == ("-", people["admin"])


def test_role_texts_are_changed_in_both_languages_with_history(demo, people):
    role = Role.objects.get(code="community_manager")
    role_texts_update(
        role=role,
        data=role_texts(role, tasks_en=["Moderation", "Night shifts"], tasks_da=["Moderation", "Nattevagter"]),
        acting_user=people["admin"],
    )
    role.refresh_from_db()
    assert role.tasks_en == ["Moderation", "Night shifts"]
    assert role.history.latest("history_id").history_user == people["admin"]


def test_required_metrics_and_guidelines_are_set_with_history(demo, people):
    wanted = {row.metric: row.optional for row in RequiredMetric.objects.filter(level__number=5)}
    wanted[Metric.objects.get(code="followers")] = False
    required_metrics_set(level_number=5, metrics=wanted, acting_user=people["admin"])
    assert RequiredMetric.objects.filter(level__number=5).count() == len(wanted)
    kinds = {*RequiredGuideline.objects.filter(level__number=1).values_list("kind", flat=True), "triage_diagram"}
    required_guidelines_set(level_number=1, kinds=kinds, acting_user=people["admin"])
    added = RequiredGuideline.history.get(level__number=1, kind="triage_diagram")
    assert (added.history_type, added.history_user) == ("+", people["admin"])


def test_an_unknown_guideline_is_refused(demo, people):
    with pytest.raises(ScaleConfigError, match="Unknown guideline"):
        required_guidelines_set(level_number=1, kinds={"crisis_plan", "<script>"}, acting_user=people["admin"])
