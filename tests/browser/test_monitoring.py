"""Monitoring through the real UI: a mention arrives from a local feed, the sweep flags it overdue, the community
manager triages and answers it and the sweep closes the alert; the inbox's "Answered" works in place and keeps
health data out of the list; the entry forms show their errors. Every page passes axe-core."""

import http.server
import re
import threading
from collections.abc import Iterator
from datetime import timedelta
from email.utils import format_datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from hospital_some.demo.seed import COMMUNICATION_UNIT
from monitoring import feeds
from monitoring.models import Alert, Interaction
from monitoring.sweep import monitoring_sweep
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser

FEED_NAME = "Nyhedssøgning: Demohospitalet"
FEED_PATH = "/demohospitalet.rss"
MENTION_TITLE = "Demohospitalet åbner nyt hjertecenter"
MENTION_SUMMARY = "Hvornår kan patienter blive henvist til det nye hjertecenter på Demohospitalet?"
MENTION_LINK = "https://nyheder.example.com/demohospitalet-hjertecenter"
ANSWER_NOTE = "Svaret i kommentarfeltet med link til hjertecentrets side"
# The demo department's interactions (hospital_some/demo/monitoring.py).
DEMO_QUESTION = "Hvornår har hjerteambulatoriet åbent i påsken?"
DEMO_HEALTH_TEXT = "Min far er indlagt med hjertesvigt. Må vi besøge ham i aften?"
BAD_CSV = "channel;kind;text;written\n999999;tweet;Tak for hjælpen;i går\n"


def _rss(published) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>Nyheder om Demohospitalet</title>
    <link>https://nyheder.example.com/</link>
    <description>En nyhedssøgning</description>
    <item>
      <title>{MENTION_TITLE}</title>
      <link>{MENTION_LINK}</link>
      <guid isPermaLink="false">nyheder-hjertecenter-1</guid>
      <pubDate>{format_datetime(published)}</pubDate>
      <description>&lt;p&gt;{MENTION_SUMMARY}&lt;/p&gt;</description>
    </item>
  </channel>
