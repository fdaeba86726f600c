"""Attachments on content proposals: checked by their content, stored under MEDIA_ROOT with random names."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from channels_plan.attachments import attachment_kind
from channels_plan.exceptions import PlanError
from channels_plan.models import ContentProposal, ProposalAttachment
from channels_plan.proposals.services import PROPOSER_ROLES
from governance.audit import save_as
from governance.models import User
from governance.permissions import actor_for

MAX_ATTACHMENTS = 10


def _editable_by(proposal: ContentProposal, user: User) -> bool:
    return proposal.is_editable and bool(actor_for(user).roles_in(proposal.unit_id) & PROPOSER_ROLES)


@transaction.atomic
def proposal_attachment_add(
    *, proposal: ContentProposal, upload: UploadedFile, acting_user: User
) -> ProposalAttachment:
    proposal = ContentProposal.objects.select_for_update().get(pk=proposal.pk)
    if not _editable_by(proposal, acting_user):
        raise PlanError(_("Attachments can be added while the proposal is a draft or being revised."))
    if proposal.attachments.count() >= MAX_ATTACHMENTS:
        raise PlanError(_("A proposal carries at most %(count)s attachments.") % {"count": MAX_ATTACHMENTS})
    kind = attachment_kind(upload)
    name = get_valid_filename(upload.name.replace("\x00", ""))[:200] or "attachment"
    attachment = ProposalAttachment(
        proposal=proposal,
        original_name=name,
        content_type=kind.content_type,
        extension=kind.extension,
        size=upload.size,
        uploaded_by=acting_user,
    )
    attachment.file.save(name, upload, save=False)
    return save_as(attachment, acting_user)


@transaction.atomic
def proposal_attachment_remove(*, attachment: ProposalAttachment, acting_user: User) -> None:
    proposal = ContentProposal.objects.select_for_update().get(pk=attachment.proposal_id)
    if not _editable_by(proposal, acting_user):
        raise PlanError(_("Attachments can be removed while the proposal is a draft or being revised."))
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment._history_user = acting_user
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))
