"""End-to-end journeys through the real UI, one per demo persona, plus language, login failure and logout."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from hospital_some.demo.seed import COMMUNICATION_UNIT, DEMO_HOSPITAL, PERSONAS
from tests.browser.conftest import assert_accessible, log_in_through_form, login

pytestmark = pytest.mark.browser

DIMENSION_ROWS = 9
LEVEL_COLUMNS = 5


def _path(page: Page) -> str:
    return urlparse(page.url).path


@pytest.mark.parametrize("persona", PERSONAS, ids=[persona.username for persona in PERSONAS])
def test_persona_journey(page: Page, live_server, demo, persona):
    log_in_through_form(page, live_server, persona.username)

    # The dashboard.
    main = page.locator("main")
    expect(page.locator("h1")).to_have_text("Overview")
    expect(main.get_by_role("heading", name=DEMO_HOSPITAL)).to_be_visible()
    expect(main.get_by_role("rowheader", name=persona.unit or COMMUNICATION_UNIT, exact=True)).to_be_visible()
    expect(page.locator("form.logout-form .current-user")).to_be_visible()
    assert_accessible(page)

    # The scale overview, reached through the main navigation.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="The maturity scale").click()
    page.wait_for_url(f"{live_server.url}/maturity/")
    expect(page.locator("h1")).to_have_text("The maturity scale")
    matrix = page.locator("table.matrix")
    expect(matrix.locator("tbody > tr")).to_have_count(DIMENSION_ROWS)
    expect(matrix.locator("tbody > tr > th[scope=row]")).to_have_count(DIMENSION_ROWS)
    expect(matrix.locator("thead th[scope=col]")).to_have_count(1 + LEVEL_COLUMNS)
    for row in matrix.locator("tbody > tr").all():
        expect(row.locator("td")).to_have_count(LEVEL_COLUMNS)
    assert_accessible(page)

    # A level page, reached from the matrix's column header.
    matrix.locator("thead").get_by_role("link", name="Level 3", exact=True).click()
    page.wait_for_url(f"{live_server.url}/maturity/levels/3/")
    expect(page.locator("h1")).to_contain_text("Level 3")
    level_switch = page.get_by_role("navigation", name="Levels")
    expect(level_switch.locator("[aria-current=page]")).to_have_text("Level 3")
    assert_accessible(page)


def _switch_language(page: Page, code: str, label: str) -> None:
    """Pick a language in the header form and check that set_language sent us back to the same page."""
    path_before = _path(page)
    form = page.locator("form.language-form")
    expect(form.locator(f"select#language-select option[value={code}]")).to_have_text(label)
    form.locator("select#language-select").select_option(code)
    with page.expect_navigation() as navigation:
        form.get_by_role("button").click()
    response = navigation.value
    assert response is not None and response.ok
    redirected_from = response.request.redirected_from
    assert redirected_from is not None, "the language form should POST and redirect back"
    assert urlparse(redirected_from.url).path == "/i18n/setlang/"
    assert _path(page) == path_before
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("select#language-select")).to_have_value(code)


def test_language_switch(page: Page, live_server, demo):
    login(page, live_server, "lead")
    page.goto(f"{live_server.url}/maturity/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    _switch_language(page, "da", "Dansk")
    expect(page.locator("h1")).not_to_have_text("The maturity scale")
    _switch_language(page, "nb", "Norsk (bokmål)")
    _switch_language(page, "en", "English")
    expect(page.locator("h1")).to_have_text("The maturity scale")


def test_login_failure_keeps_username(page: Page, live_server, demo):
    page.goto(f"{live_server.url}/login/")
    expect(page.locator("h1")).to_have_text("Log in")
    assert_accessible(page)

    page.fill("#id_username", "producer")
    page.fill("#id_password", "not-the-password")
    page.locator("main").get_by_role("button").click()
    page.wait_for_load_state()

    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("alert")).not_to_be_empty()
    assert _path(page) == "/login/"
    expect(page.locator("#id_username")).to_have_value("producer")
    expect(page.locator("#id_password")).to_have_value("")
    expect(page.locator("form.logout-form")).to_have_count(0)
    assert_accessible(page)


def test_logout_returns_to_login(page: Page, live_server, demo):
    login(page, live_server, "community")
    with page.expect_navigation():
        page.locator("form.logout-form").get_by_role("button").click()
    page.wait_for_url(f"{live_server.url}/login/")
    expect(page.locator("h1")).to_have_text("Log in")
    expect(page.locator("form.logout-form")).to_have_count(0)

    # The session is gone: the dashboard sends us back to the login page.
    page.goto(f"{live_server.url}/")
    assert _path(page) == "/login/"
