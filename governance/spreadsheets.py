"""CSV and XLSX downloads that are safe to open in a spreadsheet.

Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel and LibreOffice
(CSV injection, OWASP). Such text gets a leading apostrophe, which the spreadsheet shows as text; numbers stay
numbers. Social media text and imported files are untrusted, so every export goes through ``spreadsheet_safe``.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
CellValue = str | int | float | datetime.date | datetime.datetime | None


def spreadsheet_safe(value: CellValue) -> CellValue:
    """``value`` as a spreadsheet will read it as data: text that would start a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _safe_rows(header: Sequence[str], rows: Iterable[Sequence[CellValue]]) -> Iterable[list[CellValue]]:
    yield [spreadsheet_safe(str(title)) for title in header]
    for row in rows:
        yield [spreadsheet_safe(value) for value in row]


def csv_response(*, filename: str, header: Sequence[str], rows: Iterable[Sequence[CellValue]]) -> HttpResponse:
    """A UTF-8 CSV download with a byte-order mark, so Excel reads Danish and Norwegian letters right."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for row in _safe_rows(header, rows):
        writer.writerow(["" if value is None else value for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(
    *, filename: str, sheet_title: str, header: Sequence[str], rows: Iterable[Sequence[CellValue]]
) -> HttpResponse:
    """An XLSX download (openpyxl, write-only); time zones are dropped from datetimes, which Excel cannot hold."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    for row in _safe_rows(header, rows):
        sheet.append([_naive(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _naive(value: CellValue) -> CellValue:
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value
