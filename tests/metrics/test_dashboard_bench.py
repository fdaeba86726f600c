"""The hospital dashboard in the benchmark hospital: the same queries at about 3,300 and 20,000 snapshots."""

import pytest

from hospital_some.benchmark.data import bench_seed
from hospital_some.benchmark.pages import PAGES
from hospital_some.benchmark.runner import page_query_counts, signed_in_session
from metrics.models import ChannelDailySnapshot

pytestmark = pytest.mark.django_db

(DASHBOARD,) = [page for page in PAGES if page.url_name == "metrics:hospital"]


@pytest.mark.urls("hospital_some.benchmark.urls")
def test_the_hospital_dashboard_runs_the_same_queries_for_many_more_snapshots():
    counts, snapshots = [], []
    for departments in (1, 6):
        seeded = bench_seed(departments=departments)
        snapshots.append(ChannelDailySnapshot.objects.filter(channel__unit__hospital=seeded.hospital).count())
        with signed_in_session(seeded.bench_user) as session_key:
            counts.append(page_query_counts([DASHBOARD], session_key=session_key)[DASHBOARD])
    assert snapshots == [3335, 20010]
    assert counts[0] == counts[1]
