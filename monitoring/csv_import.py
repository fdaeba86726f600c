"""Reading a CSV file of interactions, row by row, into what intake takes: no database, no writes.

The file is what people export from a platform or keep in Excel: UTF-8 with or without a byte-order mark, separated
by commas or by semicolons (Danish and Norwegian Excel), with a header row naming the columns (in English, Danish or
Norwegian, in any order). Excel's ``sep=;`` first line is understood. Columns:

=============  ========  =====================================================================================
column         required  value
=============  ========  =====================================================================================
channel        yes       the channel's id (a number) or its handle
kind           yes       comment, direct message, mention, review, user post (or the Danish/Norwegian word)
text           yes       1–10,000 characters
written        yes       ISO 8601 (``2026-03-02T09:15`` or with an offset) or ``dd-mm-yyyy HH:MM``
platform id    no        the platform's own id: importing the file twice is then safe by that id
author         no        the writer's name or handle
link           no        an http or https address
health data    no        yes / no (ja / nej / nei); empty means no
=============  ========  =====================================================================================

Every row is read, and every problem is reported with its row (the header is row 1, as in a spreadsheet), its
column and a message; the caller stores nothing unless there is none. Cells are taken as text: a cell beginning
with ``=`` or ``+`` is stored as written, never evaluated. The messages never repeat a cell's content (a text may
hold health data).
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from monitoring.models import TEXT_MAX_LENGTH, Interaction

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
PLATFORM_ID_MAX_LENGTH = 300
AUTHOR_MAX_LENGTH = 200
LINK_MAX_LENGTH = 1000
CHANNEL_MAX_LENGTH = 200
EARLIEST_WRITTEN = datetime(2000, 1, 1, tzinfo=UTC)
FUTURE_LEEWAY = timedelta(hours=1)  # clocks differ a little; nothing was written tomorrow
DELIMITERS = (",", ";", "\t")

FILE = ""  # the column of an error about the whole file

CHANNEL, KIND, TEXT, WRITTEN = "channel", "kind", "text", "written"
PLATFORM_ID, AUTHOR, LINK, HEALTH_DATA = "platform_id", "author", "link", "health_data"
REQUIRED_COLUMNS = (CHANNEL, KIND, TEXT, WRITTEN)
COLUMNS = (CHANNEL, KIND, PLATFORM_ID, AUTHOR, TEXT, LINK, WRITTEN, HEALTH_DATA)
COLUMN_LABELS = {
    FILE: gettext_lazy("the file"),
    CHANNEL: gettext_lazy("channel"),
    KIND: gettext_lazy("kind"),
    PLATFORM_ID: gettext_lazy("platform id"),
    AUTHOR: gettext_lazy("author"),
    TEXT: gettext_lazy("text"),
    LINK: gettext_lazy("link"),
    WRITTEN: gettext_lazy("written"),
    HEALTH_DATA: gettext_lazy("health data"),
}

# Header names, compared without case, spaces, hyphens and underscores.
HEADER_ALIASES = {
    CHANNEL: {"channel", "channelid", "kanal", "kanalid", "handle"},
    KIND: {"kind", "type", "art", "slags"},
    PLATFORM_ID: {"platformid", "id", "externalid", "platformsid", "platformensid"},
    AUTHOR: {"author", "forfatter", "afsender", "avsender", "skribent"},
    TEXT: {"text", "tekst"},
    LINK: {"link", "url", "lenke"},
    WRITTEN: {"written", "writtenat", "time", "date", "skrevet", "tidspunkt", "tid", "dato"},
    HEALTH_DATA: {
        "healthdata",
        "health",
        "personaldata",
        "helbredsdata",
        "helbredsoplysninger",
        "helsedata",
        "helseopplysninger",
        "personoplysninger",
        "personopplysninger",
    },
}
_COLUMN_BY_ALIAS = {alias: column for column, aliases in HEADER_ALIASES.items() for alias in aliases}

# Kinds, compared in lower case with hyphens and underscores as spaces.
KIND_ALIASES = {
    Interaction.Kind.COMMENT: {"comment", "kommentar"},
    Interaction.Kind.DIRECT_MESSAGE: {
        "direct message",
        "dm",
        "message",
        "besked",
        "privat besked",
        "direkte besked",
        "melding",
        "privat melding",
        "direktemelding",
    },
    Interaction.Kind.MENTION: {"mention", "omtale", "nævnelse"},
    Interaction.Kind.REVIEW: {"review", "anmeldelse", "bedømmelse", "vurdering"},
    Interaction.Kind.USER_POST: {"user post", "post", "opslag", "brugeropslag", "innlegg", "brukerinnlegg"},
}
_KIND_BY_ALIAS = {alias: str(kind) for kind, aliases in KIND_ALIASES.items() for alias in {*aliases, str(kind)}}
_KIND_BY_ALIAS.update({alias.replace("_", " "): kind for alias, kind in list(_KIND_BY_ALIAS.items())})

YES = frozenset({"yes", "y", "ja", "j", "true", "1", "x"})
NO = frozenset({"no", "n", "nej", "nei", "false", "0", ""})

LOCAL_FORMATS = (
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
)
_SEPARATOR_LINE = re.compile(r"sep=(.)(?:\r\n|\n|\r|$)", re.IGNORECASE)
_url_validator = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class CsvError:
    row: int  # as a spreadsheet numbers it: the header is row 1; 0 for the whole file
    column: str  # one of COLUMNS, or FILE
    message: str

    @property
    def column_label(self) -> str:
        return str(COLUMN_LABELS.get(self.column, self.column))


@dataclass(frozen=True)
class CsvRow:
    """One valid row; ``channel`` is the reference as written (an id or a handle), resolved by the caller."""

    row: int
    channel: str
    kind: str
    text: str
    occurred_at: datetime
    external_id: str = ""
    author_handle: str = ""
    url: str = ""
    has_health_data: bool = False


def _header_key(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.strip().lower())


def _delimiter(first_line: str) -> str:
    """The separator the header uses most; a comma when none appears."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])  # ties keep the first: the comma
    return best if counts[best] else ","


