"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every browser test is marked ``browser``; ``-m "not browser"`` skips them where no Chromium is installed.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page, sync_playwright

from governance.models import User
from hospital_some.demo.seed import PERSONAS, demo_seed

# Playwright's sync API keeps an asyncio event loop running in the test thread (in a greenlet), so
# Django's async-safety check would refuse every ORM call the tests and fixtures make while the browser
# is up. No async code shares these connections, so the check is switched off -- but only while the
# browser fixture is alive (see ``browser``): set for the whole session it would leak into the
# subprocesses other tests start (``manage.py check --deploy`` rejects it).
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = ROOT / "static" / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOT_DIR = ROOT / "test-artifacts" / "screenshots"
DEFAULT_TIMEOUT_MS = 10_000
SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"

_PASSWORDS = {persona.username: persona.password for persona in PERSONAS}
_saved_screenshots: list[Path] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item (rep_setup, rep_call, rep_teardown) for the page fixture."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def pytest_terminal_summary(terminalreporter):
    if _saved_screenshots:
        terminalreporter.write_sep("-", "browser screenshots of failed tests")
        terminalreporter.write_line(f"saved in {SCREENSHOT_DIR}")
        for path in _saved_screenshots:
            terminalreporter.write_line(f"  {path.name}")


@pytest.fixture(scope="package")
def browser() -> Browser:
    """One Chromium for all the browser tests.

    Package-scoped rather than session-scoped so that Playwright's event loop and DJANGO_ALLOW_ASYNC_UNSAFE
    end with the last browser test instead of lasting into the tests that pytest-django runs after them.
    """
    from django.db import connections

    # Django keeps database connections in an asgiref Local that switches to a separate, per-context
    # storage while an event loop runs in the thread. Without this, the tests would get fresh connection
    # wrappers once Playwright starts -- which lack the state the test database set-up stored on the
    # original ones (the serialized data that serialized rollback restores). Re-register the same wrappers.
    wrappers = {alias: connections[alias] for alias in connections}
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            for alias, wrapper in wrappers.items():
                connections[alias] = wrapper
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Page:
    """A fresh context (no cookies) per test, in English; a screenshot is saved when the test fails."""
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.\[\]-]+", "_", request.node.name)
        path = SCREENSHOT_DIR / f"{name}.png"
        try:
            page.screenshot(path=str(path), full_page=True)
        except Exception as error:  # a crashed page must not hide the test's own failure
            print(f"Could not save a screenshot for {request.node.nodeid}: {error}")
        else:
            _saved_screenshots.append(path)
            print(f"Screenshot of the failed test saved in {SCREENSHOT_DIR}: {path.name}")
    context.close()


@pytest.fixture
def demo(transactional_db, django_db_serialized_rollback):
    """The demo hospital and its personas.

    ``live_server`` needs ``transactional_db``: the server thread must see committed rows. A transactional
    test ends with a flush of every table, which would also wipe the maturity scale that the migrations
    load; serialized rollback restores that data before each test.
    """
    return demo_seed()


def login(page: Page, live_server, username: str) -> None:
    """Log in by handing the browser a session cookie (as Django's test client does), and open the dashboard.

    The log-in form itself is tested by ``log_in_through_form``'s tests; the other journeys start logged in.
    """
    client = Client()
    client.force_login(User.objects.get(username=username), backend=SESSION_BACKEND)
    session_cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session_cookie.value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/")


def log_in_through_form(page: Page, live_server, username: str, password: str | None = None) -> None:
    """Log in through the login form and wait for the dashboard."""
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password if password is not None else _PASSWORDS[username])
    page.locator("main").get_by_role("button").click()
    page.wait_for_url(f"{live_server.url}/")


def assert_accessible(page: Page) -> None:
    """Run axe-core (the vendored copy) for WCAG 2.1 A and AA and fail with a readable list of violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # page.evaluate runs through the DevTools protocol, which the page's Content-Security-Policy does
        # not cover; an injected <script> element (page.add_script_tag) would be blocked by script-src.
        page.evaluate(_axe_source())
    results = page.evaluate(
        "options => window.axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results["violations"]
    if violations:
        pytest.fail(_violations_text(page.url, violations), pytrace=False)


_axe_cache: dict[str, str] = {}


def _axe_source() -> str:
    if "source" not in _axe_cache:
        _axe_cache["source"] = AXE_SOURCE.read_text(encoding="utf-8")
    return _axe_cache["source"]


def _violations_text(url: str, violations: list[dict], targets_shown: int = 3) -> str:
    lines = [f"axe-core found {len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'no impact given'}): {violation['help']}"
            f" [{len(nodes)} element(s)] {violation['helpUrl']}"
        )
        for node in nodes[:targets_shown]:
            target = " > ".join(str(part) for part in node["target"])
            lines.append(f"    {target}")
            summary = " ".join((node.get("failureSummary") or "").split())
            if summary:
                summary = summary if len(summary) <= 240 else f"{summary[:239]}…"
                lines.append(f"      {summary}")
        if len(nodes) > targets_shown:
            lines.append(f"    … and {len(nodes) - targets_shown} more")
    return "\n".join(lines)
