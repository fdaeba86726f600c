import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from channels_plan.attachments import attachment_kind, sniff

SAMPLES = {
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00": "image/jpeg",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR": "image/png",
    b"GIF89a\x01\x00\x01\x00": "image/gif",
    b"RIFF\x24\x00\x00\x00WEBPVP8 ": "image/webp",
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3": "application/pdf",
    b"\x00\x00\x00\x20ftypisom\x00\x00": "video/mp4",
    b"\x00\x00\x00\x14ftypqt  \x00\x00": "video/quicktime",
}


@pytest.mark.parametrize(("header", "content_type"), SAMPLES.items())
def test_allowed_files_are_recognised_by_their_first_bytes(header, content_type):
    assert sniff(header).content_type == content_type


@pytest.mark.parametrize(
    "header",
    [b"<html><script>alert(1)</script>", b"MZ\x90\x00\x03\x00\x00\x00", b"PK\x03\x04\x14\x00", b"", b"=cmd|'/C calc'"],
)
def test_anything_else_is_refused_whatever_its_name_says(header):
    upload = SimpleUploadedFile("photo.jpg", header, content_type="image/jpeg")
    with pytest.raises(ValidationError, match="JPEG, PNG, GIF, WebP"):
        attachment_kind(upload)


def test_size_is_capped_per_kind(settings):
    settings.ATTACHMENT_MAX_IMAGE_BYTES = 1000
    upload = SimpleUploadedFile("big.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 2000, content_type="image/png")
    with pytest.raises(ValidationError, match="at most 1000"):
        attachment_kind(upload)
    settings.ATTACHMENT_MAX_IMAGE_BYTES = 5000
    assert attachment_kind(upload).extension == "png"
