"""The channel-plan journey through the real UI: a producer drafts and submits a plan, the communication unit's lead
asks for changes, the producer revises and resubmits, the lead approves and the channel appears in the registry."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser

TITLE = "Hjerteskolen for pårørende på Instagram"
GOALS = "Relatives of heart patients find reliable advice on daily life after a heart attack."
NEW_GOALS = "Relatives of heart patients find reliable advice and sign up for the heart school."
SENDER = "Hjerteskolen, Demohospitalet"
HANDLE = "@demohospitalet.hjerteskolen"
PLATFORM = "Instagram"
REVIEW_COMMENT = "Make the goals measurable: how many relatives should sign up?"


def _main_nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def _log_out(page: Page, live_server) -> None:
    with page.expect_navigation():
        page.locator("form.logout-form").get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{live_server.url}/login/")


def _fill_plan_except_title(page: Page, evaluation_date: str) -> list[str]:
    """Fill every field of the template except the title; return the ids of the content-strategy checkboxes ticked."""
    page.get_by_label("Communication goals").fill(GOALS)
    page.get_by_label("How success will be evaluated").fill("200 relatives follow the account after six months.")
    page.get_by_label("Primary target group").fill("Relatives of heart patients in the region.")
    page.get_by_label("Secondary target groups").fill("General practitioners and municipal health centres.")
    page.get_by_label("Channel/platform").select_option(label=PLATFORM)
    page.get_by_label("Sender name as the public sees it").fill(SENDER)
    page.get_by_label("Intended handle or URL").fill(HANDLE)
    page.get_by_label("Content", exact=True).fill("Short videos from the heart school and answers to common questions.")
    strategies = page.get_by_role("group", name=re.compile("^Content strategies")).get_by_role("checkbox")
    expect(strategies.first).to_be_visible()
    chosen = []
    for index in range(min(2, strategies.count())):
        strategies.nth(index).check()
        chosen.append(strategies.nth(index).get_attribute("id"))
    page.get_by_label("Invites comments and dialogue").check()
    page.get_by_label("The department posts itself").check()
    page.get_by_label("Owner", exact=True).select_option(label="Frederik Berg")
    page.get_by_label("Back-up", exact=True).select_option(label="Pernille Dahl")
    page.get_by_label("Hours per week").fill("3.5")
    page.get_by_label("Evaluation date").fill(evaluation_date)
    return chosen


@pytest.mark.browser
def test_channel_plan_journey(page: Page, live_server, demo):
    evaluation_date = (timezone.localdate() + timedelta(days=180)).isoformat()

    # 1. The producer drafts a plan from the channel-plan list.
    login(page, live_server, "producer")
    _main_nav(page).get_by_role("link", name="Channel plans").click()
    page.wait_for_url(f"{live_server.url}/plans/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Channel plans")
    expect(_main_nav(page).get_by_role("link", name="Channel plans")).to_have_attribute("aria-current", "page")
    page.get_by_role("link", name=f"New plan for {PERSONA_DEPARTMENT}").click()
    page.wait_for_url(re.compile(r"/plans/new/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("New channel plan")

    # Saved without a title: the error summary names the title, and everything typed is kept.
    chosen_strategies = _fill_plan_except_title(page, evaluation_date)
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("Please correct the following")
    expect(summary.get_by_role("listitem")).to_have_count(1)
    expect(summary.get_by_role("link")).to_have_text(re.compile("^Plan for: "))
    title = page.get_by_label("Plan for")
    expect(title).to_have_value("")
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_have_accessible_description("This field is required.")
    expect(page.get_by_label("Communication goals")).to_have_value(GOALS)
    expect(page.get_by_label("Channel/platform")).to_have_value("instagram")
    expect(page.get_by_label("Sender name as the public sees it")).to_have_value(SENDER)
    expect(page.get_by_label("Intended handle or URL")).to_have_value(HANDLE)
    for checkbox_id in chosen_strategies:
        expect(page.locator(f"#{checkbox_id}")).to_be_checked()
    expect(page.get_by_label("Invites comments and dialogue")).to_be_checked()
    expect(page.get_by_label("The department posts itself")).to_be_checked()
    expect(page.get_by_label("Owner", exact=True).locator("option:checked")).to_have_text("Frederik Berg")
    expect(page.get_by_label("Back-up", exact=True).locator("option:checked")).to_have_text("Pernille Dahl")
    expect(page.get_by_label("Hours per week")).to_have_value("3.5")
    expect(page.get_by_label("Evaluation date")).to_have_value(evaluation_date)
    assert_accessible(page)

    # The link in the summary leads to the field.
    summary.get_by_role("link").click()
    expect(title).to_be_focused()
    title.fill(TITLE)
    page.get_by_role("button", name="Save draft").click()
    # The error summary's link put #id_title in the address; a redirect keeps the fragment.
    page.wait_for_url(re.compile(r"/plans/\d+/(#id_title)?$"))
    plan_url = page.url.split("#")[0]
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status")).to_contain_text("The plan is saved as a draft.")
    expect(page.locator("p.lead .status")).to_have_text("Draft")
    plan = page.get_by_role("region", name="The plan")
    expect(plan).to_contain_text(GOALS)
    expect(plan).to_contain_text(SENDER)
    expect(plan).to_contain_text(HANDLE)
    expect(plan).to_contain_text(PLATFORM)
    expect(page.get_by_role("region", name="Decision log")).to_contain_text("Not submitted yet.")

    page.get_by_role("button", name="Submit to the communication unit").click()
    page.wait_for_url(plan_url)
    expect(page.get_by_role("status")).to_contain_text("The plan is submitted to the communication unit.")
    expect(page.locator("p.lead .status")).to_have_text("Submitted")
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    expect(page.get_by_role("region", name="Decision log")).to_contain_text("Submission 1")
    assert_accessible(page)

    # 2. The lead of the communication unit asks for changes.
    _log_out(page, live_server)
    login(page, live_server, "lead")
    waiting = page.get_by_role("region", name="Waiting for you")
    waiting.get_by_role("link", name=f"Review the channel plan: {TITLE} ({PERSONA_DEPARTMENT})").click()
    page.wait_for_url(plan_url)
    decision = page.get_by_role("region", name="Your decision")
    expect(decision.get_by_role("group", name=re.compile("^Decision"))).to_be_visible()
    assert_accessible(page)

    # Changes requested without a comment: an error, and the choice is kept.
    decision.get_by_role("radio", name="Request changes").check()
    decision.get_by_role("button", name="Record decision").click()
    page.wait_for_load_state()
    decision = page.get_by_role("region", name="Your decision")
    error = decision.get_by_role("alert")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Comment: Explain what must change, or why the plan is rejected.")
    expect(decision.get_by_role("radio", name="Request changes")).to_be_checked()
    comment = decision.get_by_label("Comment")
    expect(comment).to_have_attribute("aria-invalid", "true")
    expect(comment).to_have_accessible_description(
        re.compile("Required when you request changes or reject. Explain what must change")
    )
    expect(page.locator("p.lead .status")).to_have_text("Submitted")
    assert_accessible(page)

    comment.fill(REVIEW_COMMENT)
    decision.get_by_role("button", name="Record decision").click()
    page.wait_for_url(plan_url)
    expect(page.get_by_role("status")).to_contain_text("Your decision is recorded.")
    expect(page.locator("p.lead .status")).to_have_text("Changes requested")
    expect(page.get_by_role("region", name="Your decision")).to_have_count(0)
    log = page.get_by_role("region", name="Decision log")
    expect(log.get_by_role("row").filter(has_text="Request changes")).to_contain_text(REVIEW_COMMENT)

    # 3. The producer revises the goals and resubmits; the reviewers see what changed.
    _log_out(page, live_server)
    login(page, live_server, "producer")
    waiting = page.get_by_role("region", name="Waiting for you")
    waiting.get_by_role("link", name=f"Revise the channel plan: {TITLE} ({PERSONA_DEPARTMENT})").click()
    page.wait_for_url(plan_url)
    expect(page.get_by_role("region", name="Decision log")).to_contain_text(REVIEW_COMMENT)
    page.get_by_role("link", name="Edit", exact=True).click()
    page.wait_for_url(f"{plan_url}edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit plan")
    expect(page.get_by_label("Plan for")).to_have_value(TITLE)
    expect(page.get_by_label("Communication goals")).to_have_value(GOALS)
    page.get_by_label("Communication goals").fill(NEW_GOALS)
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(plan_url)
    expect(page.get_by_role("status")).to_contain_text("Your changes are saved.")
    page.get_by_role("button", name="Resubmit to the communication unit").click()
    page.wait_for_url(plan_url)
    expect(page.locator("p.lead .status")).to_have_text("Submitted")
    changes = page.get_by_role("region", name="Changes since the previous submission")
    expect(changes.get_by_role("heading", level=3)).to_have_text(["Communication goals"])
    expect(changes.locator("li.diff__removed")).to_have_text(f"Removed: {GOALS}")
    expect(changes.locator("li.diff__added")).to_have_text(f"Added: {NEW_GOALS}")
    expect(page.get_by_role("region", name="Decision log")).to_contain_text("Submission 2")
    assert_accessible(page)

    # 4. The lead approves; the channel is registered as planned.
    _log_out(page, live_server)
    login(page, live_server, "lead")
    page.get_by_role("region", name="Waiting for you").get_by_role("link", name=re.compile(re.escape(TITLE))).click()
    page.wait_for_url(plan_url)
    expect(page.get_by_role("region", name="Changes since the previous submission")).to_contain_text(NEW_GOALS)
    decision = page.get_by_role("region", name="Your decision")
    decision.get_by_role("radio", name="Approve").check()
    decision.get_by_role("button", name="Record decision").click()
    page.wait_for_url(plan_url)
    expect(page.get_by_role("status")).to_contain_text("Your decision is recorded.")
    expect(page.locator("p.lead .status")).to_have_text("Approved")
    expect(page.get_by_role("region", name="Decision log").get_by_role("row").filter(has_text="Approve")).to_have_count(
        1
    )
    expect(page.get_by_role("link", name="Registered channel")).to_be_visible()
    assert_accessible(page)

    _main_nav(page).get_by_role("link", name="Channel registry").click()
    page.wait_for_url(f"{live_server.url}/channels/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Channel registry")
    row = (
        page.get_by_role("table", name="Official channels")
        .get_by_role("row")
        .filter(has=page.get_by_role("rowheader", name=SENDER, exact=True))
    )
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell")).to_have_text(
        [
            PLATFORM,
            HANDLE,
            PERSONA_DEPARTMENT,
            "Frederik Berg",
            "Pernille Dahl",
            "Planned",
            re.compile(r"^Due "),
            "Not yet due",
        ]
    )
    assert_accessible(page)

    row.get_by_role("link", name=SENDER).click()
    page.wait_for_url(re.compile(r"/channels/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(SENDER)
    expect(page.locator("p.lead")).to_contain_text("Planned")
    expect(page.get_by_role("link", name=TITLE)).to_have_attribute("href", re.compile(r"/plans/\d+/$"))
    assert_accessible(page)
