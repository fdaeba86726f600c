"""The effect dashboards through the real UI: the communication unit lead opens the hospital's figures and a
department's, changes the period, reads a chart and its data table, and downloads the figures. axe-core clean."""

import re

import pytest
from playwright.sync_api import Page, expect

from hospital_some.demo.seed import DEMO_HOSPITAL, PERSONA_DEPARTMENT
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def test_the_lead_reads_the_hospitals_and_a_departments_figures(page: Page, live_server, demo):
    login(page, live_server, "lead")
    page.goto(f"{live_server.url}/metrics/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Effect: {DEMO_HOSPITAL}")
    expect(page.get_by_role("img", name="Followers per day")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=PERSONA_DEPARTMENT).click()
    page.wait_for_url(re.compile(r"/metrics/units/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Effect: {PERSONA_DEPARTMENT}")
    # What the department's level requires, each metric marked with data or "No data" in words.
    expect(page.get_by_role("heading", name="What the level requires")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Period").select_option("90d")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"period=90d"))
    expect(page.get_by_role("img", name="Reach per day")).to_be_visible()
    page.get_by_text("Reach per day: the figures as a table").click()
    table = page.get_by_role("table", name="Reach per day")
    expect(table).to_be_visible()
    expect(table.get_by_role("row")).to_have_count(91)  # the header and 90 days
    assert_accessible(page)

    page.get_by_label("Period").select_option("custom")
    page.get_by_label("From").fill("2026-03-31")
    page.get_by_label("To").fill("2026-03-01")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("The last day must not come before the first day.")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    content = open(download.path(), encoding="utf-8-sig").read()
    assert content.startswith("Section,Day or item,Followers")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as Excel (XLSX)").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")
