import pytest
from django.core.management import call_command
from django.urls import reverse

from channels_plan.models import Channel, ChannelPlan, ContentProposal
from governance.models import Hospital, Membership, Unit, User
from hospital_some.benchmark.data import BENCH_HOSPITAL, BENCH_USER_PREFIX, BENCH_USERNAME, bench_seed
from hospital_some.benchmark.pages import FLOOR, PAGES
from hospital_some.benchmark.runner import BenchmarkError, page_query_counts, parse_wrk_output, signed_in_session
from maturity.models import Level, UnitMaturity

pytestmark = pytest.mark.django_db

# Captured from real runs of `wrk -t1 -c4 -s hospital_some/benchmark/latency.lua` against gunicorn: the floor,
# and the home page without a session cookie (every answer a 302 to the login page, which wrk counts as fine).
WRK_FLOOR_OUTPUT = """\
Running 2s test @ http://127.0.0.1:8931/bench/floor/
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    41.27ms   32.94ms 205.89ms   90.95%
    Req/Sec   116.89     30.34   151.00     61.11%
  221 requests in 2.00s, 224.67KB read
Requests/sec:    110.32
Transfer/sec:    112.16KB
bench-result requests=221 duration_us=2003197 p50_us=31408 p95_us=113645 p99_us=195733 max_us=205891 non_200=0 \
errors_connect=0 errors_read=0 errors_write=0 errors_timeout=0
"""
WRK_REDIRECTED_OUTPUT = """\
Running 1s test @ http://127.0.0.1:8931/
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     8.52ms   13.65ms  80.97ms   89.37%
    Req/Sec     0.89k   282.66     1.27k    60.00%
  895 requests in 1.01s, 508.68KB read
Requests/sec:    889.41
Transfer/sec:    505.50KB
bench-result requests=895 duration_us=1006285 p50_us=3441 p95_us=40941 p99_us=68334 max_us=80974 non_200=895 \
errors_connect=0 errors_read=0 errors_write=0 errors_timeout=0
"""


def _bench_counts() -> dict[str, int]:
    hospital = Hospital.objects.get(name=BENCH_HOSPITAL)
    return {
        "departments": Unit.objects.filter(hospital=hospital, kind=Unit.Kind.DEPARTMENT).count(),
        "communication units": Unit.objects.filter(hospital=hospital, kind=Unit.Kind.COMMUNICATION).count(),
        "users": User.objects.filter(username__startswith=BENCH_USER_PREFIX).count(),
        "memberships": Membership.objects.filter(unit__hospital=hospital).count(),
        "standings": UnitMaturity.objects.filter(unit__hospital=hospital).count(),
        "channels": Channel.objects.filter(unit__hospital=hospital).count(),
        "plans waiting": ChannelPlan.objects.filter(unit__hospital=hospital, status="submitted").count(),
        "proposals": ContentProposal.objects.filter(unit__hospital=hospital).count(),
    }


def test_seed_bench_at_scale_1_is_a_realistic_hospital():
    call_command("seed_bench", "--scale", "1")
    assert _bench_counts() == {
        "departments": 60,
        "communication units": 1,
        "users": 600,
        "memberships": 601,
        "standings": 61,
        "channels": 300,
        "plans waiting": 60,
        "proposals": 5000,
    }


def test_seed_bench_twice_at_one_size_changes_nothing(capsys):
    call_command("seed_bench", "--departments", "3")
    first = _bench_counts()
    users = set(User.objects.values_list("pk", flat=True))
    call_command("seed_bench", "--departments", "3")
    assert _bench_counts() == first
    assert first == {
        "departments": 3,
        "communication units": 1,
        "users": 30,
        "memberships": 31,
        "standings": 4,
        "channels": 15,
        "plans waiting": 3,
        "proposals": 250,
    }
    assert set(User.objects.values_list("pk", flat=True)) == users
    assert "already present" in capsys.readouterr().out


def test_seed_bench_at_another_size_replaces_the_hospital():
    call_command("seed_bench", "--departments", "3")
    call_command("seed_bench", "--departments", "2")
    assert Hospital.objects.filter(name=BENCH_HOSPITAL).count() == 1
    assert _bench_counts() == {
        "departments": 2,
        "communication units": 1,
        "users": 20,
        "memberships": 21,
        "standings": 3,
        "channels": 10,
        "plans waiting": 2,
        "proposals": 166,
    }


def test_only_the_bench_user_can_have_a_password_and_it_is_a_department_member_and_reviewer():
    seeded = bench_seed(departments=4)
    people = User.objects.filter(username__startswith=BENCH_USER_PREFIX)
    assert [user.username for user in people if user.has_usable_password()] == [BENCH_USERNAME]
    assert seeded.bench_user.username == BENCH_USERNAME
    assert {m.unit.kind for m in seeded.bench_user.memberships.select_related("unit")} == {
        Unit.Kind.DEPARTMENT,
        Unit.Kind.COMMUNICATION,
    }


def test_levels_spread_over_the_scale_and_targets_are_not_below_current():
    bench_seed(departments=30)
    standings = list(UnitMaturity.objects.select_related("current_level", "target_level"))
    assert {s.current_level.number for s in standings} == set(range(1, 6))
    assert all(s.target_level.number >= s.current_level.number for s in standings)


@pytest.mark.urls("hospital_some.benchmark.urls")
def test_floor_answers_with_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("bench_floor"))
    assert response.status_code == 200
    assert Level.objects.get(number=3).name_da in response.content.decode()


@pytest.mark.urls("hospital_some.benchmark.urls")
def test_floor_reads_neither_the_session_nor_the_user(client, django_assert_num_queries):
    client.force_login(bench_seed(departments=1).bench_user)
    with django_assert_num_queries(1):
        assert client.get(reverse("bench_floor")).status_code == 200


@pytest.mark.urls("hospital_some.benchmark.urls")
def test_every_benchmarked_page_runs_the_same_queries_in_a_small_and_a_larger_hospital():
    counts = []
    for departments in (2, 8):
        seeded = bench_seed(departments=departments)
        with signed_in_session(seeded.bench_user) as session_key:
            counts.append(page_query_counts([FLOOR, *PAGES], session_key=session_key))
    assert counts[0] == counts[1]
    assert counts[0][FLOOR] == 1


def test_wrk_output_parser_reads_the_latency_script_line():
    result = parse_wrk_output(WRK_FLOOR_OUTPUT)
    assert (result.requests, result.duration_us) == (221, 2003197)
    assert (result.p50_us, result.p95_us, result.p99_us, result.max_us) == (31408, 113645, 195733, 205891)
    assert round(result.requests_per_second, 2) == 110.32
    assert not result.failed


def test_wrk_output_parser_flags_answers_other_than_200():
    result = parse_wrk_output(WRK_REDIRECTED_OUTPUT)
    assert result.non_200 == 895
    assert result.failed


def test_wrk_output_without_the_result_line_is_an_error():
    with pytest.raises(BenchmarkError):
        parse_wrk_output(WRK_FLOOR_OUTPUT.split("bench-result")[0])
