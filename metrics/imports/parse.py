"""Rows of an export file turned into typed records, each rejected row with its row number and the reason.

``metric_file_parse`` streams: it yields one ``ParsedRow`` at a time, so a 50,000-row file is never held as records.
It remembers only the keys it has seen (to reject a day or a post that appears twice in the same file). Numbers may
be written the Danish and Norwegian way ("1.234", "1 234"); the reasons never repeat a cell's content.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import timezone as dt_timezone
from typing import BinaryIO
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.translation import gettext as _

from metrics.imports.formats import (
    DAILY_FIELDS,
    ENGAGEMENT_PARTS,
    FORMATS,
    POST_FIELDS,
    Column,
    MetricFormat,
    Table,
    Target,
    Value,
    header_key,
)
from metrics.imports.readers import Cell, MetricFileError, Row, file_tables

HEADER_SEARCH_ROWS = 10  # a header may sit under a few lines of title
KEY_MAX_LENGTH = 200
CAPTION_MAX_LENGTH = 300
POST_TYPE_MAX_LENGTH = 60
LINK_MAX_LENGTH = 500
MAX_COUNT = 2_147_483_647  # what a PositiveIntegerField holds on every database
EARLIEST = date(2000, 1, 1)

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_GROUPED = re.compile(r"^-?\d{1,3}([.,])\d{3}(\1\d{3})*$")
_WHOLE = re.compile(r"^-?\d+([.,]0+)?$")
# 2026-03-02, 02-03-2026, 02.03.2026, 02.03.26 (day first), 03/02/2026 (month first); then an optional time
# (09:15, 09:15:00, 09.15, "kl. 09.15") and offset (Z, +0000, +01:00).
_MOMENT = re.compile(
    r"^(?:(?P<y1>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})"
    r"|(?P<d2>\d{1,2})[-.](?P<m2>\d{1,2})[-.](?P<y2>\d{4}|\d{2})"
    r"|(?P<m3>\d{1,2})/(?P<d3>\d{1,2})/(?P<y3>\d{4}))"
    r"(?:(?:T|,? |,? kl\. )(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?: ?(?P<offset>Z|[+-]\d{2}:?\d{2}))?)?$"
)
_NOT_IN_URL = re.compile(r"[\s<>\"\\\x00-\x1f]")


@dataclass
class Record:
    key: date | str
    values: dict[str, object]


@dataclass(frozen=True)
class Rejection:
    row: int  # as a spreadsheet numbers it: the header is row 1 (or below a title); 0 for the whole file
    column: str  # the column's header as the format names it, or "" for the row
    reason: str


@dataclass(frozen=True)
class ParsedRow:
    row: int
    record: Record | None = None
    rejection: Rejection | None = None


@dataclass
class ParseSummary:
    """Filled in while rows are read: the fields the file's columns fill (only they are compared and written)."""

    fields: set[str] = field(default_factory=set)


def _number(cell: Cell, *, negative: bool) -> int | None:
    """A whole number from a cell, None if the cell is empty; raises ValueError for anything else."""
    if cell is None:
        return None
    if isinstance(cell, bool) or isinstance(cell, datetime):
        raise ValueError
    if isinstance(cell, float):
        if not cell.is_integer():
            raise ValueError
        cell = int(cell)
    if isinstance(cell, str):
        if cell.isdigit():  # the common case, first
            return _checked(int(cell), negative=negative)
        text = _SPACES.sub("", cell)
        if not text or text in {"-", "–", "--"}:
            return None
        if _GROUPED.match(text):
            text = text.replace(".", "").replace(",", "")
        elif _WHOLE.match(text):
            text = re.split(r"[.,]", text)[0]
        else:
            raise ValueError
        cell = int(text)
    return _checked(cell, negative=negative)


def _checked(number: int, *, negative: bool) -> int:
    if (number < 0 and not negative) or abs(number) > MAX_COUNT:
        raise ValueError
    return number


def _moment(cell: Cell, *, day_only: bool) -> date | datetime | None:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, datetime):
        moment = cell
    elif isinstance(cell, str) and len(cell) <= 40:
        moment = _parse_moment(" ".join(cell.split()))
    else:
        raise ValueError
    if day_only:
        return moment.date()
    aware = timezone.make_aware(moment) if timezone.is_naive(moment) else moment
    # In UTC: a local time in the hour clocks skip or repeat compares unequal to every other zone's (PEP 495), so
    # the same file would otherwise look changed on its second import.
    return aware.astimezone(UTC)


