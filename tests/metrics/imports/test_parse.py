"""Reading the platforms' export files: each format's sample, Danish and Norwegian headers and numbers, rejected rows
with their reasons, and hostile files refused with a message that names the problem."""

import io
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from metrics.imports.formats import FORMATS
from metrics.imports.parse import ParseSummary, metric_file_parse
from metrics.imports.readers import MAX_LINE_CHARS, MetricFileError
from metrics.models import MetricImport
from tests.metrics.imports.support import SAMPLE_FORMATS, SAMPLES

F = MetricImport.Format


def parse(content: bytes, fmt: str) -> tuple[list, ParseSummary]:
    summary = ParseSummary()
    rows = list(metric_file_parse(io.BytesIO(content), len(content), FORMATS[fmt], summary))
    return rows, summary


def records(content: bytes, fmt: str) -> dict:
    rows, _summary = parse(content, fmt)
    assert [row.rejection for row in rows if row.rejection] == []
    return {row.record.key: row.record.values for row in rows}


@pytest.mark.parametrize("name", sorted(SAMPLE_FORMATS))
def test_every_sample_parses_into_three_records(name):
    rows, summary = parse((SAMPLES / name).read_bytes(), SAMPLE_FORMATS[name])
    assert len(rows) == 3
    assert all(row.record is not None for row in rows)
    assert "engagements" in summary.fields


def test_meta_posts_figures_and_the_engagements_summed():
    posts = records((SAMPLES / "meta_posts.csv").read_bytes(), F.META_POSTS)
    first = posts["111_201"]
    assert (first["reach"], first["views"], first["reactions"], first["clicks"]) == (12345, 20000, 321, 230)
    assert first["engagements"] == 321 + 45 + 12 + 230
    assert first["caption"] == "Hjerteugen: åbent hus"  # the description, not the empty title
    assert first["published_at"].date() == date(2026, 3, 1)  # 03/01/2026: month first


def test_meta_page_daily_utf16_with_sep_line():
    days = records((SAMPLES / "meta_page_daily.csv").read_bytes(), F.META_PAGE_DAILY)
    assert days[date(2026, 3, 2)]["followers"] == 5007
    assert days[date(2026, 3, 2)]["reach_paid"] == 300


@pytest.mark.parametrize("name", ["linkedin_page.xlsx", "linkedin_page.xls"])
def test_linkedin_workbook_joins_the_followers_sheet_and_adds_organic_and_sponsored(name):
    days = records((SAMPLES / name).read_bytes(), F.LINKEDIN_PAGE)
    assert days[date(2026, 3, 3)]["followers"] == 2506
    assert days[date(2026, 3, 1)]["views"] == 1000 + 200


def test_workbooks_are_recognised_by_their_first_bytes_not_their_name():
    content = (SAMPLES / "linkedin_page.xlsx").read_bytes()
    assert content.startswith(b"PK\x03\x04")
    assert len(records(content, F.LINKEDIN_PAGE)) == 3
    assert (SAMPLES / "linkedin_page.xls").read_bytes().startswith(b"\xd0\xcf\x11\xe0")


def test_danish_headers_and_danish_numbers():
    content = (
        "Dato;Følgere;Nye følgere;Rækkevidde;Organisk rækkevidde;Visninger\r\n"
        "02-03-2026;1.234;-3;1 500;1\u00a0200;2.000\r\n"
    ).encode("utf-8-sig")
    day = records(content, F.META_PAGE_DAILY)[date(2026, 3, 2)]
    assert day == {
        "followers": 1234,
        "new_followers": -3,
        "reach": 1500,
        "reach_organic": 1200,
        "views": 2000,
    }


def test_norwegian_headers():
    content = (
        b"Innleggs-ID,Brukernavn,Publiseringstidspunkt,Beskrivelse,Rekkevidde,Liker,Kommentarer,Lagret\r\n"
        b"99,hjerte,02.03.2026 10:15,Hei,1 000,10,2,1\r\n"
    )
    post = records(content, F.INSTAGRAM_POSTS)["99"]
    assert (post["reach"], post["reactions"], post["saves"], post["engagements"]) == (1000, 10, 1, 13)
    assert post["published_at"] == datetime(2026, 3, 2, 10, 15, tzinfo=ZoneInfo("Europe/Copenhagen"))


def test_rejected_rows_carry_row_number_column_and_reason():
    content = (
        b"Date,Followers,Reach\r\n"
        b"2026-03-01,100,10\r\n"
        b"2026-03-02,lots,10\r\n"
        b"31-02-2026,100,10\r\n"
        b"2026-03-03,100,\r\n"
        b"2026-03-01,100,10\r\n"
        b"2026-03-04,3.5,10\r\n"
    )
    rows, _summary = parse(content, F.META_PAGE_DAILY)
    rejections = {row.row: (row.rejection.column, row.rejection.reason) for row in rows if row.rejection}
    assert rejections == {
        3: ("Followers", "Not a whole number (write 1234, 1.234 or 1 234)."),
        4: ("Date", "Not a date between the year 2000 and today (write 2026-03-02 or 02-03-2026)."),
        5: ("Reach", "The value is missing; the column is required."),
        6: ("", "The same day is in row 2 already."),
        7: ("Followers", "Not a whole number (write 1234, 1.234 or 1 234)."),
    }
    assert [row.row for row in rows if row.record] == [2]


def test_a_file_of_another_format_names_the_missing_columns():
    with pytest.raises(MetricFileError, match="lacks one of the columns “Post ID”, “Page ID”, “Publish time”"):
        parse((SAMPLES / "meta_page_daily.csv").read_bytes(), F.META_POSTS)


def test_wrong_encoding_is_named():
    content = "Date,Followers,Reach\r\n2026-03-01,100,10\r\nDato æøå,1,1\r\n".encode("cp1252")
    with pytest.raises(MetricFileError, match="not in UTF-8 or UTF-16"):
        parse(content, F.META_PAGE_DAILY)


def test_a_binary_file_is_refused():
    with pytest.raises(MetricFileError, match="neither a CSV text nor an Excel workbook"):
        parse(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", F.META_PAGE_DAILY)


def test_ten_megabytes_on_one_line_is_refused():
    content = b"Date,Followers,Reach," + b"x" * (10 * 1024 * 1024)
    assert len(content) > MAX_LINE_CHARS
    with pytest.raises(MetricFileError, match="longer than 100000 characters"):
        parse(content, F.META_PAGE_DAILY)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    with pytest.raises(MetricFileError, match="larger than 20 MB"):
        list(metric_file_parse(io.BytesIO(b""), 21 * 1024 * 1024, FORMATS[F.META_POSTS], ParseSummary()))


def test_a_zip_bomb_workbook_is_refused_before_it_is_unpacked():
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (50 * 1024 * 1024))
    content = packed.getvalue()
    assert len(content) < 1024 * 1024
    with pytest.raises(MetricFileError, match="unpacks to far more than its size"):
        parse(content, F.LINKEDIN_PAGE)


def test_a_damaged_workbook_is_named():
    with pytest.raises(MetricFileError, match="Excel workbook"):
        parse(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, F.LINKEDIN_PAGE)


def test_formula_payloads_are_kept_as_text():
    posts = records((SAMPLES / "meta_posts.csv").read_bytes(), F.META_POSTS)
    assert posts["111_202"]["caption"] == '=HYPERLINK("http://evil.example","klik")'
