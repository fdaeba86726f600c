"""Property tests of the gap engine, through the services: a hospital built to meet exactly level N is assessed at N,
and taking away the evidence of any one line in force at level N assesses it below N.

The hospital's communication unit and its department are built by ``tests.gap_factories.hospital_at_level``: roles
staffed with back-ups, guidelines approved, the follow group meeting, self-assessments answered and accepted, the
department enrolled to post (level 3 and up) and running a patient network (level 5), all for real; the evidence
the apps above maturity provide (plans, calendar, proposals, monitoring, metrics, training) comes from stand-in
providers that answer "met" unless told otherwise.
"""

import pytest
from django.utils import timezone

from maturity.gaps.engine import DEPARTMENT_PART, HOSPITAL_PART, unit_gap_reports
from tests.gap_factories import fake_provided_sources, hospital_at_level, lines_in_force

pytestmark = pytest.mark.django_db

LEVELS = [1, 2, 3, 4, 5]


def _reports(built):
    with fake_provided_sources(built):
        return unit_gap_reports(built.units(), today=timezone.localdate())


@pytest.mark.parametrize("level", LEVELS)
def test_a_hospital_built_to_meet_exactly_level_n_is_assessed_at_n(level):
    built = hospital_at_level(level)
    reports = _reports(built)
    department, communication = reports[built.department.pk], reports[built.communication.pk]
    assert communication.assessed_level == level
    assert department.assessed_level == level, [
        (dimension.code, item.title, item.evidence.summary) for dimension, item in department.blocked_by
    ]
    assert department.part_levels[HOSPITAL_PART] == level
    # A department runs a patient network from level 5 only, so below 5 its own part stops at the level too.
    assert department.part_levels[DEPARTMENT_PART] == level
    if level < 5:
        assert department.next_level == level + 1 and department.blocked_by
    else:
        assert department.next_level is None and not department.blocked_by


def _lines(level):
    """The lines of level N: every line in force at N (inherited ones too)."""
    return [pytest.param(level, key, id=str(key)) for key in lines_in_force(level)]


@pytest.mark.parametrize(("level", "line"), [case for level in LEVELS for case in _lines(level)])
def test_taking_one_lines_evidence_away_assesses_the_unit_below_n(level, line):
    requirement = line.requirement()
    built = hospital_at_level(level, without=requirement)
    report = _reports(built)[built.department.pk]
    assert report.assessed_level < level
    part = HOSPITAL_PART if line.scope == "hospital" else DEPARTMENT_PART
    assert report.part_levels[part] < level
    # The report names the line (or its check) among what blocks the next level, in the right part.
    if report.next_level == level:
        assert any(item.part == part and requirement in item.requirements for _dimension, item in report.blocked_by), [
            item.title for _dimension, item in report.blocked_by
        ]


def test_a_department_running_no_network_is_not_at_level_5_and_is_told_where_to_start_one():
    built = hospital_at_level(4)
    report = _reports(built)[built.department.pk]
    assert report.part_levels[HOSPITAL_PART] == 4  # the hospital's part is not what blocks it here
    with fake_provided_sources(built):
        level_5 = unit_gap_reports(built.units(), level=5, today=timezone.localdate())
    network_lines = [
        item
        for group in level_5[built.department.pk].dimensions
        for item in group.items
        if any(requirement.scope == "network_departments" for requirement in item.requirements)
    ]
    assert network_lines
    for item in network_lines:
        assert item.status == "not_met"
        assert "runs none yet" in item.evidence.summary
        assert item.evidence.fix_url == f"/plans/new/{built.department.pk}/"
