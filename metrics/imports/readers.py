"""Opening an export file as tables of rows, recognised by its first bytes and held to hard limits.

A file is a CSV text (UTF-8 with or without a byte-order mark, or UTF-16 with one, as Meta's page-level files are;
Excel's ``sep=,`` first line understood) or a workbook (.xlsx, a zip file; .xls, an OLE2 compound file). A workbook
yields one table per sheet. Rows come one at a time, so a large file is never held as rows in memory. Anything
else, or a file over a limit, raises ``MetricFileError`` with a message that names the problem; the messages never
repeat the file's content.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_LINE_CHARS = 100_000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # all members of an .xlsx together, as they declare themselves
MAX_ZIP_RATIO = 100  # a member may not unpack to more than 100 times its packed size
MAX_ZIP_MEMBERS = 1_000
SNIFF_BYTES = 512  # a text file has no NUL byte here (unless UTF-16); a binary one has
DELIMITERS = (",", ";", "\t")

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"

Cell = str | int | float | datetime | None
Row = list[Cell]


class MetricFileError(Exception):
    """The file as a whole cannot be read; the message is for the person."""


def _too_large() -> MetricFileError:
    return MetricFileError(
        _("The file is larger than %(mb)d MB. Export a shorter period.") % {"mb": MAX_BYTES // (1024 * 1024)}
    )


def file_tables(stream: BinaryIO, size: int) -> Iterator[Iterator[Row]]:
    """The file's tables, each an iterator of rows (lists of cells). Raises MetricFileError."""
    if size > MAX_BYTES:
        raise _too_large()
    if size == 0:
        raise MetricFileError(_("The file is empty."))
    stream.seek(0)
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    if head.startswith(XLSX_MAGIC):
        return _xlsx_tables(stream)
    if head.startswith(XLS_MAGIC):
        return _xls_tables(stream)
    return iter([_csv_rows(stream, head)])


def _encoding(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(head) >= 4 and head[1] == 0 and head[3] == 0 and head[0] != 0:
        return "utf-16-le"  # UTF-16 without its byte-order mark
    if b"\x00" in head:
        raise MetricFileError(_("The file is neither a CSV text nor an Excel workbook (.xlsx or .xls)."))
    return "utf-8-sig"


def _lines(text: io.TextIOBase) -> Iterator[str]:
    for line in text:
        if len(line) > MAX_LINE_CHARS:
            raise MetricFileError(
                _("A line of the file is longer than %(max)d characters; it is not an export file.")
                % {"max": MAX_LINE_CHARS}
            )
        yield line


def _csv_rows(stream: BinaryIO, head: bytes) -> Iterator[Row]:
    text = io.TextIOWrapper(stream, encoding=_encoding(head), newline="")
    try:
        lines = _lines(text)
        first = next(lines, "")
        lowered = first.strip().lower()
        if lowered.startswith("sep=") and len(lowered) == 5 and lowered[4] in DELIMITERS:
            delimiter, pending = lowered[4], []
            yield []  # the sep= line is row 1, as a spreadsheet numbers it
        else:
            counts = {delimiter: first.count(delimiter) for delimiter in DELIMITERS}
            delimiter = max(DELIMITERS, key=lambda d: counts[d]) if any(counts.values()) else ","
            pending = [first]
        reader = csv.reader(_chain(pending, lines), delimiter=delimiter, strict=True)
        for number, row in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise MetricFileError(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
            if any("\x00" in cell for cell in row):
                raise MetricFileError(_("The file holds NUL characters; it is not a CSV text."))
            yield row
    except UnicodeDecodeError as error:
        raise MetricFileError(
            _(
                "The file is not in UTF-8 or UTF-16. Export it again from the platform, or save it in Excel as "
                "“CSV UTF-8”."
            )
        ) from error
    except csv.Error as error:
        raise MetricFileError(
            _("The file cannot be read as CSV: a quote is not closed or a cell is too long.")
        ) from error
    finally:
        if not stream.closed:
            text.detach()  # leave the caller's file open


def _chain(first: list[str], rest: Iterator[str]) -> Iterator[str]:
    yield from first
    yield from rest


def _check_zip(stream: BinaryIO) -> None:
    """Refuse a zip bomb before openpyxl unpacks anything: the members' declared sizes and ratios."""
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile as error:
        raise MetricFileError(_("The file begins like an Excel workbook (.xlsx) but is damaged.")) from error
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise MetricFileError(_("The workbook has too many parts to be an export file."))
    unpacked = 0
    for member in members:
        unpacked += member.file_size
        if member.file_size > MAX_ZIP_RATIO * max(member.compress_size, 1) and member.file_size > 1024 * 1024:
            raise MetricFileError(_("The workbook unpacks to far more than its size; it is refused."))
    if unpacked > MAX_UNZIPPED_BYTES:
        raise MetricFileError(_("The workbook unpacks to far more than its size; it is refused."))
    stream.seek(0)


def _counted(rows: Iterator[Row]) -> Iterator[Row]:
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise MetricFileError(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
        yield row


def _xlsx_tables(stream: BinaryIO) -> Iterator[Iterator[Row]]:
    from openpyxl import load_workbook  # only workbooks need it

    _check_zip(stream)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise MetricFileError(_("The file begins like an Excel workbook (.xlsx) but cannot be opened.")) from error
    try:
        for sheet in workbook.worksheets:
            yield _counted(list(row) for row in sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


def _xls_tables(stream: BinaryIO) -> Iterator[Iterator[Row]]:
    import xlrd  # only old workbooks need it

    try:
        book = xlrd.open_workbook(file_contents=stream.read(), on_demand=True)
    except Exception as error:  # xlrd raises many kinds for a damaged workbook
        raise MetricFileError(_("The file begins like an Excel workbook (.xls) but cannot be opened.")) from error
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            yield _counted(_xls_row(book, sheet.row(number)) for number in range(sheet.nrows))
            book.unload_sheet(index)
    finally:
        book.release_resources()


def _xls_row(book, cells) -> Row:
    import xlrd

    row: Row = []
    for cell in cells:
        if cell.ctype == xlrd.XL_CELL_DATE:
            row.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
        elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            row.append(None)
        else:
            row.append(cell.value)
    return row
