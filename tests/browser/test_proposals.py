"""A content proposal from the department to the calendar: proposed, scheduled by the communication unit,
seen in the month view, recorded as published; and a selected department's flowmanager scheduling directly."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def _logout(page: Page) -> None:
    with page.expect_navigation():
        page.locator("form.logout-form").get_by_role("button").click()


def _nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def _later_today() -> str:
    """A time in the current month (so the month view shows it), in the form a datetime-local input takes."""
    now = timezone.localtime()
    when = now.replace(hour=12, minute=0, second=0, microsecond=0)
    return when.strftime("%Y-%m-%dT%H:%M")


def test_proposal_from_department_to_published(page: Page, live_server, demo):
    login(page, live_server, "producer")
    _nav(page, "Content proposals")
    page.get_by_role("link", name="New proposal for Hjertemedicinsk afdeling").click()
    page.get_by_label("Text").fill("Vi holder åbent hus i hjertemedicinsk afdeling.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("alert")).to_contain_text("Working title")
    expect(page.get_by_label("Text")).to_have_value("Vi holder åbent hus i hjertemedicinsk afdeling.")
    assert_accessible(page)
    page.get_by_label("Working title").fill("Åbent hus i hjerteugen")
    page.get_by_label(re.compile("Hjerteafdelingen på Facebook|Hjertemedicinsk afdeling")).first.check()
    page.get_by_label("Content strategy").select_option("openness")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Åbent hus i hjerteugen")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".lead")).to_contain_text("Submitted")
    assert_accessible(page)
    _logout(page)

    login(page, live_server, "lead")
    page.get_by_role("link", name=re.compile("Review the content proposal: Åbent hus i hjerteugen")).click()
    page.get_by_label("Approve and schedule").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose when the post is published.")
    assert_accessible(page)
    page.get_by_label("Approve and schedule").check()
    page.get_by_label("Publish at").fill(_later_today())
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator(".lead")).to_contain_text("Scheduled")

    _nav(page, "Editorial calendar")
    expect(page.get_by_role("link", name=re.compile("Åbent hus i hjerteugen"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Åbent hus i hjerteugen")).click()
    page.get_by_label("Link to the post").fill("https://www.facebook.com/demohospitalet/posts/42")
    page.get_by_role("button", name="Record publication").click()
    expect(page.locator(".lead")).to_contain_text("Published")
    expect(page.get_by_role("link", name="See the post")).to_have_attribute(
        "href", "https://www.facebook.com/demohospitalet/posts/42"
    )
    assert_accessible(page)


def test_a_selected_departments_flowmanager_schedules_directly(page: Page, live_server, demo):
    login(page, live_server, "flowmanager")
    _nav(page, "Content proposals")
    page.get_by_role("link", name="New proposal for Hjertemedicinsk afdeling").click()
    page.get_by_label("Working title").fill("Hjertestarter-kursus")
    page.get_by_label("Text").fill("Lær at bruge en hjertestarter.")
    page.get_by_label(re.compile("Hjerteafdelingen på Facebook|Hjertemedicinsk afdeling")).first.check()
    page.get_by_label("Content strategy").select_option("education")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", name="Schedule it yourself")).to_be_visible()
    page.get_by_label("Publish at").fill((timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.locator(".lead")).to_contain_text("Scheduled")
    assert_accessible(page)
