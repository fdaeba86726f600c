"""What a proposal may carry: images, PDF and video, recognised by their first bytes, never by name or by the
browser's word. Everything else is refused with a message that says what is allowed."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

HEADER_BYTES = 16


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str
    max_bytes_setting: str

    @property
    def max_bytes(self) -> int:
        return getattr(settings, self.max_bytes_setting)


JPEG = FileKind("image/jpeg", "jpg", "ATTACHMENT_MAX_IMAGE_BYTES")
PNG = FileKind("image/png", "png", "ATTACHMENT_MAX_IMAGE_BYTES")
GIF = FileKind("image/gif", "gif", "ATTACHMENT_MAX_IMAGE_BYTES")
WEBP = FileKind("image/webp", "webp", "ATTACHMENT_MAX_IMAGE_BYTES")
PDF = FileKind("application/pdf", "pdf", "ATTACHMENT_MAX_DOCUMENT_BYTES")
MP4 = FileKind("video/mp4", "mp4", "ATTACHMENT_MAX_VIDEO_BYTES")
QUICKTIME = FileKind("video/quicktime", "mov", "ATTACHMENT_MAX_VIDEO_BYTES")


def sniff(header: bytes) -> FileKind | None:
    """The kind of file these first bytes begin, or None for anything not allowed."""
    if header.startswith(b"\xff\xd8\xff"):
        return JPEG
    if header.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if header[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if header[:4] == b"RIFF" and header[8:12] == b"WEBP":
        return WEBP
    if header.startswith(b"%PDF-"):
        return PDF
    if header[4:8] == b"ftyp":
        return QUICKTIME if header[8:10] == b"qt" else MP4
    return None


def attachment_kind(upload: UploadedFile) -> FileKind:
    """Check an upload's real type and size; raises ValidationError with a message for the person."""
    upload.seek(0)
    kind = sniff(upload.read(HEADER_BYTES))
    upload.seek(0)
    if kind is None:
        raise ValidationError(_("Attach images (JPEG, PNG, GIF, WebP), PDF documents or videos (MP4, MOV) only."))
    if upload.size > kind.max_bytes:
        raise ValidationError(
            _("The file is %(size)s; files of this kind may be at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(kind.max_bytes)}
        )
    return kind