def _parse_moment(text: str) -> datetime:
    """A date with an optional time and offset, by one regular expression (strptime is far too slow for 50,000
    rows); anything else ISO 8601 understands. Raises ValueError."""
    match = _MOMENT.match(text)
    if match is None:
        return datetime.fromisoformat(text)
    parts = match.groupdict()
    year = int(parts["y1"] or parts["y2"] or parts["y3"])
    year += 2000 if year < 100 else 0
    month = int(parts["m1"] or parts["m2"] or parts["m3"])
    day = int(parts["d1"] or parts["d2"] or parts["d3"])
    clock = [int(parts[name] or 0) for name in ("hour", "minute", "second")]
    zone = None
    if offset := parts["offset"]:
        sign = -1 if offset.startswith("-") else 1
        digits = offset.lstrip("+-").replace(":", "")
        zone = dt_timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))) if digits else UTC
    return datetime(year, month, day, *clock, tzinfo=zone)


class _RowReader:
    def __init__(self, number: int, cells: Row, positions: dict[Column, int], labels: list[str], now: datetime):
        self.number, self.cells, self.positions, self.labels, self.now = number, cells, positions, labels, now
        self.rejection: Rejection | None = None

    def reject(self, column: Column | None, reason: str) -> None:
        if self.rejection is None:
            label = self.labels[self.positions[column]] if column else ""
            self.rejection = Rejection(self.number, label, reason)

    def cell(self, column: Column) -> Cell:
        index = self.positions[column]
        value = self.cells[index] if index < len(self.cells) else None
        return value.strip() if isinstance(value, str) else value

    def value(self, column: Column) -> object:
        cell = self.cell(column)
        try:
            result = self._typed(column, cell)
        except ValueError:
            self.reject(column, self._bad(column))
            return None
        if result is None and column.required:
            self.reject(column, _("The value is missing; the column is required."))
        return result

    def _typed(self, column: Column, cell: Cell) -> object:
        kind = column.value
        if kind in (Value.COUNT, Value.CHANGE):
            return _number(cell, negative=kind is Value.CHANGE)
        if kind in (Value.DAY, Value.MOMENT):
            moment = _moment(cell, day_only=kind is Value.DAY)
            day = moment if isinstance(moment, date) and not isinstance(moment, datetime) else None
            if moment is not None and not EARLIEST <= (day or moment.date()) <= self.now.date():
                raise ValueError
            return moment
        text = "" if cell is None else str(cell).strip()
        if isinstance(cell, float) and cell.is_integer():
            text = str(int(cell))  # an id Excel stored as a number
        if kind is Value.KEY:
            if len(text) > KEY_MAX_LENGTH:
                raise ValueError
            return text or None
        if kind is Value.LINK:
            if text:
                if len(text) > LINK_MAX_LENGTH:
                    raise ValueError
                parts = urlsplit(text)
                if parts.scheme not in ("http", "https") or not parts.hostname or _NOT_IN_URL.search(text):
                    raise ValueError
            return text
        limit = CAPTION_MAX_LENGTH if column.field == "caption" else POST_TYPE_MAX_LENGTH
        return text[:limit]

    @staticmethod
    def _bad(column: Column) -> str:
        kind = column.value
        if kind in (Value.COUNT, Value.CHANGE):
            return _("Not a whole number (write 1234, 1.234 or 1 234).")
        if kind in (Value.DAY, Value.MOMENT):
            return _("Not a date between the year 2000 and today (write 2026-03-02 or 02-03-2026).")
        if kind is Value.KEY:
            return _("The post id is longer than %(max)d characters.") % {"max": KEY_MAX_LENGTH}
        return _("Not an http or https address of at most %(max)d characters.") % {"max": LINK_MAX_LENGTH}

    def read(self, fields: tuple[str, ...]) -> dict[str, object]:
        values: dict[str, object] = {}
        for column in self.positions:
            value = self.value(column)
            if column.field not in fields and column.field not in ("day", "external_id"):
                continue  # read to tell the format apart, not stored
            if value is not None and column.field in values and isinstance(value, int):
                values[column.field] = (values[column.field] or 0) + value  # several columns fill one field
            elif column.field not in values or value is not None:
                values[column.field] = value
        return values


def _header(rows: Iterator[Row], table: Table) -> tuple[int, dict[Column, int], list[str]] | None:
    for number, row in enumerate(rows, start=1):
        labels = [cell.strip() if isinstance(cell, str) else "" for cell in row]
        positions = table.positions(labels)
        if positions is not None:
            return number, positions, labels
        if number >= HEADER_SEARCH_ROWS:
            return None
    return None


