"""Who must take which course: the audience rules, current against target level, and the expiry windows."""

import datetime

import pytest

from governance.models import Unit
from tests.factories import UnitFactory, membership_make
from tests.training_factories import completion_make, course, member_make, unit_at_levels
from training.models import Course
from training.needs.selectors import (
    AUDIENCE_RULES,
    Requirement,
    TrainingStatus,
    person_training,
    unit_training_gap,
    units_coverage,
)

TODAY = datetime.date(2027, 3, 1)
pytestmark = pytest.mark.django_db


def required(user, requirement=Requirement.NOW) -> set[str]:
    return {
        need.course.code for need in person_training(user=user, today=TODAY).needs if need.requirement == requirement
    }


def test_every_audience_has_a_rule():
    assert set(AUDIENCE_RULES) == set(Course.Audience.values)


@pytest.mark.parametrize(
    ("role_code", "expected"),
    [
        ("producer", {"intro", "content"}),
        ("flowmanager", {"intro", "coordination", "feedback_dialogue"}),
        ("manager", {"intro", "managers"}),
        ("community_manager", {"intro", "feedback_dialogue"}),
        ("involvement_specialist", {"intro", "feedback_dialogue"}),
        ("network_facilitator", {"intro"}),
    ],
)
def test_a_level_3_department_requires_courses_by_role(role_code, expected):
    department = unit_at_levels(current=3, target=3)
    assert required(member_make(unit=department, role_code=role_code)) == expected


def test_department_only_audiences_skip_the_communication_unit():
    communication = unit_at_levels(current=3, target=3, kind=Unit.Kind.COMMUNICATION)
    flowmanager = member_make(unit=communication, role_code="flowmanager")
    assert required(flowmanager) == {"intro"}


def test_network_moderators_must_take_patient_networks_at_level_5_in_any_unit():
    communication = unit_at_levels(current=5, target=5, kind=Unit.Kind.COMMUNICATION)
    specialist = member_make(unit=communication, role_code="network_specialist")
    assert required(specialist) == {"intro", "patient_networks"}


def test_interested_staff_courses_are_recommended_never_required():
    department = unit_at_levels(current=3, target=3)
    producer = member_make(unit=department, role_code="producer")
    assert "ambassador" not in required(producer)
    assert required(producer, Requirement.RECOMMENDED) == {"ambassador"}


def test_the_courses_roles_add_people_beyond_the_audience():
    department = unit_at_levels(current=3, target=3)
    manager = member_make(unit=department, role_code="manager")
    course("content").roles.add(manager.memberships.get().role)
    assert "content" in required(manager)


def test_target_level_courses_are_required_for_the_target_and_current_wins():
    department = unit_at_levels(current=2, target=3)
    producer = member_make(unit=department, role_code="producer")
    assert required(producer) == {"intro"}
    assert required(producer, Requirement.TARGET) == {"content"}
    membership_make(user=producer, unit=unit_at_levels(current=3, target=3), role_code="producer")
    assert required(producer) == {"intro", "content"}
    assert required(producer, Requirement.TARGET) == set()


def test_a_unit_without_maturity_and_a_level_1_unit_require_nothing():
    person = member_make(unit=unit_at_levels(current=1, target=1), role_code="producer")
    membership_make(user=person, unit=UnitFactory(), role_code="manager")
    assert person_training(user=person, today=TODAY).needs == []


def test_a_course_no_longer_offered_is_not_required():
    department = unit_at_levels(current=3, target=3)
    producer = member_make(unit=department, role_code="producer")
    withdrawn = course("content")
    withdrawn.is_active = False
    withdrawn.save()
    assert required(producer) == {"intro"}


@pytest.mark.parametrize(
    ("expires_on", "status"),
    [
        (None, TrainingStatus.TRAINED),
        (TODAY + datetime.timedelta(days=61), TrainingStatus.TRAINED),
        (TODAY + datetime.timedelta(days=60), TrainingStatus.EXPIRES_SOON),
        (TODAY, TrainingStatus.EXPIRES_SOON),
        (TODAY - datetime.timedelta(days=1), TrainingStatus.EXPIRED),
    ],
)
def test_the_expiry_windows(expires_on, status):
    department = unit_at_levels(current=2, target=2)
    producer = member_make(unit=department, role_code="producer")
    completion_make(
        user=producer, course=course("intro"), completed_on=datetime.date(2026, 1, 5), expires_on=expires_on
    )
    (need,) = person_training(user=producer, today=TODAY).needs
    assert need.status == status


def test_the_best_completion_counts_and_none_is_missing():
    department = unit_at_levels(current=2, target=2)
    producer = member_make(unit=department, role_code="producer")
    (need,) = person_training(user=producer, today=TODAY).needs
    assert need.status == TrainingStatus.MISSING
    completion_make(
        user=producer,
        course=course("intro"),
        completed_on=datetime.date(2025, 1, 5),
        expires_on=TODAY.replace(year=2026),
    )
    renewed = completion_make(
        user=producer,
        course=course("intro"),
        completed_on=datetime.date(2026, 12, 5),
        expires_on=TODAY.replace(year=2028),
    )
    (need,) = person_training(user=producer, today=TODAY).needs
    assert (need.status, need.completion) == (TrainingStatus.TRAINED, renewed)


def test_the_unit_gap_matrix_and_share_trained():
    department = unit_at_levels(current=3, target=4)
    producers = [member_make(unit=department, role_code="producer") for _ in range(3)]
    manager = member_make(unit=department, role_code="manager")
    member_make(unit=department, role_code="flowmanager")
    completion_make(user=producers[0], course=course("content"), completed_on=TODAY)
    completion_make(
        user=producers[1], course=course("content"), completed_on=TODAY, expires_on=TODAY.replace(year=2026)
    )
    gap = unit_training_gap(unit=department, today=TODAY)
    columns = {entry.course.code: entry for entry in gap.coverage}
    assert (columns["content"].trained_count, columns["content"].required_count) == (1, 3)
    assert columns["content"].share_trained == 33
    assert columns["user_involvement"].requirement == Requirement.TARGET
    assert columns["managers"].required_user_ids == {manager.pk}
    statuses = {
        row.user.pk: dict(zip([entry.course.code for entry in gap.coverage], row.cells, strict=True))
        for row in gap.rows
    }
    assert statuses[producers[0].pk]["content"].status == TrainingStatus.TRAINED
    assert statuses[producers[1].pk]["content"].status == TrainingStatus.EXPIRED
    assert statuses[producers[2].pk]["content"].status == TrainingStatus.MISSING
    assert statuses[manager.pk]["content"].requirement is None


def test_coverage_at_a_given_level_ignores_the_units_own_level():
    department = unit_at_levels(current=1, target=1)
    member_make(unit=department, role_code="producer")
    assert units_coverage(units=[department], today=TODAY) == {}
    at_level_3 = units_coverage(units=[department], today=TODAY, level_number=3)
    assert {entry.course.code for entry in at_level_3[department.pk]} == {"intro", "content"}
