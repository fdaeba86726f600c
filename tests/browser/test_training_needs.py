"""Training needs through the real UI: the manager opens the department's training gap, the producer "My training".
Both pages pass axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from governance.models import Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def test_the_manager_sees_the_departments_training_gap(page: Page, live_server, demo):
    unit = Unit.objects.get(name=PERSONA_DEPARTMENT)
    login(page, live_server, "manager")
    page.goto(live_server.url + reverse("training_needs:unit", kwargs={"unit_id": unit.pk}))
    expect(page.get_by_role("heading", level=1)).to_contain_text(PERSONA_DEPARTMENT)
    table = page.get_by_role("table")
    expect(table.get_by_role("rowheader", name="Pernille Dahl")).to_be_visible()
    expect(table).to_contain_text("Missing")  # the manager lacks the introduction
    assert_accessible(page)


def test_the_producer_sees_my_training(page: Page, live_server, demo):
    login(page, live_server, "producer")
    page.goto(live_server.url + reverse("training_needs:mine"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My training")
    expect(page.get_by_role("table").first).to_contain_text("Content on social media")
    assert_accessible(page)