def csv_file_too_large() -> CsvError:
    return CsvError(0, FILE, _("The file is larger than 5 MB. Split it into smaller files."))


def csv_decode(data: bytes) -> tuple[str | None, list[CsvError]]:
    """The file as text (UTF-8, a byte-order mark dropped), or why it cannot be read."""
    if len(data) > MAX_BYTES:
        return None, [csv_file_too_large()]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        message = _("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (comma delimited)”.")
        return None, [CsvError(0, FILE, message)]


def _columns(header: list[str], row_number: int) -> tuple[dict[str, int], list[CsvError]]:
    positions: dict[str, int] = {}
    errors = []
    for index, name in enumerate(header):
        if not name.strip():
            continue  # Excel keeps empty columns at the end of a sheet
        column = _COLUMN_BY_ALIAS.get(_header_key(name))
        if column is None:
            errors.append(
                CsvError(
                    row_number,
                    FILE,
                    _("Column %(number)d has an unknown name. The columns are: %(columns)s.")
                    % {"number": index + 1, "columns": ", ".join(str(COLUMN_LABELS[c]) for c in COLUMNS)},
                )
            )
        elif column in positions:
            errors.append(CsvError(row_number, column, _("The column appears twice in the header.")))
        else:
            positions[column] = index
    for column in REQUIRED_COLUMNS:
        if column not in positions:
            errors.append(CsvError(row_number, column, _("The header has no such column; it is required.")))
    return positions, errors


