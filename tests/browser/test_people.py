"""A unit's people page in the browser: the manager finds it on the dashboard, gives a colleague a role as a
back-up, names a back-up and ends a membership, every page passing axe-core; and the gap report's Print button prints
under the Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import Page, expect

from governance.models import Membership, Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def test_the_manager_staffs_the_department(page: Page, live_server, demo):
    unit = Unit.objects.get(name=PERSONA_DEPARTMENT)
    login(page, live_server, "manager")
    page.get_by_role("link", name=re.compile(f"^Staff the unit.*{PERSONA_DEPARTMENT}")).click()
    page.wait_for_url(f"{live_server.url}/units/{unit.pk}/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"People of {PERSONA_DEPARTMENT}")
    assert_accessible(page)

    # An empty form is refused at its fields, and the page stays accessible with the errors shown.
    add = page.get_by_role("region", name="Give someone a role in the unit")
    add.get_by_role("button", name="Add to the unit").click()
    add = page.get_by_role("region", name="Give someone a role in the unit")
    expect(add.get_by_label(re.compile("^Person"))).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_contain_text("Person")
    assert_accessible(page)

    # The community manager becomes a community manager of the department too, backing up the flowmanager.
    add.get_by_label(re.compile("^Person")).select_option(label="Camilla Holm (community)")
    add.get_by_label(re.compile("^Role")).select_option(label="Community Manager")
    add.get_by_label(re.compile("^Back-up for")).select_option(label="Frederik Berg – Social Media Manager/Flowmanager")
    add.get_by_role("button", name="Add to the unit").click()
    expect(page.get_by_text("Camilla Holm now holds the role Community Manager")).to_be_visible()
    added = Membership.objects.get(unit=unit, user__username="community")
    assert added.backup_for.user.username == "flowmanager"

    # The producer is named the manager's back-up.
    manager_membership = Membership.objects.get(unit=unit, user__username="manager")
    page.get_by_label(re.compile("^Name a back-up for Mads Krogh")).select_option(
        label="Pernille Dahl – Social Media Producer/Coordinator"
    )
    page.locator(f"#membership-{manager_membership.pk}").get_by_role("button", name="Name the back-up").click()
    expect(page.get_by_text(re.compile("is now the back-up of Mads Krogh"))).to_be_visible()

    # Ending a membership is asked first.
    page.get_by_role("link", name=re.compile("^End this membership.*Camilla Holm")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("End a membership")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^End Camilla Holm")).click()
    expect(page.get_by_text("Camilla Holm no longer holds the role Community Manager")).to_be_visible()
    assert not Membership.objects.filter(pk=added.pk).exists()
    assert_accessible(page)


def test_print_works_under_the_content_security_policy(page: Page, live_server, demo):
    # Count calls of window.print instead of opening the print dialog. (An init script comes through the DevTools
    # protocol, which the page's policy does not cover; the page's own scripts are what is tested.)
    page.context.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Security Policy" in message.text else None)
    unit = Unit.objects.get(name=PERSONA_DEPARTMENT)
    login(page, live_server, "manager")
    for path in (f"/gaps/units/{unit.pk}/", "/gaps/"):
        page.goto(f"{live_server.url}{path}")
        page.get_by_role("button", name="Print").click()
        expect(page.locator("body")).to_be_visible()
        assert page.evaluate("() => window.printed") == 1, path
    assert refused == []
