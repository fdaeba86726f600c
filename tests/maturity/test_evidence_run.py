"""One gap report asks every provider at up to five levels: within one run the providers share what they load."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import Unit
from maturity.evidence import evidence_run, evidence_sources, run_memo

TODAY = datetime.date(2026, 11, 22)


def test_a_run_memo_loads_once_within_a_run_and_every_time_outside():
    loads = []

    def loader():
        loads.append(1)
        return len(loads)

    assert [run_memo("key", loader), run_memo("key", loader)] == [1, 2]
    with evidence_run():
        assert [run_memo("key", loader), run_memo("key", loader)] == [3, 3]
        with evidence_run():  # a run inside a run shares the outer memo
            assert run_memo("key", loader) == 3
    assert run_memo("key", loader) == 4


def _queries(source, units, levels) -> int:
    with CaptureQueriesContext(connection) as queries, evidence_run():
        for level in levels:
            source.provider(units, level, TODAY)
    return len(queries)


@pytest.mark.parametrize("code", ["training_coverage", "channel_plans", "calendar_in_use", "monitoring_duties"])
def test_a_provider_asked_at_every_level_in_one_run_loads_no_more_than_at_one(demo, code):
    source = {source.code: source for source in evidence_sources()}[code]
    units = list(Unit.objects.all())
    assert _queries(source, units, [1, 2, 3, 4, 5]) == _queries(source, units, [5])


@pytest.mark.parametrize("code", ["roles_staffed", "role_backups", "guidelines_current"])
def test_a_provider_with_rules_per_level_adds_only_those_per_further_level(demo, code):
    """The members, documents and hospitals load once; only the level's own rules (the role requirements with
    their "may be combined with", or the required documents) load per level: at most two queries each."""
    source = {source.code: source for source in evidence_sources()}[code]
    units = list(Unit.objects.all())
    assert _queries(source, units, [1, 2, 3, 4, 5]) <= _queries(source, units, [5]) + 2 * 4
