"""Reading the guidelines library: what a person may see, with each document's approved version and open draft."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from governance.guidelines.permissions import can_edit_guideline, can_edit_guideline_for
from governance.models import GuidelineDocument, GuidelineKind, GuidelineVersion, Hospital
from governance.permissions import Actor
from governance.registry import guideline_required_levels


@dataclass(frozen=True)
class LibraryEntry:
    kind: str
    label: str
    required_from_level: int | None
    document: GuidelineDocument | None
    approved: GuidelineVersion | None
    draft: GuidelineVersion | None
    may_edit: bool

    @property
    def is_current(self) -> bool:
        return self.approved is not None and self.document.review_due(self.approved.approved_at) > timezone.now()


@dataclass(frozen=True)
class GuidelineStanding:
    """What the gap report reads: the approved version of a kind, and whether it is within its review interval."""

    kind: str
    approved_at: datetime | None
    review_due: datetime | None
    is_current: bool


def _open_versions(*, with_text: bool = False) -> Prefetch:
    """The approved version and the draft of each document; their (long) texts only where they are shown."""
    versions = GuidelineVersion.objects.filter(status__in=["approved", "draft"]).select_related(
        "written_by", "approved_by"
    )
    return Prefetch("versions", queryset=versions if with_text else versions.defer("body"), to_attr="open_versions")


def _by_status(document: GuidelineDocument) -> dict[str, GuidelineVersion]:
    return {version.status: version for version in document.open_versions}


def guideline_library(*, actor: Actor, hospital: Hospital) -> dict[str, list[LibraryEntry]]:
    """The hospital's documents in three groups: the response guidelines the scale requires (a row for each kind,
    written or not), the handbook's chapters, and the departments' own documents. Readers see approved documents;
    editors also see drafts and the kinds still missing. Two queries, plus one for the levels."""
    documents = (
        GuidelineDocument.objects.filter(hospital=hospital).select_related("unit").prefetch_related(_open_versions())
    )
    levels = guideline_required_levels()
    hospital_wide = {document.kind: document for document in documents if document.unit_id is None}
    groups: dict[str, list[LibraryEntry]] = {"required": [], "handbook": [], "department": []}
    may_edit_hospital = can_edit_guideline_for(actor, hospital.pk, None)
    for kind, label in GuidelineKind.choices:
        if kind == GuidelineKind.DEPARTMENT_NETWORK_GUIDELINES:
            continue  # always a department's own document
        entry = _entry(actor, kind, label, levels.get(kind), hospital_wide.get(kind), may_edit_hospital)
        if entry is not None:
            groups["handbook" if GuidelineKind.is_handbook_chapter(kind) else "required"].append(entry)
    for document in documents:
        if document.unit_id is not None:
            label = document.get_kind_display()
            entry = _entry(actor, document.kind, label, levels.get(document.kind), document, False)
            if entry is not None:
                groups["department"].append(entry)
    return groups


def _entry(actor, kind, label, level, document, may_edit_missing) -> LibraryEntry | None:
    if document is None:
        if not may_edit_missing:
            return None
        return LibraryEntry(kind, label, level, None, None, None, may_edit=True)
    versions = _by_status(document)
    may_edit = can_edit_guideline(actor, document)
    if "approved" not in versions and not may_edit:
        return None
    return LibraryEntry(
        kind, label, level, document, versions.get("approved"), versions.get("draft") if may_edit else None, may_edit
    )


def guideline_document_get(*, actor: Actor, document_id: int) -> GuidelineDocument:
    """A document of one's own hospital (404 otherwise), with its approved version and draft as ``open_versions``.

    A document nobody has approved yet exists only for its editors."""
    document = (
        GuidelineDocument.objects.select_related("hospital", "unit")
        .prefetch_related(_open_versions(with_text=True), "named_people")
        .filter(pk=document_id)
        .first()
    )
    if document is None or not actor.works_in(document.hospital_id):
        raise Http404("No such guideline")
    document.approved = _by_status(document).get("approved")
    document.draft = _by_status(document).get("draft")
    document.review_due_at = document.review_due(document.approved.approved_at) if document.approved else None
    document.is_overdue = document.review_due_at is not None and document.review_due_at < timezone.now()
    if document.approved is None and not can_edit_guideline(actor, document):
        raise Http404("No approved version")
    return document


def guideline_version_get(*, document: GuidelineDocument, version_id: int) -> GuidelineVersion:
    version = (
        GuidelineVersion.objects.select_related("written_by", "approved_by").filter(document=document, pk=version_id)
    ).first()
    if version is None:
        raise Http404("No such version")
    return version


def guideline_version_list(*, document: GuidelineDocument) -> list[GuidelineVersion]:
    return list(document.versions.defer("body").select_related("written_by", "approved_by").order_by("-number"))


def guideline_version_before(*, version: GuidelineVersion) -> GuidelineVersion | None:
    return (
        GuidelineVersion.objects.filter(document_id=version.document_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )


def _approved_in_scope(*, hospital: Hospital, unit, **filters):
    """Approved versions of the hospital's documents, and of ``unit``'s own where a unit is given."""
    scope = Q(document__unit__isnull=True)
    if unit is not None:
        scope |= Q(document__unit=unit)
    return GuidelineVersion.objects.filter(
        scope, document__hospital=hospital, status=GuidelineVersion.Status.APPROVED, **filters
    ).select_related("document")


def guideline_current_version(*, hospital: Hospital, kind: str, unit=None) -> GuidelineVersion | None:
    """The approved version of a kind of document: the department's own where ``unit`` has one, else the
    hospital's. One query."""
    versions = _approved_in_scope(hospital=hospital, unit=unit, document__kind=kind)
    by_unit = {version.document.unit_id: version for version in versions}
    return (by_unit.get(unit.pk) if unit is not None else None) or by_unit.get(None)


def guideline_standing(*, hospital: Hospital, unit=None, at: datetime | None = None) -> dict[str, GuidelineStanding]:
    """Per kind, the approved version (the department's own where ``unit`` is given and it has one) and whether it
    is younger than its document's review interval. One query; the gap report reads this as evidence."""
    at = at or timezone.now()
    chosen: dict[str, GuidelineVersion] = {}
    for version in _approved_in_scope(hospital=hospital, unit=unit):
        kind = version.document.kind
        if kind not in chosen or version.document.unit_id is not None:
            chosen[kind] = version
    standing = {}
    for kind, version in chosen.items():
        due = version.document.review_due(version.approved_at)
        standing[kind] = GuidelineStanding(kind, version.approved_at, due, due > at)
    return standing


def guideline_drafts_to_approve(*, actor: Actor, limit: int) -> list[GuidelineVersion]:
    """Drafts waiting for the lead's approval in the hospitals the person leads communication for, oldest first."""
    led = [hospital_id for hospital_id in actor.communication_units if actor.leads(hospital_id)]
    if not led:
        return []
    drafts = GuidelineVersion.objects.filter(status=GuidelineVersion.Status.DRAFT, document__hospital_id__in=led)
    return list(drafts.defer("body").select_related("document__unit").order_by("updated_at")[: limit + 1])
