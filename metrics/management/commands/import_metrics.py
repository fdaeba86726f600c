"""``python manage.py import_metrics FILE --channel ID [--format F] [--user USERNAME]``: upload and confirm an export
file through the same services as the pages. Without ``--format`` the format is the one whose required columns the
file's header holds; without ``--user`` the channel's owner imports (and must have the right to). Exits non-zero,
with the reasons, when the file cannot be read or has rejected rows (then nothing is written)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from channels_plan.models import Channel
from governance.models import User
from metrics.imports.formats import FORMATS
from metrics.imports.parse import header_row_format
from metrics.imports.readers import MAX_BYTES, MetricFileError
from metrics.imports.services import (
    MetricImportError,
    metric_import_confirm,
    metric_import_discard,
    metric_import_upload,
)
from metrics.models import MetricImport


class Command(BaseCommand):
    help = "Import a platform's export file of figures into a channel (preview, then confirm: all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--channel", type=int, required=True, help="The channel's id.")
        parser.add_argument("--format", choices=sorted(FORMATS), help="The export's format (guessed if left out).")
        parser.add_argument("--user", help="Who imports (default: the channel's owner).")

    def handle(self, *args, file: Path, channel: int, format: str | None, user: str | None, **options):
        target = Channel.objects.select_related("unit", "owner").filter(pk=channel).first()
        if target is None:
            raise CommandError(f"No channel with id {channel}.")
        acting_user = target.owner if user is None else User.objects.filter(username=user).first()
        if acting_user is None:
            raise CommandError(f"No user named {user}.")
        if not file.is_file():
            raise CommandError(f"No file at {file}.")
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise CommandError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        with file.open("rb") as stream:
            if format is None:
                try:
                    guessed = header_row_format(stream, size)
                except MetricFileError as error:
                    raise CommandError(str(error)) from error
                if guessed is None:
                    raise CommandError("The file's header matches no export format; name it with --format.")
                format = guessed.key
            upload = SimpleUploadedFile(file.name, b"")
            upload.file, upload.size = stream, size
            try:
                metric_import = metric_import_upload(
                    channel=target, uploaded_file=upload, format=format, acting_user=acting_user
                )
            except (MetricImportError, PermissionDenied) as error:
                raise CommandError(str(error)) from error
        self._print_counts(metric_import, "Preview")
        if metric_import.rows_rejected:
            for rejection in metric_import.rejections:
                self.stderr.write(f"row {rejection['row']}: {rejection['column'] or '-'}: {rejection['reason']}")
            metric_import_discard(metric_import=metric_import, acting_user=acting_user)
            raise CommandError(f"{metric_import.rows_rejected} rows were rejected; nothing was imported.")
        try:
            confirmed = metric_import_confirm(metric_import=metric_import, acting_user=acting_user)
        except MetricImportError as error:
            raise CommandError(str(error)) from error
        self._print_counts(confirmed, "Imported")

    def _print_counts(self, metric_import: MetricImport, what: str) -> None:
        self.stdout.write(
            f"{what} (import {metric_import.pk}, {metric_import.get_format_display()}): "
            f"{metric_import.rows_total} rows, {metric_import.rows_rejected} rejected, "
            f"{metric_import.rows_created} created, {metric_import.rows_updated} updated, "
            f"{metric_import.rows_unchanged} unchanged."
        )
