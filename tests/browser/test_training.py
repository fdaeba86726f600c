"""Training through the real UI: a new producer of the selected level-3 department, who has not taken "Content on
social media" (which the demo hospital requires before producers post), enrols on a session; the teacher records
attendance; the producer may now post on the department's channel (the proposal page offers to schedule it
without a review). Every page visited passes axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from channels_plan.models import Channel
from channels_plan.services import proposal_create
from governance.models import Unit, User
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.browser.conftest import assert_accessible, login
from tests.training_session_factories import person_make, session_make
from training.models import Completion

pytestmark = pytest.mark.browser

NEWCOMER_PASSWORD = "a-new-producer-2026"


def test_a_producer_enrols_the_teacher_records_attendance_and_the_producer_may_post(page: Page, live_server, demo):
    department = Unit.objects.get(hospital=demo, name=PERSONA_DEPARTMENT)
    newcomer = person_make(unit=department, username="newcomer")
    newcomer.first_name, newcomer.last_name = "Nora", "Nielsen"
    newcomer.set_password(NEWCOMER_PASSWORD)
    newcomer.save(update_fields=["first_name", "last_name", "password"])
    community, lead = User.objects.get(username="community"), User.objects.get(username="lead")
    session = session_make(
        hospital=demo, teacher=community, organiser=lead, starts_at=timezone.now() - timedelta(minutes=20)
    )
    channel = Channel.objects.get(unit=department)
    proposal = proposal_create(
        unit=department,
        data={
            "title": "Hjerteskolen: første video",
            "text": "Se den nye video",
            "channels": [channel],
            "strategy": "openness",
        },
        acting_user=newcomer,
    )
    proposal_url = f"{live_server.url}/proposals/{proposal.pk}/"

    login(page, live_server, "newcomer")
    page.goto(proposal_url)
    expect(page.get_by_role("heading", name="Hjerteskolen: første video")).to_be_visible()
    expect(page.get_by_role("heading", name="Schedule it yourself")).to_have_count(0)

    page.goto(f"{live_server.url}/training/sessions/")
    assert_accessible(page)
    page.locator(f'a[href="/training/sessions/{session.pk}/"]').click()
    expect(page.get_by_role("heading", name="Content on social media", level=1)).to_be_visible()
    page.get_by_role("button", name="Enrol").click()
    expect(page.get_by_text("Nora Nielsen has a seat.")).to_be_visible()
    expect(page.get_by_text("You have a seat.")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, live_server, "community")
    page.goto(f"{live_server.url}/training/sessions/{session.pk}/")
    expect(page.get_by_role("table", name="Participants")).to_contain_text("Nora Nielsen")
    page.get_by_role("link", name="Record attendance").click()
    assert_accessible(page)
    page.get_by_label("Nora Nielsen").check()
    page.get_by_role("button", name="Record attendance").click()
    expect(page.get_by_text("Attendance is recorded.")).to_be_visible()
    expect(page.get_by_text("can no longer be changed")).to_be_visible()
    assert_accessible(page)
    assert Completion.objects.filter(user=newcomer, course__code="content").exists()

    page.context.clear_cookies()
    login(page, live_server, "newcomer")
    page.goto(proposal_url)
    expect(page.get_by_role("heading", name="Schedule it yourself")).to_be_visible()
    page.goto(f"{live_server.url}/training/completions/")
    expect(page.get_by_role("table", name="Courses I have completed")).to_contain_text("Content on social media")
    assert_accessible(page)