def _written(value: str) -> datetime | None:
    value = value.strip()
    moment = None
    for pattern in LOCAL_FORMATS:
        try:
            moment = datetime.strptime(value, pattern)
            break
        except ValueError:
            continue
    if moment is None and len(value) <= 40:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class _RowReader:
    """Reads one data row, collecting its errors."""

    def __init__(self, number: int, cells: list[str], positions: dict[str, int], header_width: int, now: datetime):
        self.number, self.cells, self.positions, self.now = number, cells, positions, now
        self.header_width = header_width
        self.errors: list[CsvError] = []

    def error(self, column: str, message: str) -> None:
        self.errors.append(CsvError(self.number, column, message))

    def cell(self, column: str, *, max_length: int, required: bool = False) -> str:
        index = self.positions.get(column)
        value = self.cells[index] if index is not None and index < len(self.cells) else ""
        if "\x00" in value:
            self.error(column, _("The cell contains a NUL character, which cannot be stored."))
            return ""
        if required and not value.strip():
            self.error(column, _("The cell is empty; it is required."))
            return ""
        if len(value) > max_length:
            self.error(column, _("The cell is longer than %(max)d characters.") % {"max": max_length})
            return ""
        return value

    def read(self) -> CsvRow | None:
        channel = self.cell(CHANNEL, max_length=CHANNEL_MAX_LENGTH, required=True).strip()
        kind_value = self.cell(KIND, max_length=40, required=True)
        kind = _KIND_BY_ALIAS.get(" ".join(kind_value.replace("-", " ").replace("_", " ").lower().split()))
        if kind_value.strip() and kind is None:
            self.error(
                KIND,
                _("Unknown kind. Use one of: %(kinds)s.")
                % {"kinds": ", ".join(kind.replace("_", " ") for kind in Interaction.Kind.values)},
            )
        text = self.cell(TEXT, max_length=TEXT_MAX_LENGTH, required=True)
        written_value = self.cell(WRITTEN, max_length=60, required=True)
        occurred_at = _written(written_value) if written_value.strip() else None
        if written_value.strip() and occurred_at is None:
            self.error(WRITTEN, _("Not a date and time. Write it as 2026-03-02T09:15 or 02-03-2026 09:15."))
        elif occurred_at is not None and not EARLIEST_WRITTEN <= occurred_at <= self.now + FUTURE_LEEWAY:
            self.error(WRITTEN, _("The time must lie between the year 2000 and now."))
        external_id = self.cell(PLATFORM_ID, max_length=PLATFORM_ID_MAX_LENGTH).strip()
        author = self.cell(AUTHOR, max_length=AUTHOR_MAX_LENGTH).strip()
        url = self.cell(LINK, max_length=LINK_MAX_LENGTH).strip()
        if url:
            try:
                _url_validator(url)
            except ValidationError:
                self.error(LINK, _("Not an http or https address."))
        flag = self.cell(HEALTH_DATA, max_length=10).strip().lower()
        if flag not in YES and flag not in NO:
            self.error(HEALTH_DATA, _("Write yes or no (ja/nej/nei)."))
        if any(value.strip() for value in self.cells[self.header_width :]):
            self.error(FILE, _("The row has more cells than the header has columns."))
        if self.errors:
            return None
        return CsvRow(
            row=self.number,
            channel=channel,
            kind=kind,
            text=text,
            occurred_at=occurred_at,
            external_id=external_id,
            author_handle=author,
            url=url,
            has_health_data=flag in YES,
        )


def csv_rows_read(text: str, *, now: datetime | None = None) -> tuple[list[CsvRow], list[CsvError]]:
    """Every row of the file, or every error in it (then no rows)."""
    now = now or timezone.now()
    first_row = 1
    separator = _SEPARATOR_LINE.match(text)
    if separator and separator.group(1) in DELIMITERS:
        delimiter = separator.group(1)
        text = text[separator.end() :]
        first_row = 2
    else:
        delimiter = _delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    errors: list[CsvError] = []
    rows: list[CsvRow] = []
    positions: dict[str, int] | None = None
    header_width = 0
    data_rows = 0
    number = first_row - 1
    try:
        for cells in reader:
            number += 1
            if positions is None:
                if not any(cell.strip() for cell in cells):
                    continue  # blank lines above the header
                header_width = len(cells)
                positions, header_errors = _columns(cells, number)
                if header_errors:
                    return [], header_errors
                continue
            if not any(cell.strip() for cell in cells):
                continue
            data_rows += 1
            if data_rows > MAX_ROWS:
                message = _("The file has more than %(max)d rows. Split it into smaller files.") % {"max": MAX_ROWS}
                return [], [CsvError(0, FILE, message)]
            row_reader = _RowReader(number, cells, positions, header_width, now)
            row = row_reader.read()
            errors += row_reader.errors
            if row is not None:
                rows.append(row)
    except csv.Error:
        message = _("The file cannot be read as CSV from this row on: a quote is not closed or a cell is too long.")
        return [], [*errors, CsvError(number + 1, FILE, message)]
    if positions is None:
        return [], [CsvError(0, FILE, _("The file is empty: it needs a header row and at least one row."))]
    if not data_rows:
        return [], [CsvError(0, FILE, _("The file has a header but no rows."))]
    return ([], errors) if errors else (rows, [])
