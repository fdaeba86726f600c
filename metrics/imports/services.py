"""Bringing a channel's figures in from a platform's export file: upload (stored and previewed), confirm, discard.

The preview reads every row and compares it with what is stored: how many rows were understood and rejected (with
the reason for the first rejected rows), and how many snapshots or post figures would be created, updated or left
unchanged. Confirming reads the stored file again and writes in one transaction, so all rows are written or none.
A file with rejected rows cannot be confirmed: the person corrects the file and uploads it again (all rows or none,
and what is written is exactly what the preview listed). Only figures that differ are written, so importing the
same file again changes nothing; an identical file confirmed before is pointed out on the preview.

Writes are set-based: records are compared and upserted a chunk at a time (``bulk_create`` with
``update_conflicts``), so memory stays bounded by the chunk, not the file. Only the fields the file's columns fill
are compared and written: a figure another export brought in is kept. Snapshots and post figures are not historied
(see the models); the import row is, through ``save_as``.
"""

import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from channels_plan.models import Channel
from governance.audit import save_as
from governance.models import User
from governance.permissions import actor_for
from metrics.imports.formats import FORMATS, MetricFormat, Target
from metrics.imports.parse import ParsedRow, ParseSummary, Record, metric_file_parse
from metrics.imports.readers import XLS_MAGIC, XLSX_MAGIC, MetricFileError
from metrics.imports.rights import can_import_metrics
from metrics.models import ChannelDailySnapshot, MetricImport, PostMetric

CHUNK_SIZE = 1000
REJECTIONS_KEPT = 100  # shown on the preview; the count of the rest is given


class MetricImportError(Exception):
    """The file or the import's state does not allow the step; the message is for the person."""


@dataclass
class ImportCounts:
    total: int = 0
    rejected: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    first_day: date | None = None
    last_day: date | None = None
    rejections: list[dict] = field(default_factory=list)

    def day_seen(self, day: date) -> None:
        self.first_day = min(day, self.first_day or day)
        self.last_day = max(day, self.last_day or day)


def _model(fmt: MetricFormat):
    return ChannelDailySnapshot if fmt.target is Target.DAILY else PostMetric


def _day(record: Record, fmt: MetricFormat) -> date:
    return record.key if fmt.target is Target.DAILY else timezone.localdate(record.values["published_at"])


def _chunks(rows: Iterator[ParsedRow], counts: ImportCounts) -> Iterator[list[Record]]:
    """The understood rows a chunk at a time; rejected rows are counted (and the first ones kept) on the way."""
    chunk: list[Record] = []
    for parsed in rows:
        counts.total += 1
        if parsed.rejection is not None:
            counts.rejected += 1
            if len(counts.rejections) < REJECTIONS_KEPT:
                rejection = parsed.rejection
                counts.rejections.append({"row": rejection.row, "column": rejection.column, "reason": rejection.reason})
            continue
        chunk.append(parsed.record)
        if len(chunk) == CHUNK_SIZE:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _compare_and_write(
    *, rows: Iterator[ParsedRow], summary: ParseSummary, fmt: MetricFormat, metric_import: MetricImport, write: bool
) -> ImportCounts:
    model, key = _model(fmt), fmt.record_key
    counts = ImportCounts()
    channel_id = metric_import.channel_id
    for chunk in _chunks(rows, counts):
        fields = sorted(summary.fields)
        stored = {
            row[key]: row
            for row in model.objects.filter(channel_id=channel_id, **{f"{key}__in": [r.key for r in chunk]}).values(
                key, *fields
            )
        }
        changed = []
        for record in chunk:
            counts.day_seen(_day(record, fmt))
            existing = stored.get(record.key)
            # A row lacking a column the file has (a LinkedIn followers day without update figures) keeps the
            # stored figure.
            values = {name: record.values.get(name, (existing or {}).get(name)) for name in fields}
            if existing is None:
                counts.created += 1
            elif any(existing[name] != values[name] for name in fields):
                counts.updated += 1
            else:
                counts.unchanged += 1
                continue
            changed.append(model(channel_id=channel_id, source=metric_import, **{key: record.key}, **values))
        if write and changed:
            model.objects.bulk_create(
                changed,
                update_conflicts=True,
                unique_fields=["channel", key],
                update_fields=[*fields, "source"],
            )
    return counts


def _run(metric_import: MetricImport, stream, size: int, *, write: bool) -> ImportCounts:
    fmt = FORMATS[metric_import.format]
    summary = ParseSummary()
    try:
        rows = metric_file_parse(stream, size, fmt, summary)
        return _compare_and_write(rows=rows, summary=summary, fmt=fmt, metric_import=metric_import, write=write)
    except MetricFileError as error:
        raise MetricImportError(str(error)) from error


