"""Every write to the guidelines library: documents, their drafts and the lead's approval of a version.

The document row is locked in each service, so two editors saving at once, or an editor saving while the lead
approves, are serialised: the second one is told what happened instead of silently overwriting it.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance.audit import delete_as, save_as
from governance.exceptions import GovernanceError, GuidelineEditConflict
from governance.guidelines.permissions import can_approve_guideline, can_edit_guideline, can_edit_guideline_for
from governance.models import GuidelineDocument, GuidelineVersion, Hospital, Unit, User
from governance.permissions import actor_for


def _locked(document: GuidelineDocument) -> GuidelineDocument:
    return GuidelineDocument.objects.select_for_update().get(pk=document.pk)


def _draft_of(document: GuidelineDocument) -> GuidelineVersion | None:
    return document.versions.filter(status=GuidelineVersion.Status.DRAFT).select_related("written_by").first()


@transaction.atomic
def guideline_document_create(
    *,
    hospital: Hospital,
    unit: Unit | None,
    kind: str,
    title: str,
    review_interval_months: int,
    body: str,
    change_summary: str = "",
    acting_user: User,
) -> GuidelineDocument:
    """Start a document with its first draft; it reaches readers when the lead approves the draft."""
    if unit is not None and (unit.hospital_id != hospital.pk or unit.kind != Unit.Kind.DEPARTMENT):
        raise GovernanceError(_("A department-specific document belongs to one of the hospital's departments."))
    if not can_edit_guideline_for(actor_for(acting_user), hospital.pk, unit.pk if unit else None):
        raise GovernanceError(_("You may not write guidelines here."))
    Hospital.objects.select_for_update().get(pk=hospital.pk)  # one creation of a kind at a time per hospital
    document = GuidelineDocument(
        hospital=hospital, unit=unit, kind=kind, title=title, review_interval_months=review_interval_months
    )
    document.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            save_as(document, acting_user)
    except IntegrityError:
        raise GovernanceError(
            _("There is already a document of this kind here: open it from the library and write a new version.")
        ) from None
    save_as(
        GuidelineVersion(document=document, number=1, body=body, change_summary=change_summary, written_by=acting_user),
        acting_user,
    )
    return document


@transaction.atomic
def guideline_document_update(
    *, document: GuidelineDocument, title: str, review_interval_months: int, named_people, acting_user: User
) -> GuidelineDocument:
    """Change what is not versioned: the title, the review interval and the people the document names."""
    document = _locked(document)
    if not can_edit_guideline(actor_for(acting_user), document):
        raise GovernanceError(_("You may not change this document."))
    outsiders = [person for person in named_people if not _works_in(person, document.hospital_id)]
    if outsiders:
        raise GovernanceError(_("Only people who work in the hospital can be named in its documents."))
    document.title = title
    document.review_interval_months = review_interval_months
    document.full_clean(validate_constraints=False)
    save_as(document, acting_user)
    document.named_people.set(named_people)
    return document


def _works_in(person: User, hospital_id: int) -> bool:
    return person.memberships.filter(unit__hospital_id=hospital_id).exists()


@transaction.atomic
def guideline_draft_save(
    *, document: GuidelineDocument, body: str, change_summary: str, base_revision: int, acting_user: User
) -> GuidelineVersion:
    """Save the document's draft, starting one from scratch if there is none.

    ``base_revision`` is the draft's revision the editor started from (0 when there was no draft). If someone saved
    in between, nothing is written and GuidelineEditConflict names them; the editor's text stays in their form.
    """
    document = _locked(document)
    if not can_edit_guideline(actor_for(acting_user), document):
        raise GovernanceError(_("You may not change this document."))
    draft = _draft_of(document)
    current_revision = draft.revision if draft else 0
    if base_revision != current_revision:
        if draft is None:
            raise GuidelineEditConflict(
                _(
                    "The draft you were editing has been approved or discarded in the meantime. Your text is kept "
                    "below: compare it with the current version before you save it as a new draft."
                )
            )
        raise GuidelineEditConflict(
            _(
                "%(person)s saved the draft at %(time)s, after you opened it. Your text is kept below: copy what you "
                "need, reload the draft and add it there."
            )
            % {"person": draft.written_by, "time": date_format(timezone.localtime(draft.updated_at), "DATETIME_FORMAT")}
        )
    if draft is None:
        approved = document.versions.filter(status=GuidelineVersion.Status.APPROVED).first()
        if approved is not None and approved.body == body:
            raise GovernanceError(_("The text is the same as the approved version: there is nothing to save."))
        number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        draft = GuidelineVersion(document=document, number=number, revision=0)
    draft.body = body
    draft.change_summary = change_summary
    draft.written_by = acting_user
    draft.updated_at = timezone.now()
    draft.revision += 1
    draft.full_clean(validate_constraints=False)
    return save_as(draft, acting_user)


@transaction.atomic
def guideline_draft_discard(*, document: GuidelineDocument, acting_user: User) -> None:
    document = _locked(document)
    if not can_edit_guideline(actor_for(acting_user), document):
        raise GovernanceError(_("You may not change this document."))
    draft = _draft_of(document)
    if draft is None:
        raise GovernanceError(_("There is no draft to discard."))
    if not document.versions.exclude(pk=draft.pk).exists():
        raise GovernanceError(_("The first draft of a document cannot be discarded: it is all the document has."))
    delete_as(draft, acting_user)


@transaction.atomic
def guideline_version_approve(*, version: GuidelineVersion, revision: int, acting_user: User) -> GuidelineVersion:
    """The lead approves the draft exactly as they read it (``revision``); the version approved before is superseded
    at the same moment, so readers always find exactly one approved version."""
    document = _locked(version.document)
    if not can_approve_guideline(actor_for(acting_user), document):
        raise GovernanceError(_("Only the communication unit lead approves guidelines."))
    version = GuidelineVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != GuidelineVersion.Status.DRAFT:
        raise GovernanceError(_("This version is not a draft any more; it may have been approved already."))
    if version.revision != revision:
        raise GuidelineEditConflict(
            _("The draft was changed after you opened it. Read the new text before you approve it.")
        )
    now = timezone.now()
    for previous in document.versions.select_for_update().filter(status=GuidelineVersion.Status.APPROVED):
        previous.status = GuidelineVersion.Status.SUPERSEDED
        previous.superseded_at = now
        save_as(previous, acting_user)
    version.status = GuidelineVersion.Status.APPROVED
    version.approved_by = acting_user
    version.approved_at = now
    return save_as(version, acting_user)
