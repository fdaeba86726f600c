"""The demo's levels in the browser: the manager of the department one role short of level 4 reads why it is at level
3, follows the fix link to the people page, staffs the role, and the assessed level rises; the lead reviews a
self-assessment waiting on the dashboard. Every page passes axe-core; screenshots go to /tmp/shots/."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from governance.models import Unit
from hospital_some.demo.levels import ONE_SHORT_DEPARTMENT, WAITING_FOR_REVIEW_DEPARTMENT
from maturity.models import SelfAssessment
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.screenshot(path=str(SHOTS / f"{name}-top.png"))


def test_the_manager_staffs_the_missing_role_and_the_level_rises(page: Page, live_server, demo):
    call_command("seed_demo", stdout=StringIO())
    unit = Unit.objects.get(name=ONE_SHORT_DEPARTMENT)
    login(page, live_server, "boern-manager")
    page.goto(f"{live_server.url}/gaps/units/{unit.pk}/")
    verdict = page.get_by_role("heading", level=2).first
    expect(verdict).to_contain_text("Assessed at level 3.")
    expect(verdict).to_contain_text("Level 4 is blocked by:")
    blockers = page.locator(".gap-blockers > li")
    expect(blockers).to_have_count(1)
    expect(blockers).to_contain_text("Roles staffed to the minimum head-count")
    expect(blockers).to_contain_text("Community Manager: 1 of 2")  # which role is short
    expect(page.get_by_text("The department's own part blocks level 4")).to_be_visible()
    assert_accessible(page)
    _shot(page, "report")

    blockers.get_by_role("link", name=re.compile(r"^Fix it here\s*: Roles staffed")).click()
    page.wait_for_url(f"{live_server.url}/units/{unit.pk}/people/")
    assert_accessible(page)
    _shot(page, "people")
    add = page.get_by_role("region", name="Give someone a role in the unit")
    add.get_by_label(re.compile("^Person")).select_option(label="Bjørn Krog (boern-producer2)")
    add.get_by_label(re.compile("^Role")).select_option(label="Community Manager")
    add.get_by_role("button", name="Add to the unit").click()
    expect(page.get_by_text("Bjørn Krog now holds the role Community Manager")).to_be_visible()

    page.goto(f"{live_server.url}/gaps/units/{unit.pk}/")
    expect(page.get_by_role("heading", level=2).first).to_contain_text("Assessed at level 4.")
    assert_accessible(page)


def test_the_lead_reviews_a_self_assessment_from_the_dashboard(page: Page, live_server, demo):
    call_command("seed_demo", stdout=StringIO())
    waiting = SelfAssessment.objects.get(unit__name=WAITING_FOR_REVIEW_DEPARTMENT, review=SelfAssessment.Review.PENDING)
    login(page, live_server, "lead")
    page.get_by_role(
        "link", name=re.compile(f"^Review the self-assessment: {WAITING_FOR_REVIEW_DEPARTMENT}, level 2")
    ).click()
    page.get_by_label("Accept", exact=True).check()
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_text("The review is saved.")).to_be_visible()
    waiting.refresh_from_db()
    assert waiting.review == SelfAssessment.Review.ACCEPTED

    page.goto(f"{live_server.url}/gaps/")
    table = page.get_by_role("table")
    expect(table).to_contain_text(ONE_SHORT_DEPARTMENT)
    assert_accessible(page)
    _shot(page, "overview")
