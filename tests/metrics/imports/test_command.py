"""``manage.py import_metrics``: the same upload and confirm as the pages, counts printed, reasons on failure."""

import pytest
from django.core.management import CommandError, call_command

from metrics.models import ChannelDailySnapshot, MetricImport, PostMetric
from tests.metrics.imports.support import SAMPLES, demo_channel

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_figures(demo):
    ChannelDailySnapshot.objects.all().delete()
    PostMetric.objects.all().delete()
    MetricImport.objects.all().delete()


def test_the_command_guesses_the_format_imports_and_prints_the_counts(no_figures, capsys):
    call_command("import_metrics", str(SAMPLES / "meta_page_daily.csv"), channel=demo_channel().pk, user="producer")
    out = capsys.readouterr().out
    assert "Imported" in out and "3 rows, 0 rejected, 3 created, 0 updated, 0 unchanged." in out
    metric_import = MetricImport.objects.get()
    assert (metric_import.format, metric_import.status) == (MetricImport.Format.META_PAGE_DAILY, "confirmed")
    assert ChannelDailySnapshot.objects.count() == 3

    call_command("import_metrics", str(SAMPLES / "meta_page_daily.csv"), channel=demo_channel().pk, user="producer")
    assert "0 created, 0 updated, 3 unchanged." in capsys.readouterr().out


def test_rejected_rows_fail_with_the_reasons_and_write_nothing(no_figures, tmp_path, capsys):
    bad = tmp_path / "members.csv"
    bad.write_text("Date,Members\r\n2026-03-01,10\r\n2026-03-02,many\r\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 rows were rejected; nothing was imported"):
        call_command("import_metrics", str(bad), channel=demo_channel().pk, format="network_members", user="producer")
    assert "row 3: Members: Not a whole number" in capsys.readouterr().err
    assert not ChannelDailySnapshot.objects.exists()
    assert MetricImport.objects.get().status == MetricImport.Status.DISCARDED


def test_a_user_without_the_right_is_refused(no_figures):
    with pytest.raises(CommandError, match="You may not import figures for this channel"):
        call_command("import_metrics", str(SAMPLES / "meta_posts.csv"), channel=demo_channel().pk, user="manager")
    assert not MetricImport.objects.exists()
