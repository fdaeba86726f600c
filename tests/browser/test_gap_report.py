"""The gap report through the real UI: the demo manager opens their department's report (the hospital's part without
links to the communication unit's pages, the department's own part with them), follows a missing role's link to the
unit's people page, and answers a self-assessment of the department; the lead reviews it and opens the hospital
overview. Every page passes axe-core."""

import re

import pytest
from playwright.sync_api import Page, expect

from governance.models import Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from maturity.models import SelfAssessment
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def test_manager_follows_a_gap_to_its_fix_and_the_lead_reviews(page: Page, live_server, demo):
    unit = Unit.objects.get(name=PERSONA_DEPARTMENT)
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/gaps/units/{unit.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Maturity gaps: {PERSONA_DEPARTMENT}")
    expect(page.get_by_role("heading", level=2).first).to_contain_text("is blocked by:")
    hospital_part = page.get_by_role("region", name="The hospital's part")
    own_part = page.get_by_role("region", name="The department's own part")
    expect(hospital_part).to_contain_text("Response guidelines")
    # The hospital's lines are the communication unit's to fix: the manager gets no link to its pages.
    expect(hospital_part.get_by_role("link", name=re.compile("^(Fix it here|Open the self-assessment)"))).to_have_count(
        0
    )
    expect(own_part).to_contain_text("Roles staffed to the minimum head-count")
    assert_accessible(page)

    # A role missing in the department: the link leads to the unit's people page, where the manager staffs it.
    own_part.get_by_role("link", name=re.compile(r"^Fix it here\s*: Roles staffed")).click()
    page.wait_for_url(f"{live_server.url}/units/{unit.pk}/people/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    # A line no data can show, asked of every department: the manager answers it.
    page.goto(f"{live_server.url}/gaps/units/{unit.pk}/?level=2")
    own_part = page.get_by_role("region", name="The department's own part")
    own_part.get_by_role("link", name=re.compile("^Open the self-assessment")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Self-assessment")
    assert_accessible(page)
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_label("What shows it")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Met", exact=True).check()
    page.get_by_label("What shows it").fill("Vi giver input til dialogen, når kommunikationsafdelingen spørger.")
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url(f"{live_server.url}/gaps/units/{unit.pk}/")
    expect(page.get_by_text("the communication unit will review it")).to_be_visible()
    assessment = SelfAssessment.objects.get(unit=unit)
    assert assessment.review == SelfAssessment.Review.PENDING

    # The lead reviews it and opens the hospital overview.
    page.context.clear_cookies()
    login(page, live_server, "lead")
    page.goto(f"{live_server.url}/gaps/units/{unit.pk}/requirements/{assessment.requirement_id}/")
    page.get_by_label("Accept", exact=True).check()
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_text("The review is saved.")).to_be_visible()
    assessment.refresh_from_db()
    assert assessment.review == SelfAssessment.Review.ACCEPTED

    page.goto(f"{live_server.url}/gaps/")
    table = page.get_by_role("table")
    expect(table).to_contain_text(PERSONA_DEPARTMENT)
    expect(table).to_contain_text("Akutafdelingen")
    assert_accessible(page)
    page.get_by_role("link", name="Assessed").click()
    expect(page.get_by_role("columnheader", name="Assessed")).to_have_attribute("aria-sort", "ascending")
    assert_accessible(page)
