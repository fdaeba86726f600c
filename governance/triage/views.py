"""The triage diagram in the browser: everyone who works in the hospital walks it with plain links; the
communication unit's reviewers edit its steps."""

from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance.guidelines.selectors import guideline_current_version
from governance.hospital_scope import hospital_for_request
from governance.models import GuidelineKind, Hospital, TriageNode
from governance.permissions import Actor, request_actor
from governance.triage.forms import TriageNodeForm
from governance.triage.selectors import (
    TriageStep,
    triage_start,
    triage_step,
    triage_trail_format,
    triage_trail_parse,
    triage_tree,
)
from governance.triage.services import triage_node_create, triage_node_delete, triage_node_update


def _step_url(node_id: int, trail: Sequence[tuple[int, bool]]) -> str:
    url = reverse("triage:step", args=[node_id])
    return f"{url}?trail={triage_trail_format(trail)}" if trail else url  # digits, y, n and commas: nothing to escape


def _editor_url(hospital: Hospital, node_id: int | None = None) -> str:
    url = f"{reverse('triage:edit')}?{urlencode({'hospital': hospital.pk})}"
    return f"{url}#step-{node_id}" if node_id else url


def _node_for(actor: Actor, node_id: int) -> TriageNode:
    """A step of a hospital the person works in, with its hospital; 404 for any other."""
    node = TriageNode.objects.select_related("hospital").filter(pk=node_id).first()
    if node is None or not actor.works_in(node.hospital_id):
        raise Http404("No such triage step")
    return node


def _editable_node(request: HttpRequest, node_id: int) -> TriageNode:
    actor = request_actor(request)
    node = _node_for(actor, node_id)
    if not actor.reviews_for(node.hospital_id):
        raise PermissionDenied
    return node


def _render_step(
    request: HttpRequest, *, hospital: Hospital, step: TriageStep | None, hospitals: Sequence[Hospital] = ()
) -> HttpResponse:
    context = {
        "hospital": hospital,
        "hospitals": hospitals,
        "step": step,
        "may_edit": request_actor(request).reviews_for(hospital.pk),
        "start_url": f"{reverse('triage:start')}?{urlencode({'hospital': hospital.pk})}",
    }
    if step is not None:
        node, trail = step.node, step.walk.trail
        context["answers"] = [
            {
                "question": answer.question,
                "answer": answer.answer,
                "change_url": _step_url(answer.question.pk, trail[:i]),
            }
            for i, answer in enumerate(step.walk.path)
        ]
        context["number"] = len(trail) + 1
        context["back_url"] = _step_url(trail[-1][0], trail[:-1]) if trail else None
        if node.is_question:
            context["yes_url"] = _step_url(node.yes_next_id, [*trail, (node.pk, True)]) if node.yes_next_id else None
            context["no_url"] = _step_url(node.no_next_id, [*trail, (node.pk, False)]) if node.no_next_id else None
        elif node.guideline_kind:
            context["guideline_label"] = GuidelineKind(node.guideline_kind).label
            context["guideline"] = guideline_current_version(hospital=hospital, kind=node.guideline_kind)
    return render(request, "governance/triage/walk.html", context)


@login_required
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    hospital, hospitals = hospital_for_request(request, request_actor(request))
    return _render_step(request, hospital=hospital, hospitals=hospitals, step=triage_start(hospital=hospital))


@login_required
@require_GET
def step(request: HttpRequest, node_id: int) -> HttpResponse:
    hospital = _node_for(request_actor(request), node_id).hospital
    trail = triage_trail_parse(request.GET.get("trail", ""))
    found = triage_step(hospital=hospital, node_id=node_id, trail=trail)
    if found is None:
        raise Http404("No such triage step")
    return _render_step(request, hospital=hospital, step=found)


@login_required
@require_GET
def edit(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    hospital, hospitals = hospital_for_request(request, actor)
    if not actor.reviews_for(hospital.pk):
        raise PermissionDenied
    tree = triage_tree(hospital=hospital)
    referenced = {target for node in tree.nodes for target in (node.yes_next_id, node.no_next_id) if target}
    context = {
        "hospital": hospital,
        "hospitals": hospitals,
        "tree": tree,
        "deletable_ids": {node.pk for node in tree.nodes if node.pk not in referenced and not node.is_start},
    }
    return render(request, "governance/triage/edit.html", context)


def _render_form(request: HttpRequest, form: TriageNodeForm, *, hospital: Hospital, node: TriageNode | None):
    return render(
        request,
        "governance/triage/node_form.html",
        {"form": form, "hospital": hospital, "node": node, "editor_url": _editor_url(hospital, node and node.pk)},
    )


def _save(request: HttpRequest, form: TriageNodeForm, save) -> TriageNode | None:
    """Call the service with the form's data; its refusals go back on the form, so nothing typed is lost."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def node_create(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    hospital = hospital_for_request(request, actor)[0]
    if not actor.reviews_for(hospital.pk):
        raise PermissionDenied
    form = TriageNodeForm(request.POST or None, hospital=hospital)
    node = _save(request, form, lambda data: triage_node_create(hospital=hospital, data=data, acting_user=request.user))
    if node is not None:
        messages.success(request, _("The step is added to the diagram."))
        return redirect(_editor_url(hospital, node.pk))
    return _render_form(request, form, hospital=hospital, node=None)


@login_required
@require_http_methods(["GET", "POST"])
def node_edit(request: HttpRequest, node_id: int) -> HttpResponse:
    node = _editable_node(request, node_id)
    form = TriageNodeForm(request.POST or None, hospital=node.hospital, node=node)
    saved = _save(request, form, lambda data: triage_node_update(node=node, data=data, acting_user=request.user))
    if saved is not None:
        messages.success(request, _("Your changes to the step are saved."))
        return redirect(_editor_url(node.hospital, saved.pk))
    return _render_form(request, form, hospital=node.hospital, node=node)


@login_required
@require_POST
def node_delete(request: HttpRequest, node_id: int) -> HttpResponse:
    node = _editable_node(request, node_id)
    try:
        triage_node_delete(node=node, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_editor_url(node.hospital, node.pk))
    messages.success(request, _("The step “%(code)s” is deleted.") % {"code": node.code})
    return redirect(_editor_url(node.hospital))
