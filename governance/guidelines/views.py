"""The guidelines library: readers see approved versions, editors write drafts, the lead approves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance.exceptions import GovernanceError
from governance.guidelines.diff import version_diff
from governance.guidelines.forms import (
    GuidelineApproveForm,
    GuidelineDocumentCreateForm,
    GuidelineDocumentSettingsForm,
    GuidelineDraftForm,
)
from governance.guidelines.permissions import can_approve_guideline, can_edit_guideline, can_edit_guideline_for
from governance.guidelines.selectors import (
    guideline_document_get,
    guideline_library,
    guideline_version_before,
    guideline_version_get,
    guideline_version_list,
)
from governance.guidelines.services import (
    guideline_document_create,
    guideline_document_update,
    guideline_draft_discard,
    guideline_draft_save,
    guideline_version_approve,
)
from governance.hospital_scope import hospital_for_request
from governance.models import GuidelineKind, Unit
from governance.permissions import request_actor


@login_required
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    hospital, hospitals = hospital_for_request(request, actor)
    context = {
        "hospital": hospital,
        "hospitals": hospitals,
        "groups": guideline_library(actor=actor, hospital=hospital),
        "may_create": can_edit_guideline_for(actor, hospital.pk, None) or _editable_departments(actor, hospital),
    }
    return render(request, "governance/guidelines/library.html", context)


def _editable_departments(actor, hospital):
    departments = Unit.objects.filter(hospital=hospital, kind=Unit.Kind.DEPARTMENT).order_by("name")
    if actor.reviews_for(hospital.pk):
        return departments
    editable = [unit_id for unit_id in actor.unit_roles if can_edit_guideline_for(actor, hospital.pk, unit_id)]
    return departments.filter(pk__in=editable)


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    hospital = hospital_for_request(request, actor)[0]
    departments = _editable_departments(actor, hospital)
    hospital_wide = can_edit_guideline_for(actor, hospital.pk, None)
    if not hospital_wide and not departments.exists():
        raise PermissionDenied
    initial = {"kind": request.GET.get("kind", ""), "title": _label(request.GET.get("kind", ""))}
    form = GuidelineDocumentCreateForm(
        request.POST or None, initial=initial, departments=departments, hospital_wide_allowed=hospital_wide
    )
    if request.method == "POST" and form.is_valid():
        try:
            document = guideline_document_create(hospital=hospital, acting_user=request.user, **form.cleaned_data)
        except GovernanceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The first draft is saved. The lead approves it before readers see it."))
            return redirect("guidelines:document", document.pk)
    return render(request, "governance/guidelines/document_create.html", {"form": form, "hospital": hospital})


def _label(kind: str) -> str:
    return str(GuidelineKind(kind).label) if kind in GuidelineKind.values else ""


@login_required
@require_GET
def document(request: HttpRequest, document_id: int) -> HttpResponse:
    actor = request_actor(request)
    document = guideline_document_get(actor=actor, document_id=document_id)
    may_edit = can_edit_guideline(actor, document)
    context = {
        "document": document,
        "may_edit": may_edit,
        "may_approve": can_approve_guideline(actor, document),
        "versions": guideline_version_list(document=document) if may_edit else [],
    }
    return render(request, "governance/guidelines/document.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_settings(request: HttpRequest, document_id: int) -> HttpResponse:
    actor = request_actor(request)
    document = guideline_document_get(actor=actor, document_id=document_id)
    if not can_edit_guideline(actor, document):
        raise PermissionDenied
    form = GuidelineDocumentSettingsForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        try:
            guideline_document_update(document=document, acting_user=request.user, **form.cleaned_data)
        except GovernanceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The document's settings are saved."))
            return redirect("guidelines:document", document.pk)
    return render(request, "governance/guidelines/document_settings.html", {"form": form, "document": document})


@login_required
@require_http_methods(["GET", "POST"])
def draft_edit(request: HttpRequest, document_id: int) -> HttpResponse:
    actor = request_actor(request)
    document = guideline_document_get(actor=actor, document_id=document_id)
    if not can_edit_guideline(actor, document):
        raise PermissionDenied
    started_from = _with_text(document, document.draft or document.approved)
    initial = {
        "body": started_from.body if started_from else "",
        "change_summary": document.draft.change_summary if document.draft else "",
        "base_revision": document.draft.revision if document.draft else 0,
    }
    form = GuidelineDraftForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            guideline_draft_save(document=document, acting_user=request.user, **form.cleaned_data)
        except GovernanceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("guidelines:document", document.pk)
    return render(request, "governance/guidelines/draft_form.html", {"form": form, "document": document})


def _with_text(document, version):
    """The version with its text (the document's open versions are loaded without it)."""
    return guideline_version_get(document=document, version_id=version.pk) if version else None


@login_required
@require_POST
def draft_discard(request: HttpRequest, document_id: int) -> HttpResponse:
    actor = request_actor(request)
    document = guideline_document_get(actor=actor, document_id=document_id)
    if not can_edit_guideline(actor, document):
        raise PermissionDenied
    try:
        guideline_draft_discard(document=document, acting_user=request.user)
    except GovernanceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The draft is discarded."))
    return redirect("guidelines:document", document.pk)


def _readable_version(request, document_id: int, version_id: int):
    """Readers read the approved version; editors every version, drafts and superseded ones included."""
    actor = request_actor(request)
    document = guideline_document_get(actor=actor, document_id=document_id)
    version = guideline_version_get(document=document, version_id=version_id)
    if version.status != version.Status.APPROVED and not can_edit_guideline(actor, document):
        raise PermissionDenied
    return actor, document, version


@login_required
@require_GET
def version(request: HttpRequest, document_id: int, version_id: int) -> HttpResponse:
    actor, document, version = _readable_version(request, document_id, version_id)
    context = {
        "document": document,
        "version": version,
        "may_edit": can_edit_guideline(actor, document),
        "may_approve": can_approve_guideline(actor, document) and version.status == version.Status.DRAFT,
        "approve_form": GuidelineApproveForm(initial={"revision": version.revision}),
    }
    return render(request, "governance/guidelines/version.html", context)


@login_required
@require_GET
def version_diff_view(request: HttpRequest, document_id: int, version_id: int) -> HttpResponse:
    actor, document, version = _readable_version(request, document_id, version_id)
    if not can_edit_guideline(actor, document):
        raise PermissionDenied
    previous = guideline_version_before(version=version)
    context = {
        "document": document,
        "version": version,
        "previous": previous,
        "hunks": version_diff(previous.body if previous else "", version.body),
        "may_approve": can_approve_guideline(actor, document) and version.status == version.Status.DRAFT,
        "approve_form": GuidelineApproveForm(initial={"revision": version.revision}),
    }
    return render(request, "governance/guidelines/version_diff.html", context)


@login_required
@require_POST
def version_approve(request: HttpRequest, document_id: int, version_id: int) -> HttpResponse:
    actor, document, version = _readable_version(request, document_id, version_id)
    if not can_approve_guideline(actor, document):
        raise PermissionDenied
    form = GuidelineApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The approval did not say which text you read. Open the draft and try again."))
        return redirect("guidelines:version", document.pk, version.pk)
    try:
        guideline_version_approve(version=version, revision=form.cleaned_data["revision"], acting_user=request.user)
    except GovernanceError as error:
        messages.error(request, str(error))
        return redirect("guidelines:version", document.pk, version.pk)
    messages.success(
        request, _("Version %(number)s is approved and is now what readers see.") % {"number": version.number}
    )
    return redirect("guidelines:document", document.pk)
