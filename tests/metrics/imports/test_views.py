"""The metric import pages: upload → preview → confirm → result, discard, the channel's list; escaped imported
text; 404 for another department's imports; query counts that do not grow with the rows."""

import pytest
from django.urls import reverse

from metrics.models import ChannelDailySnapshot, MetricImport, PostMetric
from tests.metrics.imports.support import (
    bytes_upload,
    demo_channel,
    page_daily_csv,
    sample_upload,
    upload,
    upload_bytes,
)

F = MetricImport.Format
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]


@pytest.fixture
def no_figures(demo):
    ChannelDailySnapshot.objects.all().delete()
    PostMetric.objects.all().delete()
    MetricImport.objects.all().delete()


def test_upload_preview_confirm_result(no_figures, client_as):
    client = client_as("producer")
    channel = demo_channel()
    page = client.get(reverse("metric_imports:upload"), {"channel": channel.pk})
    assert page.status_code == 200
    assert "Meta Business Suite: posts" in page.content.decode()

    response = client.post(
        reverse("metric_imports:upload"),
        {"channel": channel.pk, "format": F.META_POSTS, "file": sample_upload("meta_posts.csv")},
    )

    metric_import = MetricImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("metric_imports:detail", kwargs={"import_id": metric_import.pk})
    preview = client.get(response.url).content.decode()
    assert "Preview of the import" in preview and "Confirm and import" in preview
    assert "<script>alert(1)</script>" not in preview

    confirmed = client.post(reverse("metric_imports:confirm", kwargs={"import_id": metric_import.pk}), follow=True)
    text = confirmed.content.decode()
    assert "Imported: 3 created, 0 updated, 0 unchanged." in text
    assert "Confirm and import" not in text
    assert PostMetric.objects.filter(channel=channel).count() == 3


def test_a_file_of_the_wrong_format_is_a_form_error_and_nothing_is_stored(no_figures, client_as):
    response = client_as("flowmanager").post(
        reverse("metric_imports:upload"),
        {"channel": demo_channel().pk, "format": F.META_POSTS, "file": sample_upload("network_members.csv")},
    )
    assert response.status_code == 200
    assert "is not a “Meta Business Suite: posts” export" in response.content.decode()
    assert not MetricImport.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Date,Followers,Reach\r\n2026-03-01,1,1\r\n".encode("cp1252") + "æ".encode("cp1252"), "not in UTF-8"),
        (b"Date,Followers,Reach," + b"x" * (10 * 1024 * 1024), "longer than 100000 characters"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", "neither a CSV text nor an Excel workbook"),
    ],
)
def test_hostile_files_give_a_clear_form_error(no_figures, client_as, content, message):
    response = client_as("producer").post(
        reverse("metric_imports:upload"),
        {"channel": demo_channel().pk, "format": F.META_PAGE_DAILY, "file": bytes_upload(content, "x.csv")},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MetricImport.objects.exists()


def test_rejected_rows_are_shown_escaped_with_the_count_of_the_rest(no_figures, people, client_as, monkeypatch):
    from metrics.imports import services as service

    monkeypatch.setattr(service, "REJECTIONS_KEPT", 2)
    rows = [["2026-03-01", "1", "1", "10", "5"]] + [[f"2026-02-{d:02d}", "<b>x</b>", "1", "1", "1"] for d in (1, 2, 3)]
    metric_import = upload_bytes(
        page_daily_csv(rows), F.META_PAGE_DAILY, people["producer"], name="<img src=x onerror=alert(1)>.csv"
    )

    text = client_as("producer").get(reverse("metric_imports:detail", kwargs={"import_id": metric_import.pk})).content
    text = text.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;.csv" in text and "<img src=x" not in text
    assert "Not a whole number" in text
    assert "And 1 more rejected row." in text
    assert "Confirm and import" not in text and "Discard" in text


def test_discard_goes_to_the_channels_list(no_figures, people, client_as):
    metric_import = upload("meta_posts.csv", people["producer"])
    response = client_as("community").post(
        reverse("metric_imports:discard", kwargs={"import_id": metric_import.pk}), follow=True
    )
    text = response.content.decode()
    assert "The import was discarded; nothing was written." in text
    assert "Discarded" in text
    assert not PostMetric.objects.exists()


def test_the_manager_sees_403_and_another_departments_producer_404(no_figures, people, client_as):
    from tests.factories import UnitFactory, UserFactory, membership_make

    metric_import = upload("meta_posts.csv", people["producer"])
    detail = reverse("metric_imports:detail", kwargs={"import_id": metric_import.pk})
    channel_list = reverse("metric_imports:channel_imports", kwargs={"channel_id": metric_import.channel_id})
    assert client_as("manager").get(detail).status_code == 403
    stranger = UserFactory(username="stranger")
    membership_make(user=stranger, unit=UnitFactory(hospital=metric_import.channel.unit.hospital), role_code="producer")
    client = client_as("stranger")
    assert client.get(detail).status_code == 404
    assert client.get(channel_list).status_code == 404
    assert client.post(reverse("metric_imports:confirm", kwargs={"import_id": metric_import.pk})).status_code == 404
    assert client.get(reverse("metric_imports:upload")).status_code == 403  # their department has no channel


def _rows(count: int) -> bytes:
    return page_daily_csv([[f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}", "x", "1", "1", "1"] for n in range(count)])


@pytest.mark.parametrize("count", [1, 40])
def test_the_preview_page_queries_do_not_grow_with_the_rows(
    no_figures, people, client_as, django_assert_num_queries, count
):
    metric_import = upload_bytes(_rows(count), F.META_PAGE_DAILY, people["producer"])
    client = client_as("producer")
    url = reverse("metric_imports:detail", kwargs={"import_id": metric_import.pk})
    # session, user, the actor (memberships, units), the import with its channel and people, its twin, crisis banner
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_page_queries_do_not_grow_with_the_imports(
    no_figures, people, client_as, django_assert_num_queries, count
):
    for _n in range(count):
        upload("meta_posts.csv", people["producer"])
    client = client_as("producer")
    url = reverse("metric_imports:channel_imports", kwargs={"channel_id": demo_channel().pk})
    # session, user, the actor (memberships, units), the channel, the imports with their people, crisis banner
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.content.decode().count("meta_posts.csv") == count
