"""Configuring the scale through the real UI: the admin raises the minimum number of community managers in the central
unit at level 3; the level's page shows the new minimum and who changed it, and the communication unit's gap report
at level 3 asks for the new number. A refused value is shown at its field. Every page passes axe-core."""

import re

import pytest
from playwright.sync_api import Page, expect

from governance.models import Unit
from hospital_some.demo.seed import COMMUNICATION_UNIT
from maturity.models import RoleRequirement
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def _community_managers_in_gap_report(page: Page, live_server, unit: Unit) -> str:
    page.goto(f"{live_server.url}/gaps/units/{unit.pk}/?level=3")
    detail = page.locator("li", has_text=re.compile(r"^Community Manager: \d+ of \d+$")).first
    expect(detail).to_be_visible()
    return detail.inner_text()


def test_the_admin_raises_the_community_manager_minimum_at_level_3(page: Page, live_server, demo):
    communication = Unit.objects.get(name=COMMUNICATION_UNIT)
    login(page, live_server, "admin")
    before = _community_managers_in_gap_report(page, live_server, communication)
    assert before.endswith(" of 2")

    page.goto(f"{live_server.url}/maturity/levels/3/")
    page.get_by_role("link", name="Configure level 3").click()
    page.wait_for_url(f"{live_server.url}/scale-config/levels/3/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Configure level 3")
    assert_accessible(page)

    page.get_by_role("link", name="Edit Community Manager, Central communication unit").click()
    page.wait_for_url(f"{live_server.url}/scale-config/levels/3/roles/community_manager/central/")
    expect(page.get_by_label(re.compile("^Minimum head-count"))).to_have_value("2")
    assert_accessible(page)

    # Below zero: refused at the field, the typed value kept.
    page.get_by_label(re.compile("^Minimum head-count")).fill("-1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("The minimum head-count cannot be below zero.")
    expect(page.get_by_label(re.compile("^Minimum head-count"))).to_have_value("-1")
    expect(page.get_by_label(re.compile("^Minimum head-count"))).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.get_by_label(re.compile("^Minimum head-count")).fill("3")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{live_server.url}/scale-config/levels/3/")
    expect(page.get_by_text("The configuration is saved.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("^Community Manager Central communication unit"))
    expect(row.get_by_role("cell").nth(1)).to_have_text("3")
    assert (
        RoleRequirement.objects.get(level__number=3, role__code="community_manager", scope="central").min_headcount == 3
    )

    page.get_by_role("link", name="the level's page on the scale").click()
    page.wait_for_url(f"{live_server.url}/maturity/levels/3/")
    changes = page.get_by_role("table", name=re.compile("The latest changes to level 3"))
    expect(changes).to_contain_text("Anne Admin")
    expect(changes).to_contain_text("Community Manager (Central communication unit): minimum 3")
    assert_accessible(page)

    after = _community_managers_in_gap_report(page, live_server, communication)
    assert after.endswith(" of 3") and after.split(" of ")[0] == before.split(" of ")[0]


def test_the_other_configuration_pages_are_accessible(page: Page, live_server, demo):
    login(page, live_server, "admin")
    for path in (
        "/scale-config/",
        "/scale-config/levels/3/roles/add/",
        "/scale-config/levels/3/monitoring/",
        "/scale-config/levels/3/metrics/",
        "/scale-config/levels/3/guidelines/",
        "/scale-config/levels/3/roles/community_manager/central/remove/",
        "/scale-config/roles/community_manager/",
        "/maturity/roles/",
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
