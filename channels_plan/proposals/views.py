"""Content proposals in the browser: list, draft, edit, submit, review, schedule and record publication."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from channels_plan import services
from channels_plan.exceptions import PlanError, PlanIncomplete
from channels_plan.forms import (
    DATETIME_LOCAL,
    AttachmentForm,
    ContentProposalForm,
    ProposalDecisionForm,
    PublicationForm,
    ScheduleForm,
)
from channels_plan.models import ContentProposal, ProposalAttachment
from channels_plan.pagination import page_of, query_without_page
from channels_plan.proposals.selectors import proposal_get_for_actor, proposal_list_for_actor
from channels_plan.proposals.services import PROPOSER_ROLES
from channels_plan.rights.policy import POST, REVIEW, channels_permitted
from channels_plan.services.attachments import proposal_attachment_add, proposal_attachment_remove
from governance.models import Unit
from governance.permissions import request_actor


def _proposing_units(request: HttpRequest) -> list[Unit]:
    actor = request_actor(request)
    unit_ids = [unit_id for unit_id, roles in actor.unit_roles.items() if roles & PROPOSER_ROLES]
    return list(Unit.objects.filter(pk__in=unit_ids).order_by("name"))


@login_required
@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "") if request.GET.get("status") in ContentProposal.Status.values else ""
    page = page_of(request, proposal_list_for_actor(actor=request_actor(request), status=status))
    return render(
        request,
        "channels_plan/proposal_list.html",
        {
            "proposals": page.object_list,
            "page": page,
            "page_query": query_without_page(request),
            "status": status,
            "statuses": ContentProposal.Status.choices,
            "proposing_units": _proposing_units(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    actor = request_actor(request)
    unit = get_object_or_404(Unit, pk=unit_id, pk__in=list(actor.unit_roles))
    if not actor.roles_in(unit.pk) & PROPOSER_ROLES:
        raise PermissionDenied
    form = ContentProposalForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(unit=unit, data=form.cleaned_data, acting_user=request.user)
        except PlanIncomplete as error:
            for field, message in error.errors.items():
                form.add_error(field, message)
        else:
            messages.success(request, _("The proposal is saved as a draft."))
            return redirect("channels_plan:proposal_detail", proposal.pk)
    return render(request, "channels_plan/proposal_form.html", {"form": form, "unit": unit, "proposal": None})


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request: HttpRequest, proposal_id: int) -> HttpResponse:
    actor = request_actor(request)
    proposal = proposal_get_for_actor(actor=actor, proposal_id=proposal_id)
    if not (proposal.is_editable and actor.roles_in(proposal.unit_id) & PROPOSER_ROLES):
        raise PermissionDenied
    form = ContentProposalForm(request.POST or None, instance=proposal, unit=proposal.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(proposal=proposal, data=form.cleaned_data, acting_user=request.user)
        except PlanIncomplete as error:
            for field, message in error.errors.items():
                form.add_error(field, message)
        except PlanError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("channels_plan:proposal_detail", proposal.pk)
    return render(
        request, "channels_plan/proposal_form.html", {"form": form, "unit": proposal.unit, "proposal": proposal}
    )


def _render_proposal(request: HttpRequest, proposal: ContentProposal, *, status: int = 200, **forms) -> HttpResponse:
    actor = request_actor(request)
    channels = list(proposal.channels.all())
    may_post = channels_permitted(user=request.user, codename=POST, channels=channels)
    may_review = channels_permitted(user=request.user, codename=REVIEW, channels=channels)
    posts_on_all = bool(channels) and may_post == {channel.pk for channel in channels}
    editable = proposal.is_editable and bool(actor.roles_in(proposal.unit_id) & PROPOSER_ROLES)
    now = timezone.localtime().strftime(DATETIME_LOCAL)
    context = {
        "proposal": proposal,
        "channels": channels,
        "decisions": list(proposal.decisions.all()),
        "attachments": list(proposal.attachments.all()),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
        "may_edit": editable,
        "may_schedule": editable and posts_on_all,
        "may_decide": proposal.status == ContentProposal.Status.SUBMITTED
        and bool(channels)
        and may_review == {channel.pk for channel in channels}
        and (request.user.pk != proposal.created_by_id or posts_on_all),
        "may_publish": proposal.status == ContentProposal.Status.SCHEDULED and bool(may_post),
        "decision_form": forms.get("decision_form") or ProposalDecisionForm(),
        "schedule_form": forms.get("schedule_form") or ScheduleForm(),
        "publication_form": forms.get("publication_form") or PublicationForm(initial={"published_at": now}),
    }
    return render(request, "channels_plan/proposal_detail.html", context, status=status)


@login_required
@require_GET
def proposal_detail(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return _render_proposal(request, proposal_get_for_actor(actor=request_actor(request), proposal_id=proposal_id))


def _run(request: HttpRequest, proposal: ContentProposal, action, success: str, **kwargs) -> HttpResponse:
    try:
        action(proposal=proposal, acting_user=request.user, **kwargs)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("channels_plan:proposal_detail", proposal.pk)


@login_required
@require_POST
def proposal_submit(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = proposal_get_for_actor(actor=request_actor(request), proposal_id=proposal_id)
    if not request_actor(request).roles_in(proposal.unit_id) & PROPOSER_ROLES:
        raise PermissionDenied
    return _run(request, proposal, services.proposal_submit, _("The proposal is submitted for review."))


@login_required
@require_POST
def proposal_schedule(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = proposal_get_for_actor(actor=request_actor(request), proposal_id=proposal_id)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        return _render_proposal(request, proposal, status=400, schedule_form=form)
    return _run(
        request,
        proposal,
        services.proposal_schedule_directly,
        _("The post is scheduled."),
        scheduled_at=form.cleaned_data["scheduled_at"],
    )


@login_required
@require_POST
def proposal_decide(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = proposal_get_for_actor(actor=request_actor(request), proposal_id=proposal_id)
    form = ProposalDecisionForm(request.POST)
    if not form.is_valid():
        return _render_proposal(request, proposal, status=400, decision_form=form)
    return _run(
        request,
        proposal,
        services.proposal_decide,
        _("Your decision is recorded."),
        decision=form.cleaned_data["decision"],
        comment=form.cleaned_data["comment"],
        scheduled_at=form.cleaned_data["scheduled_at"],
    )


@login_required
@require_POST
def proposal_publish(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = proposal_get_for_actor(actor=request_actor(request), proposal_id=proposal_id)
    form = PublicationForm(request.POST)
    if not form.is_valid():
        return _render_proposal(request, proposal, status=400, publication_form=form)
    return _run(
        request,
        proposal,
        services.proposal_record_publication,
        _("The publication is recorded."),
        published_at=form.cleaned_data["published_at"],
        permalink=form.cleaned_data["permalink"],
    )


@login_required
@require_POST
def proposal_attachment_upload(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = proposal_get_for_actor(actor=request_actor(request), proposal_id=proposal_id)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_proposal(request, proposal, status=400, attachment_form=form)
    return _run(
        request,
        proposal,
        proposal_attachment_add,
        _("The file is attached."),
        upload=form.cleaned_data["file"],
    )


def _attachment(request: HttpRequest, proposal_id: int, attachment_id: int) -> ProposalAttachment:
    proposal = proposal_get_for_actor(actor=request_actor(request), proposal_id=proposal_id)
    return get_object_or_404(ProposalAttachment, pk=attachment_id, proposal=proposal)


@login_required
@require_POST
def proposal_attachment_delete(request: HttpRequest, proposal_id: int, attachment_id: int) -> HttpResponse:
    attachment = _attachment(request, proposal_id, attachment_id)
    try:
        proposal_attachment_remove(attachment=attachment, acting_user=request.user)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The file is removed."))
    return redirect("channels_plan:proposal_detail", proposal_id)


@login_required
@require_GET
def proposal_attachment_download(request: HttpRequest, proposal_id: int, attachment_id: int) -> FileResponse:
    """Served only to those who may see the proposal; images inline, everything else as a download."""
    attachment = _attachment(request, proposal_id, attachment_id)
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=not attachment.is_image,
        filename=attachment.original_name,
    )
    response["Cache-Control"] = "private, no-store"
    return response
