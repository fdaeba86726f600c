import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from channels_plan.models import ContentProposal, ProposalAttachment

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"x" * 64


def _draft() -> ContentProposal:
    return ContentProposal.objects.get(title="Hjerteugen: åbent hus")


def _upload(client, proposal, name: str, content: bytes, content_type: str = "image/png"):
    return client.post(
        reverse("channels_plan:proposal_attachment_upload", args=[proposal.pk]),
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_an_image_is_attached_and_served_to_the_department_only(client_as, settings):
    proposal = _draft()
    response = _upload(client_as("producer"), proposal, "../../etc/passwd plakat.png", PNG)
    assert response.status_code == 302
    attachment = ProposalAttachment.objects.get(proposal=proposal, original_name="passwd_plakat.png")
    assert (attachment.content_type, attachment.original_name) == ("image/png", "passwd_plakat.png")
    assert attachment.file.name.startswith("proposals/") and attachment.file.name.endswith(".png")
    assert ".." not in attachment.file.name
    url = reverse("channels_plan:proposal_attachment_download", args=[proposal.pk, attachment.pk])
    served = client_as("manager").get(url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PNG
    assert served["Content-Type"] == "image/png"
    assert served["Cache-Control"] == "private, no-store"
    assert client_as("lead").get(url).status_code == 404  # a draft is the department's own


def test_a_pdf_is_served_as_a_download(client_as):
    proposal = _draft()
    _upload(client_as("producer"), proposal, "program.pdf", PDF, "application/pdf")
    attachment = ProposalAttachment.objects.get(proposal=proposal, original_name="program.pdf")
    served = client_as("producer").get(
        reverse("channels_plan:proposal_attachment_download", args=[proposal.pk, attachment.pk])
    )
    assert served["Content-Disposition"].startswith("attachment;")


def test_a_disguised_file_is_refused_with_a_clear_message_and_nothing_stored(client_as):
    proposal = _draft()
    response = _upload(client_as("producer"), proposal, "photo.png", b"<html><script>alert(1)</script>", "image/png")
    assert response.status_code == 400
    assert "Attach images (JPEG, PNG, GIF, WebP), PDF documents or videos (MP4, MOV) only." in response.content.decode()
    assert not ProposalAttachment.objects.exclude(original_name="hjerteugen.png").exists()


def test_a_scheduled_proposals_attachments_are_frozen(client_as):
    scheduled = ContentProposal.objects.get(title="Mød hjertesygeplejerskerne")
    response = _upload(client_as("flowmanager"), scheduled, "late.png", PNG)
    assert response.status_code == 302
    assert not ProposalAttachment.objects.filter(proposal=scheduled).exists()


def test_removing_an_attachment_deletes_the_file_after_commit(client_as, django_capture_on_commit_callbacks):
    proposal = _draft()
    client = client_as("producer")
    _upload(client, proposal, "plakat.png", PNG)
    attachment = ProposalAttachment.objects.get(original_name="plakat.png")
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("channels_plan:proposal_attachment_delete", args=[proposal.pk, attachment.pk]))
    assert response.status_code == 302
    assert not ProposalAttachment.objects.filter(original_name="plakat.png").exists()
    assert not storage.exists(name)
    assert attachment.history.first().history_type == "-"
