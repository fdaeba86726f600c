"""The guidelines library and crisis mode through the real UI: the communication unit's lead publishes a new version
of the crisis plan, starts crisis mode (scheduled posts are held, a notice shows on every page) and ends it again (the
held posts return to their old times); the crisis start form keeps what was typed when it is refused; the triage walk
and the follow group pass axe-core."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from channels_plan.models import ContentProposal
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser

CRISIS_PLAN = "Kriseplan for sociale medier"
NEW_SECTION = "## Ny telefonkæde"
NEW_LINE = "Kommunikationschefen ringer til den vagthavende, som ringer videre til afdelingerne."
CHANGE_SUMMARY = "Ny telefonkæde for krisetilstand"
SCHEDULED_POST = "Mød hjertesygeplejerskerne"
REASON = "Brand i kælderen under Hjertemedicinsk afdeling; mange henvendelser fra pårørende."
CLOSING_NOTE = "Branden er slukket. Evaluer svartiderne på næste møde i følgegruppen."
EXPECTED_END = "2031-05-17T16:30"


def _main_nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def _log_out(page: Page, live_server) -> None:
    with page.expect_navigation():
        page.locator("form.logout-form").get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{live_server.url}/login/")


def _crisis_notice(page: Page):
    return page.get_by_role("region", name="Crisis mode", exact=True)


def _messages(page: Page):
    return page.get_by_role("status")


def test_the_lead_publishes_a_new_version_of_the_crisis_plan(page: Page, live_server, demo):
    login(page, live_server, "lead")

    # The library, from the main navigation.
    _main_nav(page).get_by_role("link", name="Guidelines").click()
    page.wait_for_url(f"{live_server.url}/guidelines/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Guidelines")
    expect(_main_nav(page).get_by_role("link", name="Guidelines")).to_have_attribute("aria-current", "page")
    assert_accessible(page)

    # The crisis plan, version 1.
    page.get_by_role("link", name=CRISIS_PLAN, exact=True).click()
    page.wait_for_url(re.compile(r"/guidelines/\d+/$"))
    document_url = page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(CRISIS_PLAN)
    expect(page.locator(".document-meta")).to_contain_text("Version 1, approved by Lene Lund")
    approved = page.get_by_role("article", name="Approved text")
    expect(approved.get_by_role("heading", name="Hvem gør hvad")).to_be_visible()
    expect(approved).not_to_contain_text("Ny telefonkæde")
    assert_accessible(page)

    # A new version: a section added at the end, with a line for the version history.
    page.get_by_role("link", name="Write a new version", exact=True).click()
    page.wait_for_url(f"{document_url}draft/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Draft: {CRISIS_PLAN}")
    text = page.get_by_role("textbox", name=re.compile(r"^Text\b"))
    old_text = text.input_value()
    assert "## Hvem gør hvad" in old_text
    text.fill(f"{old_text.rstrip()}\n\n{NEW_SECTION}\n{NEW_LINE}\n")
    page.get_by_label("What changed").fill(CHANGE_SUMMARY)
    assert_accessible(page)
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(document_url)
    expect(_messages(page)).to_contain_text("The draft is saved.")

    # The document shows the draft panel; readers still get version 1.
    draft = page.get_by_role("region", name="Draft of version 2")
    expect(draft).to_contain_text("Last edited by Lene Lund")
    expect(draft).to_contain_text(CHANGE_SUMMARY)
    expect(page.get_by_role("link", name="Edit the draft", exact=True)).to_be_visible()
    expect(page.locator(".document-meta")).to_contain_text("Version 1, approved by Lene Lund")
    expect(page.get_by_role("article", name="Approved text")).not_to_contain_text("Ny telefonkæde")
    versions = page.get_by_role("region", name="Versions")
    expect(versions.get_by_role("row", name=re.compile(r"^v2 Draft"))).to_be_visible()
    assert_accessible(page)

    # What changed: the added lines are marked as added, nothing is removed.
    draft.get_by_role("link", name="What changed", exact=True).click()
    page.wait_for_url(re.compile(r"/guidelines/\d+/versions/\d+/changes/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What changed in version 2")
    expect(page.locator(".lead")).to_contain_text("Version 1 compared with version 2.")
    added = page.locator("tr.diff__added")
    expect(added.filter(has_text=NEW_SECTION)).to_have_count(1)
    expect(added.filter(has_text=NEW_SECTION).get_by_role("cell").nth(2)).to_have_text("+Added")
    expect(added.filter(has_text=NEW_LINE)).to_have_count(1)
    expect(page.locator("tr.diff__removed")).to_have_count(0)
    approve = page.get_by_role("region", name="Approve this draft")
    expect(approve).to_be_visible()
    assert_accessible(page)

    # The full draft, approved from its own page.
    page.get_by_role("link", name="Read version 2 in full").click()
    page.wait_for_url(re.compile(r"/guidelines/\d+/versions/\d+/$"))
    expect(page.locator(".lead .status")).to_have_text("Draft")
    expect(page.get_by_role("article", name="Text of this version")).to_contain_text(NEW_LINE)
    assert_accessible(page)
    page.get_by_role("button", name="Approve version 2").click()
    page.wait_for_url(document_url)
    expect(_messages(page)).to_contain_text("Version 2 is approved and is now what readers see.")
    expect(page.locator(".document-meta")).to_contain_text("Version 2, approved by Lene Lund")
    approved = page.get_by_role("article", name="Approved text")
    expect(approved.get_by_role("heading", name="Ny telefonkæde")).to_be_visible()
    expect(approved).to_contain_text(NEW_LINE)
    expect(page.get_by_role("region", name="Draft of version 2")).to_have_count(0)
    expect(page.get_by_role("link", name="Write a new version", exact=True)).to_be_visible()
    versions = page.get_by_role("region", name="Versions")
    expect(versions.get_by_role("row", name=re.compile(r"^v2 Approved"))).to_be_visible()
    expect(versions.get_by_role("row", name=re.compile(r"^v1 Superseded"))).to_be_visible()
    assert_accessible(page)

    # The producer reads version 2 and may change nothing.
    _log_out(page, live_server)
    login(page, live_server, "producer")
    _main_nav(page).get_by_role("link", name="Guidelines").click()
    page.wait_for_url(f"{live_server.url}/guidelines/")
    page.get_by_role("link", name=CRISIS_PLAN, exact=True).click()
    page.wait_for_url(document_url)
    expect(page.locator(".document-meta")).to_contain_text("Version 2, approved by Lene Lund")
    approved = page.get_by_role("article", name="Approved text")
    expect(approved.get_by_role("heading", name="Ny telefonkæde")).to_be_visible()
    expect(approved).to_contain_text(NEW_LINE)
    for name in ("Write a new version", "Edit the draft", "Settings"):
        expect(page.get_by_role("link", name=name, exact=True)).to_have_count(0)
    expect(page.get_by_role("region", name="Versions")).to_have_count(0)
    assert_accessible(page)


def _open_post(page: Page) -> None:
    """The demo department's scheduled post, from the list of content proposals."""
    _main_nav(page).get_by_role("link", name="Content proposals").click()
    page.wait_for_url(re.compile(r"/proposals/"))
    page.get_by_role("link", name=SCHEDULED_POST, exact=True).click()
    page.wait_for_url(re.compile(r"/proposals/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(SCHEDULED_POST)


def _scheduled_for(page: Page):
    return page.locator("dt", has_text="Scheduled for").locator("xpath=following-sibling::dd[1]")


def _post_in_calendar_list(page: Page, scheduled_at):
    """The post's row in the calendar list, moving on to the next month when the post lies there."""
    if timezone.localtime(scheduled_at).month != timezone.localdate().month:
        page.locator("#calendar-next").click()
        page.wait_for_url(re.compile(r"/calendar/list/\?.*date="))
    return page.get_by_role("row", name=re.compile(SCHEDULED_POST))


def test_the_lead_starts_and_ends_crisis_mode(page: Page, live_server, demo):
    post = ContentProposal.objects.get(title=SCHEDULED_POST, unit__name=PERSONA_DEPARTMENT)
    assert post.status == ContentProposal.Status.SCHEDULED
    scheduled_at = post.scheduled_at
    login(page, live_server, "lead")
    expect(_crisis_notice(page)).to_have_count(0)

    # Before: the post is scheduled.
    _open_post(page)
    proposal_url = page.url
    expect(page.locator("p.lead .status")).to_have_text("Scheduled")
    scheduled_text = _scheduled_for(page).inner_text()
    assert scheduled_text not in ("", "–")

    # Crisis mode, from the main navigation: off, with the form to start it.
    _main_nav(page).get_by_role("link", name="Crisis mode").click()
    page.wait_for_url(f"{live_server.url}/crisis/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Crisis mode")
    expect(_main_nav(page).get_by_role("link", name="Crisis mode")).to_have_attribute("aria-current", "page")
    expect(page.get_by_text("Crisis mode is off.")).to_be_visible()
    start = page.get_by_role("region", name="Start crisis mode")
    assert_accessible(page)

    start.get_by_label("Reason").fill(REASON)
    start.get_by_role("button", name="Start crisis mode").click()
    page.wait_for_url(re.compile(r"/crisis/\?hospital=\d+$"))
    expect(_messages(page)).to_contain_text("Crisis mode is on. 1 scheduled post is held")
    current = page.get_by_role("region", name=re.compile("is in crisis mode$"))
    expect(current).to_contain_text(REASON)
    expect(current.locator("dt", has_text="Held posts").locator("xpath=following-sibling::dd[1]")).to_contain_text(
        "1 · See them in the editorial calendar"
    )
    expect(_crisis_notice(page)).to_be_visible()
    assert_accessible(page)

    # The notice shows on the other pages too, and links to the crisis plan.
    _main_nav(page).get_by_role("link", name="Overview").click()
    page.wait_for_url(f"{live_server.url}/")
    notice = _crisis_notice(page)
    expect(notice).to_contain_text("Demohospitalet is in crisis mode.")
    expect(notice).to_contain_text("Scheduled posts are held and only the communication unit posts.")
    assert_accessible(page)

    _main_nav(page).get_by_role("link", name="Editorial calendar").click()
    page.wait_for_url(f"{live_server.url}/calendar/")
    expect(_crisis_notice(page)).to_be_visible()
    assert_accessible(page)
    _crisis_notice(page).get_by_role("link", name="Read the crisis plan").click()
    page.wait_for_url(re.compile(r"/guidelines/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(CRISIS_PLAN)
    expect(_crisis_notice(page)).to_be_visible()
    assert_accessible(page)

    # The crisis page's link to the held posts opens the calendar list filtered on them.
    _crisis_notice(page).get_by_role("link", name="About this crisis").click()
    page.wait_for_url(re.compile(r"/crisis/\?hospital=\d+$"))
    page.get_by_role("link", name="See them in the editorial calendar").click()
    page.wait_for_url(re.compile(r"/calendar/list/\?status=held$"))
    expect(page.get_by_label("Status")).to_have_value("held")
    assert_accessible(page)

    # The post is held, at its old time.
    _open_post(page)
    expect(page.locator("p.lead .status")).to_have_text("Held during crisis mode")
    expect(_scheduled_for(page)).to_have_text(scheduled_text)
    assert_accessible(page)

    # The end: the held post returns to the schedule, the notice is gone.
    _main_nav(page).get_by_role("link", name="Crisis mode").click()
    page.wait_for_url(f"{live_server.url}/crisis/")
    current = page.get_by_role("region", name=re.compile("is in crisis mode$"))
    current.get_by_label("Closing note").fill(CLOSING_NOTE)
    current.get_by_role("button", name="End crisis mode").click()
    page.wait_for_url(re.compile(r"/crisis/\?hospital=\d+$"))
    expect(_messages(page)).to_contain_text("Crisis mode has ended. 1 held post is back in the schedule")
    expect(_crisis_notice(page)).to_have_count(0)
    expect(page.get_by_text("Crisis mode is off.")).to_be_visible()
    past = page.get_by_role("region", name="Earlier crisis periods")
    expect(past).to_contain_text(REASON)
    expect(past).to_contain_text(CLOSING_NOTE)
    assert_accessible(page)

    page.goto(proposal_url)
    expect(page.locator("p.lead .status")).to_have_text("Scheduled")
    expect(_scheduled_for(page)).to_have_text(scheduled_text)
    expect(_crisis_notice(page)).to_have_count(0)

    _main_nav(page).get_by_role("link", name="Editorial calendar").click()
    page.wait_for_url(f"{live_server.url}/calendar/")
    page.get_by_role("navigation", name="Calendar views").get_by_role("link", name="List").click()
    page.wait_for_url(re.compile(r"/calendar/list/"))
    row = _post_in_calendar_list(page, scheduled_at)
    expect(row.locator(".status")).to_have_text("Scheduled")
    expect(row.locator("time")).to_have_attribute("datetime", timezone.localtime(scheduled_at).isoformat())
    assert_accessible(page)

    post.refresh_from_db()
    assert post.status == ContentProposal.Status.SCHEDULED
    assert post.scheduled_at == scheduled_at
    assert post.held_by_crisis is None


def test_the_crisis_start_form_keeps_what_was_typed(page: Page, live_server, demo):
    login(page, live_server, "lead")
    _main_nav(page).get_by_role("link", name="Crisis mode").click()
    page.wait_for_url(f"{live_server.url}/crisis/")
    start = page.get_by_role("region", name="Start crisis mode")
    start.get_by_label("Expected end").fill(EXPECTED_END)
    start.get_by_role("button", name="Start crisis mode").click()
    page.wait_for_load_state()

    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("Please correct the following")
    expect(summary.get_by_role("link")).to_have_text(re.compile("^Reason: "))
    start = page.get_by_role("region", name="Start crisis mode")
    reason = start.get_by_label("Reason")
    expect(reason).to_have_value("")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(start.get_by_label("Expected end")).to_have_value(EXPECTED_END)
    expect(page.get_by_text("Crisis mode is off.")).to_be_visible()
    expect(_crisis_notice(page)).to_have_count(0)
    assert_accessible(page)

    summary.get_by_role("link").click()
    expect(reason).to_be_focused()


def test_the_triage_walk_and_the_follow_group_are_accessible(page: Page, live_server, demo):
    login(page, live_server, "lead")

    # The triage walk, from the main navigation: the first question.
    _main_nav(page).get_by_role("link", name="Triage").click()
    page.wait_for_url(f"{live_server.url}/triage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Triage: what do we do with this interaction?")
    question = page.get_by_role("region", name=re.compile("^Could it be a sign of a crisis"))
    expect(question).to_contain_text("Question 1")
    assert_accessible(page)

    # One answer: the second question, with the answer given so far and a way to change it.
    question.get_by_role("list", name="Your answer").get_by_role("link", name="No", exact=True).click()
    page.wait_for_url(re.compile(r"/triage/steps/\d+/\?trail="))
    question = page.get_by_role("region", name="Is it abusive, spam, or otherwise against the house rules?")
    expect(question).to_contain_text("Question 2")
    answers = page.get_by_role("region", name="Your answers so far")
    expect(answers.get_by_role("listitem")).to_have_count(1)
    expect(answers.get_by_role("listitem").locator("strong")).to_have_text("No")
    expect(answers.get_by_role("link", name=re.compile(r"^Change the answer to: Could it be"))).to_be_visible()
    assert_accessible(page)

    # The outcome: the recommended action, its deadline and the guideline to follow.
    question.get_by_role("list", name="Your answer").get_by_role("link", name="Yes", exact=True).click()
    page.wait_for_url(re.compile(r"/triage/steps/\d+/\?trail="))
    result = page.get_by_role("region", name=re.compile("^Hide it under the house rules"))
    expect(result).to_contain_text("Recommended action")
    expect(page.get_by_role("region", name="Your answers so far").get_by_role("listitem")).to_have_count(2)
    expect(page.get_by_role("link", name="Start again")).to_be_visible()
    assert_accessible(page)

    # The follow group the demo has set up: its members by unit, its meeting and ideas; the lead edits its purpose.
    _main_nav(page).get_by_role("link", name="Guidelines").click()
    page.wait_for_url(f"{live_server.url}/guidelines/")
    page.get_by_role("link", name="The follow group").click()
    page.wait_for_url(re.compile(r"/follow-group/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("SoMe-følgegruppe")
    expect(page.get_by_role("region", name="Members")).to_contain_text("Camilla Holm")
    expect(page.get_by_role("region", name="Add a member")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Edit name and purpose").click()
    page.wait_for_url(re.compile(r"/follow-group/edit/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit the follow group")
    page.get_by_role("textbox", name=re.compile("^Purpose")).fill(
        "Følger hospitalets sociale medier og kommer med idéer til at inddrage patienter og pårørende."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/follow-group/\?hospital=\d+$"))
    expect(_messages(page)).to_contain_text("The follow group is saved.")
    assert_accessible(page)
