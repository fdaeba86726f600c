"""Metric import through the real UI: the producer uploads a Meta Business Suite posts export, reads the preview,
confirms, sees the result, and finds a figure of the file on the channel's dashboard. Every page passes axe-core."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from channels_plan.models import Channel
from metrics.models import PostMetric
from tests.browser.conftest import assert_accessible, login
from tests.metrics.imports.support import SAMPLES

pytestmark = pytest.mark.browser


def test_the_producer_imports_a_meta_posts_export(page: Page, live_server, demo):
    PostMetric.objects.all().delete()
    channel = Channel.objects.get(plan__title="Hjerteafdelingen på Facebook")
    login(page, live_server, "producer")
    page.goto(f"{live_server.url}{reverse('metric_imports:upload')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import figures from an export file")
    assert_accessible(page)

    page.get_by_label(re.compile("^Channel")).select_option(str(channel.pk))
    page.get_by_label(re.compile("^Export format")).select_option("meta_posts")
    page.get_by_label(re.compile("^Export file")).set_input_files(str(SAMPLES / "meta_posts.csv"))
    page.get_by_role("button", name="Upload and preview").click()

    page.wait_for_url(re.compile(r"/metrics/imports/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview of the import: meta_posts.csv")
    counts = page.get_by_role("table", name="What confirming will do")
    expect(counts.get_by_role("row", name="To be created")).to_contain_text("3")
    expect(counts.get_by_role("row", name="Rows rejected")).to_contain_text("0")
    assert_accessible(page)

    page.get_by_role("button", name="Confirm and import").click()
    expect(page.get_by_text("Imported: 3 created, 0 updated, 0 unchanged.")).to_be_visible()
    expect(page.get_by_role("table", name="What the import did").get_by_role("row", name="Created")).to_contain_text(
        "3"
    )
    expect(page.get_by_role("button", name="Confirm and import")).to_have_count(0)
    assert_accessible(page)
    assert PostMetric.objects.filter(channel=channel).count() == 3

    page.get_by_role("link", name="The channel's imports").click()
    expect(page.get_by_role("table")).to_contain_text("meta_posts.csv")
    assert_accessible(page)

    dashboard = reverse("metrics:channel", kwargs={"channel_id": channel.pk})
    page.goto(f"{live_server.url}{dashboard}?period=custom&start=2026-03-01&end=2026-03-31")
    expect(page.locator("main")).to_contain_text(re.compile(r"12[,. \u00a0]?345"))
