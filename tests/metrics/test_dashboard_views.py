import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from metrics.models import ChannelDailySnapshot
from metrics.reading import PeriodPreset
from tests.hostile_inputs import DANGEROUS_MARKUP, HOSTILE_INPUTS
from tests.metric_factories import post_add, snapshots_add
from tests.metrics.support import PERIOD, figures_fixture  # noqa: F401  (fixture)

CUSTOM = {"period": PeriodPreset.CUSTOM, "start": "2026-03-02", "end": "2026-03-31"}


def test_a_department_manager_sees_the_departments_figures(figures, client_as, pages_in_english):
    client = client_as("manager")
    response = client.get(reverse("metrics:unit", args=[figures["department"].pk]), CUSTOM)
    assert response.status_code == 200
    page = response.content.decode()
    assert "1,559" in page  # followers at the period's end, in the locale's format
    assert "3,500" in page and "3,000" in page  # reach, and the previous period's
    assert "No data for the period." in page  # no post figures imported
    assert "The level asks no metric of the department itself" in page  # level 3's effect lines are the hospital's
    assert 'role="img"' in page and 'aria-labelledby="chart-followers-title"' in page
    assert "stroke-dasharray" not in page  # the dashes come from the stylesheet: the chart's class names it
    assert "metric-chart__series--previous" in page


def test_danish_pages_format_numbers_the_danish_way(figures, client_as):
    response = client_as("manager").get(reverse("metrics:unit", args=[figures["department"].pk]), CUSTOM)
    assert "1.559" in response.content.decode()


def test_bad_dates_give_a_clear_error_and_the_default_period(figures, client_as, pages_in_english):
    url = reverse("metrics:unit", args=[figures["department"].pk])
    response = client_as("manager").get(url, {"period": "custom", "start": "2026-03-31", "end": "2026-03-01"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The last day must not come before the first day." in page
    assert "the page shows the last 30 days instead" in page
    response = client_as("manager").get(url, {"period": "custom", "start": "not a date", "end": ""})
    assert "Enter a valid date." in response.content.decode()


@pytest.mark.parametrize("who", ["producer", "manager"])
def test_another_departments_dashboard_is_404(figures, client_as, who):
    client = client_as(who)
    assert client.get(reverse("metrics:unit", args=[figures["other_unit"].pk])).status_code == 404
    assert client.get(reverse("metrics:channel", args=[figures["other_channel"].pk])).status_code == 404
    assert client.get(reverse("metrics:channel_export", args=[figures["other_channel"].pk])).status_code == 404
    # The hospital's page sends department people on to their own department's figures.
    assert client.get(reverse("metrics:hospital")).url == reverse("metrics:unit", args=[figures["department"].pk])


def test_the_communication_unit_sees_the_hospital_and_every_department(figures, client_as, pages_in_english):
    client = client_as("community")
    response = client.get(reverse("metrics:hospital"), CUSTOM)
    assert "8,559" in response.content.decode()  # 1,059 + 500 + 7,000 followers
    assert client.get(reverse("metrics:unit", args=[figures["other_unit"].pk])).status_code == 200


def test_captions_are_escaped_on_the_page(figures, client_as):
    for number, markup in enumerate(DANGEROUS_MARKUP):
        post_add(figures["main"], day=datetime.date(2026, 3, 10 + number), reach=500, engagements=10, caption=markup)
    response = client_as("producer").get(reverse("metrics:unit", args=[figures["department"].pk]), CUSTOM)
    page = response.content.decode()
    for markup in DANGEROUS_MARKUP:
        assert markup not in page


def test_the_csv_export_holds_the_figures_and_quotes_formulas(figures, client_as, pages_in_english):
    post_add(figures["main"], day=datetime.date(2026, 3, 20), reach=500, engagements=40, caption='=HYPERLINK("x")')
    response = client_as("manager").get(
        reverse("metrics:unit_export", args=[figures["department"].pk]), {**CUSTOM, "format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Section", "Day or item", "Followers"]
    this_period = rows[1]
    assert this_period[0] == "This period"
    assert this_period[2:5] == ["1559", "30", "3500"]
    assert rows[2][2] == "1029"
    days = [row for row in rows if row[0] == "Day"]
    assert len(days) == 30 and days[0][1] == "2026-03-02"
    posts = [row for row in rows if row[0] == "Best post by engagements"]
    assert posts[0][1] == '\'=HYPERLINK("x")'


def test_the_xlsx_export_holds_the_same_figures(figures, client_as, pages_in_english):
    post_add(figures["main"], day=datetime.date(2026, 3, 20), reach=500, engagements=40, caption="=1+1")
    response = client_as("manager").get(
        reverse("metrics:unit_export", args=[figures["department"].pk]), {**CUSTOM, "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "This period" and rows[1][2] == 1559 and rows[1][4] == 3500
    captions = [row[1] for row in rows if row[0] == "Best post by engagements"]
    assert captions == ["'=1+1"]


def _page_queries(client, url, django_assert_num_queries, count):
    with django_assert_num_queries(count):
        assert client.get(url, CUSTOM).status_code == 200


@pytest.mark.parametrize("url_name", ["hospital", "unit", "channel"])
def test_the_dashboards_query_count_is_the_same_for_any_number_of_snapshots(
    figures, client_as, django_assert_num_queries, url_name
):
    client = client_as("lead")
    args = {"hospital": [], "unit": [figures["department"].pk], "channel": [figures["main"].pk]}[url_name]
    url = reverse(f"metrics:{url_name}", args=args)
    # With the metric coverage (a department's page: and the department lines in force at its level).
    expected = {"hospital": 18, "unit": 20, "channel": 15}[url_name]
    _page_queries(client, url, django_assert_num_queries, expected)
    for number in range(5):
        post_add(figures["second"], day=datetime.date(2026, 3, 3 + number), reach=200 + number, engagements=number)
    ChannelDailySnapshot.objects.filter(channel=figures["second"]).delete()
    snapshots_add(figures["second"], PERIOD.previous().start, 60, followers=10, reach=10, engagements=1)
    _page_queries(client, url, django_assert_num_queries, expected)


def test_hostile_period_input_never_breaks_the_page(figures, client_as):
    client = client_as("manager")
    url = reverse("metrics:unit", args=[figures["department"].pk])
    for value in HOSTILE_INPUTS.values():
        for query in ({"period": value}, {"period": "custom", "start": value, "end": value}):
            assert client.get(url, query).status_code == 200
            assert client.get(reverse("metrics:unit_export", args=[figures["department"].pk]), query).status_code == 200


@pytest.mark.parametrize(("who", "links_to_imports"), [("producer", True), ("community", True), ("manager", False)])
def test_the_dashboard_links_to_the_import_page_for_those_who_import(
    figures, client_as, pages_in_english, who, links_to_imports
):
    page = client_as(who).get(reverse("metrics:unit", args=[figures["department"].pk])).content.decode()
    assert (reverse("metric_imports:upload") in page) is links_to_imports