def _missing_columns(fmt: MetricFormat) -> MetricFileError:
    return MetricFileError(
        _("The file is not a “%(format)s” export: its header row lacks one of the columns %(columns)s.")
        % {"format": fmt.key.label, "columns": ", ".join(f"“{name}”" for name in fmt.table.required_headers)}
    )


def _table_rows(
    rows: Iterator[Row], fmt: MetricFormat, table: Table, summary: ParseSummary, now: datetime
) -> Iterator[ParsedRow]:
    """Every data row of a table whose header was found; rows already consumed for the header are skipped."""
    header = _header(rows, table)
    if header is None:
        raise _missing_columns(fmt)
    number, positions, labels = header
    fields = DAILY_FIELDS if fmt.target is Target.DAILY else POST_FIELDS
    summary.fields |= {column.field for column in positions if column.field in fields}
    derive = "engagements" not in summary.fields and bool(summary.fields & set(ENGAGEMENT_PARTS))
    if derive:
        summary.fields.add("engagements")
    seen: dict[object, int] = {}
    for cells in rows:
        number += 1
        if not any(cell not in (None, "") and not (isinstance(cell, str) and not cell.strip()) for cell in cells):
            continue
        reader = _RowReader(number, cells, positions, labels, now)
        values = reader.read(fields)
        key = values.pop(fmt.record_key, None)
        if reader.rejection is None and key in seen:
            reader.reject(
                None,
                _("The same %(what)s is in row %(row)d already.")
                % {"what": _("day") if fmt.target is Target.DAILY else _("post"), "row": seen[key]},
            )
        if reader.rejection is not None:
            yield ParsedRow(number, rejection=reader.rejection)
            continue
        seen[key] = number
        if derive:
            parts = [values[name] for name in ENGAGEMENT_PARTS if values.get(name) is not None]
            values["engagements"] = sum(parts) if parts else None
        yield ParsedRow(number, record=Record(key, values))


def metric_file_parse(
    stream: BinaryIO, size: int, fmt: MetricFormat, summary: ParseSummary, *, now: datetime | None = None
) -> Iterator[ParsedRow]:
    """The file's rows as records or rejections. Raises MetricFileError for a file that cannot be read at all.

    A workbook's main table is its first sheet with the format's header; the extra table (LinkedIn's followers)
    its first sheet with that one's. The extra table's figures join the main table's days (rows of days the main
    table lacks become records of their own): it is read first and is small (a day per row).
    """
    now = now or timezone.now()
    tables = file_tables(stream, size)
    if fmt.extra_table is None:
        yield from _table_rows(next(tables), fmt, fmt.table, summary, now)
        return
    extra: dict[object, dict] = {}
    main_rows = None
    for rows in tables:
        peeked = list(_first_rows(rows))
        if main_rows is None and _header(iter(peeked), fmt.table) is not None:
            main_rows = _rejoin(peeked, rows)
        elif not extra and _header(iter(peeked), fmt.extra_table) is not None:
            extra_summary = ParseSummary()
            for parsed in _table_rows(_rejoin(peeked, rows), fmt, fmt.extra_table, extra_summary, now):
                if parsed.rejection:
                    yield parsed
                else:
                    extra[parsed.record.key] = parsed.record.values
            summary.fields |= extra_summary.fields
    if main_rows is None:
        raise _missing_columns(fmt)
    for parsed in _table_rows(main_rows, fmt, fmt.table, summary, now):
        if parsed.record is not None:
            parsed.record.values.update(extra.pop(parsed.record.key, {}))
        yield parsed
    for key, values in sorted(extra.items()):
        yield ParsedRow(0, record=Record(key, values))


def _first_rows(rows: Iterator[Row]) -> Iterator[Row]:
    for _number, row in zip(range(HEADER_SEARCH_ROWS), rows, strict=False):
        yield row


def _rejoin(first: list[Row], rest: Iterator[Row]) -> Iterator[Row]:
    yield from first
    yield from rest


def header_row_format(stream: BinaryIO, size: int) -> MetricFormat | None:
    """The format whose required columns the file's first table holds, for the command line's default."""
    rows = list(_first_rows(next(file_tables(stream, size))))
    for fmt in FORMATS.values():
        if _header(iter(rows), fmt.table) is not None:
            return fmt
    return None


__all__ = ["MetricFileError", "ParseSummary", "ParsedRow", "Record", "Rejection", "header_key", "metric_file_parse"]