</rss>
""".encode()


@pytest.fixture
def feed_url(monkeypatch) -> Iterator[str]:
    """An RSS file with one mention of the hospital, served from 127.0.0.1, which the fetch may reach for the test."""
    body = _rss(timezone.now() - timedelta(minutes=10))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != FEED_PATH:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    # The guard the feed form's check and the fetch read (the live server runs in this process).
    monkeypatch.setattr(feeds, "ALLOW_PRIVATE_ADDRESSES", True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{FEED_PATH}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


def _log_out(page: Page, live_server) -> None:
    with page.expect_navigation():
        page.locator("form.logout-form").get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{live_server.url}/login/")


def _messages(page: Page):
    return page.get_by_role("status").filter(has=page.locator("ul.messages"))


def _field(page: Page, term: str):
    return page.locator("dt", has_text=re.compile(f"^{re.escape(term)}$")).locator("xpath=following-sibling::dd[1]")


def _open_alerts(page: Page, live_server) -> None:
    _nav(page, "Inbox")
    page.wait_for_url(re.compile(r"/monitoring/inbox/"))
    page.get_by_role("link", name="Alerts: duties not met").click()
    page.wait_for_url(f"{live_server.url}/monitoring/alerts/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Alerts")


def _alert_row(page: Page, interaction: Interaction):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=f"Interaction #{interaction.pk}"))


def test_a_mention_from_a_feed_is_triaged_answered_and_its_alert_closes(page: Page, live_server, demo, feed_url):
    # The lead adds the feed, from the inbox's link to the mention feeds.
    login(page, live_server, "lead")
    _nav(page, "Inbox")
    page.wait_for_url(f"{live_server.url}/monitoring/inbox/")
    page.get_by_role("link", name="Mention feeds").click()
    page.wait_for_url(f"{live_server.url}/monitoring/feeds/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mention feeds")
    expect(page.get_by_role("table")).to_contain_text("No mention feeds yet.")
    assert_accessible(page)

    page.get_by_role("link", name="Add a feed").click()
    page.wait_for_url(re.compile(r"/monitoring/feeds/new/\?hospital=\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a mention feed")
    expect(page.get_by_label("Fetch this feed regularly")).to_be_checked()
    assert_accessible(page)

    page.get_by_role("button", name="Add the feed").click()
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading")).to_have_text("Please correct the following")
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(page.get_by_label(re.compile("^Feed address"))).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.get_by_label(re.compile("^Name")).fill(FEED_NAME)
    page.get_by_label(re.compile("^Feed address")).fill(feed_url)
    page.get_by_role("button", name="Add the feed").click()
    page.wait_for_url(re.compile(r"/monitoring/feeds/\?hospital=\d+$"))
    expect(_messages(page)).to_contain_text(f"The feed “{FEED_NAME}” is added. Fetch it now to see that it works.")
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=FEED_NAME))
    expect(row).to_contain_text("Not fetched yet")
    assert_accessible(page)

    # Fetch now: the mention arrives.
    row.get_by_role("button", name=f"Fetch now {FEED_NAME}").click()
    page.wait_for_url(re.compile(r"/monitoring/feeds/\?hospital=\d+$"))
    expect(_messages(page)).to_contain_text(f"“{FEED_NAME}” is fetched: 1 new mention (0 seen before).")
    expect(row.get_by_role("cell").nth(3)).to_have_text("OK")
    expect(row.get_by_role("cell").nth(4)).to_have_text("1")
    assert_accessible(page)

    mention = Interaction.objects.select_related("unit").get(feed__name=FEED_NAME)
    assert mention.kind == Interaction.Kind.MENTION
    assert mention.channel_id is None
    assert mention.unit.name == COMMUNICATION_UNIT
    assert mention.text == f"{MENTION_TITLE}\n\n{MENTION_SUMMARY}"
    assert mention.deadline is not None, "the communication unit's level sets an answer deadline"

    # The sweep, past the mention's deadline, flags it overdue.
    overdue_at = mention.deadline + timedelta(minutes=1)
    monitoring_sweep(now=overdue_at)
    alert = Alert.objects.get(interaction=mention, closed_at__isnull=True)
    assert alert.cause == Alert.Cause.OVERDUE_ANSWER

    # The community manager sees the alert.
    _log_out(page, live_server)
    login(page, live_server, "community")
    _open_alerts(page, live_server)
    tabs = page.get_by_role("navigation", name="Open or closed alerts")
    expect(tabs.get_by_role("link", name="Open")).to_have_attribute("aria-current", "page")
    alert_row = _alert_row(page, mention)
    expect(alert_row.get_by_role("rowheader")).to_have_text("Answer overdue")
    expect(alert_row).to_contain_text(COMMUNICATION_UNIT)
    assert_accessible(page)

    # The mention in the inbox, outside the hospital's channels.
    _nav(page, "Inbox")
    page.wait_for_url(f"{live_server.url}/monitoring/inbox/")
    inbox_row = page.get_by_role("row").filter(has_text=MENTION_TITLE)
    expect(inbox_row).to_contain_text("Outside our channels")
    expect(inbox_row.locator("td.status")).to_have_text("New")
    assert_accessible(page)

    inbox_row.get_by_role("link", name=f"Mention #{mention.pk}").click()
    page.wait_for_url(f"{live_server.url}/monitoring/inbox/{mention.pk}/")
    detail_url = page.url
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Mention #{mention.pk}")
    expect(page.locator(".guideline-text")).to_contain_text(MENTION_SUMMARY)
    expect(_field(page, "Responsible unit")).to_have_text(COMMUNICATION_UNIT)
    expect(_field(page, "Received")).to_contain_text("Mention feed")
    platform_link = _field(page, "Link").get_by_role("link", name="Open on the platform")
    expect(platform_link).to_have_attribute("href", MENTION_LINK)
    expect(_field(page, "Triage outcome")).to_have_text("Not decided yet")
    triage = page.get_by_role("region", name="Triage")
    expect(triage).to_contain_text("The next question of the triage diagram: Could it be a sign of a crisis")
    assert_accessible(page)

    # The triage walk for it: a question the communication unit answers from public information.
    triage.get_by_role("link", name="Walk the triage diagram for this interaction").click()
    page.wait_for_url(re.compile(r"/triage/"))
    for answer in ("No", "No", "No", "No", "Yes", "Yes"):
        with page.expect_navigation():
            page.get_by_role("list", name="Your answer").get_by_role("link", name=answer, exact=True).click()
    result = page.get_by_role("region", name=re.compile("^Answer publicly"))
    expect(result).to_contain_text("Recommended action")

    # Back on the mention: the outcome, then the answer.
    page.goto(detail_url)
    triage = page.get_by_role("region", name="Triage")
    triage.get_by_label("Triage outcome").select_option(label="Answer publicly")
    triage.get_by_role("button", name="Record the outcome").click()
    page.wait_for_url(detail_url)
    expect(_messages(page)).to_contain_text("Triage outcome recorded: Answer publicly.")
    expect(_field(page, "Triage outcome")).to_have_text("Answer publicly")

    answer = page.get_by_role("region", name="Answer and status")
    answer.get_by_label("Note (optional)").fill(ANSWER_NOTE)
    answer.get_by_role("button", name="Record as answered").click()
    page.wait_for_url(detail_url)
    expect(_messages(page)).to_contain_text(f"Mention #{mention.pk} is recorded as answered.")
    expect(_field(page, "Status")).to_contain_text("Answered – by Camilla Holm")
    expect(answer.get_by_role("button", name="Record as answered")).to_have_count(0)
    expect(answer.get_by_role("button", name="Reopen")).to_be_visible()
    assert_accessible(page)

    mention.refresh_from_db()
    assert mention.status == Interaction.Status.ANSWERED
    assert mention.triage_action == "answer_publicly"

    # The next sweep closes the alert: gone from the open list, shown among the closed.
    monitoring_sweep(now=overdue_at + timedelta(minutes=5))
    alert.refresh_from_db()
    assert alert.closed_at is not None

    _open_alerts(page, live_server)
    expect(_alert_row(page, mention)).to_have_count(0)
    assert_accessible(page)
    tabs = page.get_by_role("navigation", name="Open or closed alerts")
    tabs.get_by_role("link", name="Closed").click()
    page.wait_for_url(f"{live_server.url}/monitoring/alerts/?state=closed")
    expect(tabs.get_by_role("link", name="Closed")).to_have_attribute("aria-current", "page")
    closed_row = _alert_row(page, mention)
    expect(closed_row.get_by_role("rowheader")).to_have_text("Answer overdue")
    assert_accessible(page)


def test_the_inbox_answers_in_place_and_keeps_health_data_out_of_the_list(page: Page, live_server, demo):
    question = Interaction.objects.get(text=DEMO_QUESTION)
    health = Interaction.objects.get(text=DEMO_HEALTH_TEXT)
    assert health.has_health_data
    login(page, live_server, "flowmanager")
    _nav(page, "Inbox")
    page.wait_for_url(f"{live_server.url}/monitoring/inbox/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inbox")
    expect(page.locator("main")).to_contain_text(DEMO_QUESTION)
    assert_accessible(page)

    # "Answered" swaps its row in place (htmx): no page load, the result in the live region.
    page.evaluate("() => { window.inboxNotReloaded = true; }")
    row = page.locator(f"#interaction-{question.pk}")
    expect(row.locator("td.status")).to_have_text("New")
    row.get_by_role("button", name=re.compile(rf"^Answered\W+Comment #{question.pk}$")).click()
    expect(page.locator("#inbox-status")).to_have_text(f"Comment #{question.pk} is recorded as answered.")
    row = page.locator(f"#interaction-{question.pk}")
    expect(row.locator("td.status")).to_have_text("Answered")
    expect(row.get_by_role("button")).to_have_count(0)
    assert page.evaluate("() => window.inboxNotReloaded === true"), "the page was loaded again"
    assert page.url == f"{live_server.url}/monitoring/inbox/"
    question.refresh_from_db()
    assert question.status == Interaction.Status.ANSWERED
    assert_accessible(page)

    # The health data stays out of the list; the detail page shows it, with the warning.
    expect(page.locator("main")).not_to_contain_text(DEMO_HEALTH_TEXT)
    health_row = page.locator(f"#interaction-{health.pk}")
    health_row.get_by_role("link", name="Contains personal data – open to read").click()
    page.wait_for_url(f"{live_server.url}/monitoring/inbox/{health.pk}/")
    expect(page.locator(".guideline-text")).to_have_text(DEMO_HEALTH_TEXT)
    expect(page.locator("p.warning")).to_contain_text("Contains personal or health data.")
    expect(_field(page, "Personal or health data")).to_have_text("Yes")
    # The triage knows the answer the flag gives; the person answers the questions before it.
    known = page.get_by_role("region", name="Triage").get_by_role("listitem")
    expect(known).to_have_count(1)
    expect(known).to_contain_text("Does it contain personal or health information")
    expect(known.locator("strong")).to_have_text("Yes")
    assert_accessible(page)


def test_the_entry_forms_show_their_errors(page: Page, live_server, demo):
    interactions_before = Interaction.objects.count()
    login(page, live_server, "community")
    _nav(page, "Inbox")
    page.wait_for_url(f"{live_server.url}/monitoring/inbox/")

    # Entering an interaction by hand, submitted empty.
    page.get_by_role("link", name="Enter an interaction").click()
    page.wait_for_url(f"{live_server.url}/monitoring/inbox/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter an interaction")
    page.get_by_label(re.compile("^Written")).fill("")
    page.get_by_role("button", name="Save in the inbox").click()
    page.wait_for_load_state()
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading")).to_have_text("Please correct the following")
    expect(summary.get_by_role("link", name=re.compile("^Text: "))).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("^Written: "))).to_be_visible()
    text = page.get_by_label(re.compile("^Text"))
    expect(text).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    summary.get_by_role("link", name=re.compile("^Text: ")).click()
    expect(text).to_be_focused()
    assert Interaction.objects.count() == interactions_before

    # The CSV import: the page, a file with problems (nothing imported, every problem listed), and no file at all.
    page.get_by_role("link", name="Cancel").click()
    page.wait_for_url(f"{live_server.url}/monitoring/inbox/")
    page.get_by_role("link", name="Import a CSV file").click()
    page.wait_for_url(f"{live_server.url}/monitoring/inbox/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import interactions from a CSV file")
    assert_accessible(page)

    page.get_by_label(re.compile("^CSV file")).set_input_files(
        {"name": "interaktioner.csv", "mimeType": "text/csv", "buffer": BAD_CSV.encode()}
    )
    page.get_by_role("button", name="Check and import").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported.")
    problems = page.get_by_role("table", name="Problems in the file")
    expect(problems.get_by_role("rowheader", name="2", exact=True).first).to_be_visible()
    assert_accessible(page)
    assert Interaction.objects.count() == interactions_before

    page.get_by_role("button", name="Check and import").click()
    page.wait_for_load_state()
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("link", name=re.compile("^CSV file: "))).to_be_visible()
    assert_accessible(page)
