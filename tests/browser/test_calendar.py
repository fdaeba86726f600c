"""The editorial calendar through the real UI: the communication unit's lead opens it from the main navigation, moves
between months with the keyboard (htmx swaps only the calendar region), switches to the week and list views,
filters by channel, and subscribes to the personal iCalendar feed."""

import datetime
import re
import zoneinfo

import pytest
from playwright.sync_api import Page, expect

from channels_plan.models import Channel
from channels_plan.services import (
    plan_create,
    plan_decide,
    proposal_create,
    proposal_schedule_directly,
)
from governance.models import Unit, User
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.browser.conftest import DEFAULT_TIMEOUT_MS, assert_accessible, login
from tests.factories import plan_submit_complete

pytestmark = pytest.mark.browser

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
THIS_MONTH = "Kalender: hjerteugen på Facebook"
ON_LINKEDIN = "Kalender: job i hjerteafdelingen"
NEXT_MONTH = "Kalender: næste måneds opslag"


def _schedule(*, title: str, channel: Channel, at: datetime.datetime) -> None:
    producer = User.objects.get(username="producer")
    proposal = proposal_create(
        unit=Unit.objects.get(name=PERSONA_DEPARTMENT),
        data={"title": title, "text": "Ikke i kalenderen.", "channels": [channel], "strategy": "openness"},
        acting_user=producer,
    )
    proposal_schedule_directly(proposal=proposal, scheduled_at=at, acting_user=producer)


@pytest.fixture
def calendar_items(demo) -> dict[str, Channel]:
    """Two channels of the demo department, two posts this month (one on each) and one next month."""
    producer, lead = User.objects.get(username="producer"), User.objects.get(username="lead")
    facebook = Channel.objects.get(plan__title="Hjerteafdelingen på Facebook")
    plan = plan_create(
        unit=Unit.objects.get(name=PERSONA_DEPARTMENT),
        data={"title": "Hjerteafdelingen på LinkedIn", "platform": "linkedin"},
        acting_user=producer,
    )
    plan_submit_complete(plan=plan, acting_user=producer)
    plan_decide(plan=plan, decision="approve", comment="", acting_user=lead)
    linkedin = Channel.objects.get(plan=plan)
    today = datetime.datetime.now(COPENHAGEN).date()
    noon = datetime.datetime.combine(today, datetime.time(12), tzinfo=COPENHAGEN)
    next_month = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=10)
    _schedule(title=THIS_MONTH, channel=facebook, at=noon)
    _schedule(title=ON_LINKEDIN, channel=linkedin, at=noon + datetime.timedelta(hours=2))
    _schedule(
        title=NEXT_MONTH,
        channel=facebook,
        at=datetime.datetime.combine(next_month, datetime.time(9), tzinfo=COPENHAGEN),
    )
    return {"facebook": facebook, "linkedin": linkedin}


def _region(page: Page):
    return page.locator("#calendar-region")


