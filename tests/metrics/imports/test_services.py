"""Upload → preview counts → confirm (all rows or none, idempotent) or discard; who may import."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from metrics.imports import services as service
from metrics.imports.services import (
    MetricImportError,
    metric_import_confirm,
    metric_import_discard,
    metric_import_upload,
)
from metrics.models import ChannelDailySnapshot, MetricImport, PostMetric
from tests.metrics.imports.support import (
    SAMPLE_FORMATS,
    demo_channel,
    page_daily_csv,
    sample_upload,
    upload,
    upload_bytes,
)

F = MetricImport.Format
pytestmark = pytest.mark.django_db


@pytest.fixture
def no_figures(demo):
    ChannelDailySnapshot.objects.all().delete()
    PostMetric.objects.all().delete()
    MetricImport.objects.all().delete()


def _values(queryset: QuerySet) -> list[tuple]:
    return list(queryset.order_by("pk").values_list(*[f.attname for f in queryset.model._meta.fields]))


@pytest.mark.parametrize("name", sorted(SAMPLE_FORMATS))
def test_every_sample_previews_and_confirms(no_figures, people, name):
    metric_import = upload(name, people["producer"])
    assert metric_import.status == MetricImport.Status.PREVIEWED
    assert (metric_import.rows_total, metric_import.rows_rejected, metric_import.rows_created) == (3, 0, 3)
    assert (metric_import.first_day, metric_import.last_day) == (date(2026, 3, 1), date(2026, 3, 3))
    assert metric_import.file.name.startswith("metric-imports/")
    assert not (ChannelDailySnapshot.objects.exists() or PostMetric.objects.exists())  # a preview writes nothing

    confirmed = metric_import_confirm(metric_import=metric_import, acting_user=people["flowmanager"])

    assert confirmed.status == MetricImport.Status.CONFIRMED
    assert confirmed.decided_by == people["flowmanager"]
    written = ChannelDailySnapshot.objects.count() + PostMetric.objects.count()
    assert written == 3


def test_confirmed_figures_are_the_files(no_figures, people):
    metric_import_confirm(metric_import=upload("meta_posts.csv", people["producer"]), acting_user=people["producer"])
    post = PostMetric.objects.get(external_id="111_201")
    assert (post.reach, post.views, post.clicks, post.engagements) == (12345, 20000, 230, 608)
    assert post.caption == "Hjerteugen: åbent hus"
    assert PostMetric.objects.get(external_id="111_202").caption.startswith("=HYPERLINK(")


def test_importing_the_same_file_again_changes_nothing_and_is_pointed_out(no_figures, people):
    first = metric_import_confirm(
        metric_import=upload("meta_page_daily.csv", people["producer"]), acting_user=people["producer"]
    )
    before = _values(ChannelDailySnapshot.objects.all())

    again = upload("meta_page_daily.csv", people["community"])

    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 3)
    assert again.sha256 == first.sha256
    metric_import_confirm(metric_import=again, acting_user=people["community"])
    assert _values(ChannelDailySnapshot.objects.all()) == before  # not even the source changed


def test_a_changed_figure_is_updated_and_figures_of_other_exports_are_kept(no_figures, people):
    metric_import_confirm(
        metric_import=upload("meta_page_daily.csv", people["producer"]), acting_user=people["producer"]
    )
    members = upload_bytes(
        page_daily_csv([["2026-03-01", "150"], ["2026-03-09", "151"]], header="Date,Members"),
        F.NETWORK_MEMBERS,
        people["producer"],
    )
    assert (members.rows_created, members.rows_updated, members.rows_unchanged) == (1, 1, 0)
    metric_import_confirm(metric_import=members, acting_user=people["producer"])
    first_day = ChannelDailySnapshot.objects.get(day=date(2026, 3, 1))
    assert (first_day.network_members, first_day.followers, first_day.reach) == (150, 5000, 1500)
    assert first_day.source == members


def test_rejected_rows_are_listed_and_block_the_confirmation(no_figures, people):
    content = page_daily_csv([["2026-03-01", "1", "1", "10", "5"], ["2026-03-02", "x", "1", "10", "5"]])
    metric_import = upload_bytes(content, F.META_PAGE_DAILY, people["producer"])
    assert (metric_import.rows_total, metric_import.rows_rejected) == (2, 1)
    assert metric_import.rejections == [
        {"row": 3, "column": "Followers", "reason": "Not a whole number (write 1234, 1.234 or 1 234)."}
    ]
    with pytest.raises(MetricImportError, match="rejected rows, so nothing was imported"):
        metric_import_confirm(metric_import=metric_import, acting_user=people["producer"])
    assert not ChannelDailySnapshot.objects.exists()


def test_a_failure_in_the_middle_of_writing_leaves_nothing(no_figures, people, monkeypatch):
    rows = [[f"2026-01-{day:02d}", "1", "1", "10", "5"] for day in range(1, 11)]
    metric_import = upload_bytes(page_daily_csv(rows), F.META_PAGE_DAILY, people["producer"])
    monkeypatch.setattr(service, "CHUNK_SIZE", 3)
    real_bulk_create = ChannelDailySnapshot.objects.bulk_create
    calls = []

    def failing_on_the_third_chunk(objs, **kwargs):
        calls.append(len(objs))
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real_bulk_create(objs, **kwargs)

    monkeypatch.setattr(ChannelDailySnapshot.objects, "bulk_create", failing_on_the_third_chunk)
    with pytest.raises(RuntimeError):
        metric_import_confirm(metric_import=metric_import, acting_user=people["producer"])

    assert not ChannelDailySnapshot.objects.exists()
    metric_import.refresh_from_db()
    assert metric_import.status == MetricImport.Status.PREVIEWED


def test_confirming_twice_is_refused(no_figures, people):
    metric_import = upload("x_analytics.csv", people["producer"])
    metric_import_confirm(metric_import=metric_import, acting_user=people["producer"])
    with pytest.raises(MetricImportError, match="This import was confirmed already"):
        metric_import_confirm(metric_import=metric_import, acting_user=people["lead"])


def test_discard_writes_nothing_and_deletes_the_stored_file(no_figures, people, django_capture_on_commit_callbacks):
    metric_import = upload("instagram_posts.csv", people["producer"])
    storage, name = metric_import.file.storage, metric_import.file.name
    with django_capture_on_commit_callbacks(execute=True):
        discarded = metric_import_discard(metric_import=metric_import, acting_user=people["producer"])
    assert discarded.status == MetricImport.Status.DISCARDED
    assert not storage.exists(name)
    assert not PostMetric.objects.exists()
    with pytest.raises(MetricImportError):
        metric_import_confirm(metric_import=discarded, acting_user=people["producer"])


def test_an_unreadable_file_stores_nothing(no_figures, people):
    with pytest.raises(MetricImportError, match="not a “Meta Business Suite: posts” export"):
        upload("meta_page_daily.csv", people["producer"], format=F.META_POSTS)
    assert not MetricImport.objects.exists()


@pytest.mark.parametrize("username", ["producer", "flowmanager", "community", "lead"])
def test_the_department_on_duty_and_the_communication_unit_may_import(no_figures, people, username):
    assert upload("meta_posts.csv", people[username]).uploaded_by == people[username]


@pytest.mark.parametrize("username", ["manager", "admin"])
def test_the_manager_and_the_superuser_may_not(no_figures, people, username):
    with pytest.raises(PermissionDenied):
        metric_import_upload(
            channel=demo_channel(),
            uploaded_file=sample_upload("meta_posts.csv"),
            format=F.META_POSTS,
            acting_user=people[username],
        )
    metric_import = upload("meta_posts.csv", people["producer"])
    with pytest.raises(PermissionDenied):
        metric_import_confirm(metric_import=metric_import, acting_user=people[username])


def test_a_post_published_in_the_hour_clocks_skip_is_unchanged_on_the_second_import(no_figures, people):
    content = (
        b"Post ID,Page ID,Publish time,Reach\r\n"
        b"1_1,1,03/29/2026 02:30,10\r\n"  # 02:30 does not exist in Copenhagen that night
        b"1_2,1,10/25/2026 02:30,10\r\n"  # 02:30 comes twice that night
    )
    metric_import_confirm(
        metric_import=upload_bytes(content, F.META_POSTS, people["producer"]), acting_user=people["producer"]
    )
    again = upload_bytes(content, F.META_POSTS, people["producer"])
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 2)