def _store_counts(metric_import: MetricImport, counts: ImportCounts) -> None:
    metric_import.rows_total = counts.total
    metric_import.rows_rejected = counts.rejected
    metric_import.rows_created = counts.created
    metric_import.rows_updated = counts.updated
    metric_import.rows_unchanged = counts.unchanged
    metric_import.first_day, metric_import.last_day = counts.first_day, counts.last_day
    metric_import.rejections = counts.rejections


def _extension(head: bytes) -> str:
    if head.startswith(XLSX_MAGIC):
        return "xlsx"
    return "xls" if head.startswith(XLS_MAGIC) else "csv"


def _check_rights(channel: Channel, acting_user: User) -> None:
    actor = actor_for(acting_user)
    if not can_import_metrics(actor, hospital_id=channel.unit.hospital_id, unit_id=channel.unit_id):
        raise PermissionDenied(_("You may not import figures for this channel."))


@transaction.atomic
def metric_import_upload(
    *, channel: Channel, uploaded_file, format: str, acting_user: User, now: datetime | None = None
) -> MetricImport:
    """Read the file, store it (private media) with its preview counts; raises MetricImportError for a file that
    cannot be read at all (then nothing is stored)."""
    _check_rights(channel, acting_user)
    if format not in FORMATS:
        raise MetricImportError(_("Choose one of the export formats."))
    metric_import = MetricImport(
        channel=channel,
        format=format,
        original_name=(getattr(uploaded_file, "name", "") or "export")[-255:],
        uploaded_by=acting_user,
        uploaded_at=now or timezone.now(),
    )
    stream = getattr(uploaded_file, "file", uploaded_file)
    stream.seek(0)
    digest = hashlib.sha256()
    for block in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(block)
    metric_import.sha256 = digest.hexdigest()
    _store_counts(metric_import, _run(metric_import, stream, uploaded_file.size, write=False))
    if metric_import.rows_total == 0:
        raise MetricImportError(_("The file has a header but no rows."))
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    metric_import.file.save(f"{uuid.uuid4().hex}.{_extension(head)}", File(stream), save=False)
    return save_as(metric_import, acting_user)


def _locked(metric_import: MetricImport) -> MetricImport:
    return MetricImport.objects.select_for_update(of=("self",)).select_related("channel__unit").get(pk=metric_import.pk)


def _still_previewed(metric_import: MetricImport) -> None:
    if metric_import.status != MetricImport.Status.PREVIEWED:
        raise MetricImportError(
            _("This import was %(status)s already; nothing was changed.")
            % {"status": metric_import.get_status_display().lower()}
        )


@transaction.atomic
def metric_import_confirm(
    *, metric_import: MetricImport, acting_user: User, now: datetime | None = None
) -> MetricImport:
    """Write every understood row of the stored file, or nothing. Refused for rejected rows and twice."""
    metric_import = _locked(metric_import)
    _check_rights(metric_import.channel, acting_user)
    _still_previewed(metric_import)
    if metric_import.rows_rejected:
        raise MetricImportError(
            _("The file has rejected rows, so nothing was imported. Correct the file and upload it again.")
        )
    with metric_import.file.open("rb") as stored:
        stream = getattr(stored, "file", stored)
        digest = hashlib.sha256()
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
        if digest.hexdigest() != metric_import.sha256:
            raise MetricImportError(_("The stored file has changed since the preview; upload it again."))
        counts = _run(metric_import, stream, metric_import.file.size, write=True)
    if counts.rejected:
        raise MetricImportError(
            _("The file has rejected rows, so nothing was imported. Correct the file and upload it again.")
        )
    _store_counts(metric_import, counts)
    metric_import.status = MetricImport.Status.CONFIRMED
    metric_import.decided_by, metric_import.decided_at = acting_user, now or timezone.now()
    return save_as(metric_import, acting_user)


@transaction.atomic
def metric_import_discard(
    *, metric_import: MetricImport, acting_user: User, now: datetime | None = None
) -> MetricImport:
    """Drop a previewed import: nothing is written and the stored file is deleted once the transaction commits."""
    metric_import = _locked(metric_import)
    _check_rights(metric_import.channel, acting_user)
    _still_previewed(metric_import)
    stored_name = metric_import.file.name
    storage = metric_import.file.storage
    metric_import.status = MetricImport.Status.DISCARDED
    metric_import.decided_by, metric_import.decided_at = acting_user, now or timezone.now()
    metric_import.file = ""
    save_as(metric_import, acting_user)
    if stored_name:
        transaction.on_commit(lambda: storage.delete(stored_name))
    return metric_import