def test_the_lead_uses_the_editorial_calendar(page: Page, live_server, calendar_items):
    csp_errors = []
    page.on(
        "console",
        lambda message: csp_errors.append(message.text) if "Content Security Policy" in message.text else None,
    )
    login(page, live_server, "lead")

    # The month view, from the main navigation.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Editorial calendar").click()
    page.wait_for_url(f"{live_server.url}/calendar/")
    expect(page.locator("h1")).to_have_text("Editorial calendar")
    month = page.locator("table.calendar-month")
    expect(month.locator("caption")).to_be_visible()
    expect(month.locator("thead th[scope=col]")).to_have_count(8)
    today = month.locator("td[aria-current=date]")
    expect(today).to_have_count(1)
    expect(today.get_by_role("link", name=re.compile(THIS_MONTH))).to_be_visible()
    expect(month.get_by_role("link", name=re.compile(NEXT_MONTH))).to_have_count(0)
    heading = page.locator("#calendar-heading")
    this_month = heading.inner_text()
    assert_accessible(page)

    # Next month and back with the keyboard. htmx swaps the region alone: the page is not reloaded, the address,
    # the title and the status message follow, and focus stays on the link the person used.
    page.evaluate("() => { window.calendarPageMarker = true; }")
    page.locator("#calendar-today").focus()
    page.keyboard.press("Tab")
    expect(page.locator("#calendar-next")).to_be_focused()
    page.keyboard.press("Enter")
    expect(heading).not_to_have_text(this_month)
    next_month = heading.inner_text()
    page.wait_for_url(re.compile(r"/calendar/\?date=\d{4}-\d{2}-01$"))
    expect(_region(page).get_by_role("link", name=re.compile(NEXT_MONTH))).to_be_visible()
    expect(_region(page).get_by_role("link", name=re.compile(THIS_MONTH))).to_have_count(0)
    expect(page.locator("#calendar-next")).to_be_focused()
    expect(page.locator("#calendar-status")).to_contain_text(next_month)
    expect(page).to_have_title(re.compile(f"^{re.escape(next_month)} – Editorial calendar"))
    assert page.evaluate("() => window.calendarPageMarker === true"), "the page was reloaded instead of swapped"
    assert_accessible(page)

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#calendar-previous")).to_be_focused()
    page.keyboard.press("Enter")
    expect(heading).to_have_text(this_month)
    expect(_region(page).get_by_role("link", name=re.compile(THIS_MONTH))).to_be_visible()
    assert page.evaluate("() => window.calendarPageMarker === true")

    # The week view and the list view.
    page.get_by_role("navigation", name="Calendar views").get_by_role("link", name="Week").click()
    page.wait_for_url(re.compile(r"/calendar/week/"))
    expect(heading).to_contain_text("Week")
    expect(
        page.locator(".calendar-week [aria-current=date]").get_by_role("link", name=re.compile(THIS_MONTH))
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Calendar views").get_by_role("link", name="List").click()
    page.wait_for_url(re.compile(r"/calendar/list/"))
    rows = page.locator("table.calendar-list tbody tr")
    expect(rows.get_by_role("link", name=THIS_MONTH)).to_be_visible()
    expect(rows.get_by_role("link", name=ON_LINKEDIN)).to_be_visible()
    assert_accessible(page)

    # Filter by channel: only the Facebook post is left.
    page.get_by_label("Channel", exact=True).select_option(label=str(calendar_items["facebook"]))
    page.get_by_role("button", name="Filter").click()
    expect(rows.get_by_role("link", name=ON_LINKEDIN)).to_have_count(0)
    expect(rows.get_by_role("link", name=THIS_MONTH)).to_be_visible()
    page.wait_for_url(re.compile(rf"channel={calendar_items['facebook'].pk}"))
    expect(page.get_by_label("Channel", exact=True)).to_have_value(str(calendar_items["facebook"].pk))
    assert_accessible(page)

    # The personal iCalendar address: created on request, shown, and readable without a login.
    feed = page.locator("#calendar-feed")
    feed.get_by_role("button", name="Create my calendar address").click()
    page.wait_for_url(re.compile(r"/calendar/#calendar-feed$"))
    link = feed.get_by_role("link", name=re.compile("calendar file"))
    expect(link).to_be_visible()
    feed_url = link.get_attribute("href")
    assert re.fullmatch(rf"{re.escape(live_server.url)}/calendar/feed/[\w-]{{43}}\.ics", feed_url)
    expect(feed.get_by_label("Your personal calendar address")).to_have_value(feed_url)
    assert_accessible(page)
    anonymous = page.context.browser.new_context()  # no session cookie: the token alone opens the feed
    response = anonymous.request.get(feed_url)
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    body = response.text()
    assert body.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in body
    assert THIS_MONTH in body.replace("\r\n ", "")
    assert "Ikke i kalenderen" not in body

    # Resetting the link makes the old address stop working.
    feed.get_by_role("button", name="Reset link").click()
    expect(feed.get_by_label("Your personal calendar address")).not_to_have_value(feed_url)
    assert anonymous.request.get(feed_url).status == 404
    anonymous.close()
    assert not csp_errors, csp_errors


def test_the_calendar_works_without_javascript(browser, live_server, calendar_items):
    """Plain links and a GET form: with JavaScript off every step is a whole-page load that shows the same."""
    context = browser.new_context(locale="en-US", java_script_enabled=False)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        login(page, live_server, "producer")
        page.goto(f"{live_server.url}/calendar/")
        region = _region(page)
        expect(region.get_by_role("link", name=re.compile(THIS_MONTH))).to_be_visible()
        page.get_by_role("link", name="Next month").click()
        page.wait_for_url(re.compile(r"/calendar/\?date=\d{4}-\d{2}-01$"))
        expect(region.get_by_role("link", name=re.compile(NEXT_MONTH))).to_be_visible()
        page.get_by_role("link", name="This month").click()
        expect(region.get_by_role("link", name=re.compile(THIS_MONTH))).to_be_visible()
        page.get_by_label("Channel", exact=True).select_option(label=str(calendar_items["linkedin"]))
        page.get_by_role("button", name="Filter").click()
        page.wait_for_url(re.compile(rf"channel={calendar_items['linkedin'].pk}"))
        expect(region.get_by_role("link", name=re.compile(ON_LINKEDIN))).to_be_visible()
        expect(region.get_by_role("link", name=re.compile(THIS_MONTH))).to_have_count(0)
        # No axe run here: axe is JavaScript. The same markup is checked in the journey above.
    finally:
        context.close()
