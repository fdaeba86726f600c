"""Importing interactions from a CSV file: all rows or none, every problem with its row and column, Danish Excel's
semicolons and byte-order mark, and a second import of the same file storing nothing new."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from monitoring.csv_import import MAX_ROWS, csv_rows_read
from monitoring.models import Interaction
from monitoring.services.inbox import interactions_import_csv
from tests.hostile_inputs import HOSTILE_INPUTS
from tests.monitoring.inbox import support

demo_channel, foreign_channel = support.demo_channel, support.foreign_channel
CPH = ZoneInfo("Europe/Copenhagen")
HEADER = "channel,kind,platform id,author,text,link,written,health data"


def _upload(text: str, *, encoding: str = "utf-8", name: str = "interactions.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def _import(channel, person, text: str, **kwargs):
    return interactions_import_csv(hospital=channel.unit.hospital, file=_upload(text, **kwargs), acting_user=person)


def _recent(hours: int = 1) -> str:
    return (timezone.now() - datetime.timedelta(hours=hours)).replace(microsecond=0).isoformat()


def _good_file(channel, rows: int = 3) -> str:
    lines = [HEADER]
    for number in range(rows):
        lines.append(
            f'{channel.pk},comment,fb_{number},Jens {number},"Tak, for god behandling nr. {number}",'
            f"https://facebook.com/p/{number},{_recent()},no"
        )
    return "\n".join(lines) + "\n"


def test_a_comma_file_is_imported_and_a_second_import_adds_nothing(demo_channel, people):
    result = _import(demo_channel, people["flowmanager"], _good_file(demo_channel))
    assert result.ok and result.created == 3 and result.skipped == 0
    imported = Interaction.objects.order_by("external_id")
    assert [item.external_id for item in imported] == ["fb_0", "fb_1", "fb_2"]
    assert {item.source for item in imported} == {Interaction.Source.CSV}
    assert imported[0].text == "Tak, for god behandling nr. 0"
    assert imported[0].deadline is not None  # the department's norm applies
    again = _import(demo_channel, people["producer"], _good_file(demo_channel))
    assert again.ok and again.created == 0 and again.skipped == 3
    assert Interaction.objects.count() == 3


def test_rows_without_a_platform_id_are_not_imported_twice_either(demo_channel, people):
    text = f"channel;kind;text;written\n{demo_channel.pk};review;Fin service;02-03-2026 09:15\n"
    assert _import(demo_channel, people["lead"], text).created == 1
    again = _import(demo_channel, people["lead"], text)
    assert again.created == 0 and again.skipped == 1


def test_a_danish_excel_file_with_semicolons_and_a_byte_order_mark(demo_channel, people):
    text = (
        "\ufeffKanal;Art;Platformens id;Forfatter;Tekst;Link;Skrevet;Helbredsdata\r\n"
        f"{demo_channel.handle};Kommentar;1;Åse Ærø;Min far blev indlagt i går;;02-03-2026 09:15;ja\r\n"
        f'{demo_channel.pk};anmeldelse;2;Bo;"Flot; og hurtigt\r\nTak";https://example.org/2;2026-03-02T10:00+01:00;nej\r\n'
    )
    result = _import(demo_channel, people["flowmanager"], text)
    assert result.ok, result.errors
    first, second = Interaction.objects.order_by("external_id")
    assert first.author_handle == "Åse Ærø" and first.has_health_data and first.kind == "comment"
    assert first.occurred_at == datetime.datetime(2026, 3, 2, 9, 15, tzinfo=CPH)
    assert second.kind == "review" and not second.has_health_data
    assert second.text == "Flot; og hurtigt\r\nTak"
    assert second.occurred_at == datetime.datetime(2026, 3, 2, 10, 0, tzinfo=CPH)


def test_excel_separator_line_is_understood(demo_channel, people):
    text = f"sep=;\nchannel;kind;text;written\n{demo_channel.pk};mention;Hej;02.03.2026 09:15\n"
    assert _import(demo_channel, people["lead"], text).created == 1


def test_one_bad_row_imports_nothing_and_names_row_and_column(demo_channel, people):
    lines = _good_file(demo_channel, rows=4).splitlines()
    lines[3] = lines[3].replace(_recent(), "yesterday-ish")  # the third data row: spreadsheet row 4
    result = _import(demo_channel, people["flowmanager"], "\n".join(lines))
    assert not result.ok
    assert [(error.row, error.column) for error in result.errors] == [(4, "written")]
    assert "Not a date and time" in result.errors[0].message
    assert not Interaction.objects.exists()


def test_every_problem_of_every_row_is_listed(demo_channel, foreign_channel, people):
    text = "\n".join(
        [
            HEADER,
            f"{demo_channel.pk},shout,,,,ftp://x,{_recent()},maybe",
            f"999999,comment,,,Hej,,{_recent()},",
            f"{foreign_channel.pk},comment,,,Hej,,{_recent()},",
            f"{demo_channel.pk},comment,,,Hej,,2090-01-01T00:00,,extra",
        ]
    )
    result = _import(demo_channel, people["flowmanager"], text)
    row_errors = {(error.row, error.column) for error in result.errors}
    assert row_errors == {
        (2, "kind"),
        (2, "text"),
        (2, "link"),
        (2, "health_data"),
        (5, "written"),
        (5, ""),
    }
    # The rows are valid in themselves; their channels are checked once every row is.
    text = "\n".join(
        [HEADER, f"999999,comment,,,Hej,,{_recent()},", f"{foreign_channel.pk},comment,,,Hej,,{_recent()},"]
    )
    result = _import(demo_channel, people["flowmanager"], text)
    assert [(error.row, error.column) for error in result.errors] == [(2, "channel"), (3, "channel")]
    assert "No channel" in result.errors[0].message and "may not enter" in result.errors[1].message
    assert not Interaction.objects.exists()


def test_the_communication_unit_imports_for_every_department(demo_channel, foreign_channel, people):
    text = "\n".join(
        [
            HEADER,
            f"{demo_channel.pk},comment,a,,Hej,,{_recent()},",
            f"{foreign_channel.pk},comment,a,,Hej,,{_recent()},",
        ]
    )
    result = _import(demo_channel, people["community"], text)
    assert result.ok and result.created == 2
    assert set(Interaction.objects.values_list("unit__name", flat=True)) == {
        demo_channel.unit.name,
        foreign_channel.unit.name,
    }


@pytest.mark.parametrize("persona", ["manager", "admin"])
def test_people_who_do_not_work_interactions_do_not_import(demo_channel, people, persona):
    with pytest.raises(PermissionDenied):
        _import(demo_channel, people[persona], _good_file(demo_channel))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "The file is empty"),
        (HEADER + "\n", "no rows"),
        ("channel,kind,text\n1,comment,x\n", "The header has no such column"),
        ("channel,kind,text,written,txet\n", "unknown name"),
        ("channel,kind,text,written,tekst\n", "appears twice"),
        ('channel,kind,text,written\n1,comment,"never closed,2026-03-02T09:15\n', "cannot be read as CSV"),
    ],
)
def test_a_broken_file_is_refused_with_a_clear_message(demo_channel, people, content, message):
    result = _import(demo_channel, people["lead"], content)
    assert not result.ok and message in result.errors[0].message
    assert not Interaction.objects.exists()


def test_a_file_that_is_not_utf8_is_refused(demo_channel, people):
    text = f"channel;kind;text;written\n{demo_channel.pk};comment;Blåbærgrød;02-03-2026 09:15\n"
    result = _import(demo_channel, people["lead"], text, encoding="latin-1")
    assert [error.row for error in result.errors] == [0]
    assert "not UTF-8" in result.errors[0].message


def test_a_file_over_5_mb_is_refused_unread(demo_channel, people):
    big = SimpleUploadedFile("big.csv", b"x" * (5 * 1024 * 1024 + 1))
    result = interactions_import_csv(hospital=demo_channel.unit.hospital, file=big, acting_user=people["lead"])
    assert "larger than 5 MB" in result.errors[0].message


def test_more_than_10000_rows_are_refused(demo_channel):
    rows = "".join(f"{demo_channel.pk},comment,Hej,2026-03-02T09:15\n" for _ in range(MAX_ROWS + 1))
    parsed, errors = csv_rows_read("channel,kind,text,written\n" + rows)
    assert not parsed and "more than 10000 rows" in errors[0].message


def test_10000_rows_are_read(demo_channel):
    rows = "".join(f"{demo_channel.pk},comment,Hej {n},2026-03-02T09:15\n" for n in range(MAX_ROWS))
    parsed, errors = csv_rows_read("channel,kind,text,written\n" + rows)
    assert not errors and len(parsed) == MAX_ROWS and parsed[-1].row == MAX_ROWS + 1


@pytest.mark.parametrize("name", sorted(HOSTILE_INPUTS))
def test_hostile_cells_are_stored_as_text_or_refused_clearly(demo_channel, people, name):
    value = HOSTILE_INPUTS[name]
    quoted = '"' + value.replace('"', '""') + '"'
    text = f"channel,kind,author,text,written\n{demo_channel.pk},comment,{quoted},{quoted},{_recent()}\n"
    result = _import(demo_channel, people["lead"], text)
    if name == "nul_byte":
        assert {error.column for error in result.errors} == {"author", "text"}
        assert "NUL" in result.errors[0].message
    elif name == "one_megabyte":
        assert result.errors and not result.ok  # longer than a cell may be
    else:
        assert result.ok, result.errors
        stored = Interaction.objects.get()
        assert stored.text == value  # formulas stay text: nothing is evaluated or altered
        assert stored.author_handle == value.strip()
    assert all(value not in error.message for error in result.errors)
