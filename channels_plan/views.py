from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from channels_plan import services
from channels_plan.channel_links import channel_links
from channels_plan.exceptions import PlanError, PlanIncomplete
from channels_plan.forms import (
    ChannelPlanForm,
    ChannelReviewForm,
    ChannelStatusForm,
    PlanDecisionForm,
    PlanResultForm,
)
from channels_plan.models import Channel, ChannelPlan, Platform
from channels_plan.pagination import page_of, query_without_page
from channels_plan.permissions import (
    can_decide_plan,
    can_draft_plan_for,
    can_edit_plan,
    can_manage_channel,
    can_mark_evaluated,
    can_record_result,
    visible_units_filter,
)
from channels_plan.rights.overview import posting_rights_overview
from channels_plan.selectors import (
    channel_get_for_actor,
    channel_list_for_actor,
    channel_review_is_due,
    channels_to_activate_for_actor,
    plan_get_for_actor,
    plan_is_current,
    plan_list_for_actor,
    plan_review_context,
)
from governance.models import Unit
from governance.permissions import DEPARTMENT_EDITOR_ROLES, Actor, request_actor
from maturity.selectors import unit_standing_get


def _draftable_units(actor: Actor) -> list[Unit]:
    units = Unit.objects.filter(pk__in=list(actor.unit_roles), kind=Unit.Kind.DEPARTMENT).order_by("name")
    return [unit for unit in units if can_draft_plan_for(actor, unit)]


def _int_or_none(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 19 else None


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    filters = {
        "status": request.GET.get("status", "") if request.GET.get("status") in ChannelPlan.Status.values else "",
        "unit_id": _int_or_none(request.GET.get("unit", "")),
        "platform": request.GET.get("platform", "") if request.GET.get("platform") in Platform.values else "",
    }
    page = page_of(request, plan_list_for_actor(actor=actor, **filters))
    units = Unit.objects.filter(channel_plans__in=plan_list_for_actor(actor=actor)).distinct().order_by("name")
    return render(
        request,
        "channels_plan/plan_list.html",
        {
            "plans": page.object_list,
            "page": page,
            "page_query": query_without_page(request),
            "filters": filters,
            "statuses": ChannelPlan.Status.choices,
            "platforms": Platform.choices,
            "filter_units": units,
            "draftable_units": _draftable_units(actor),
            "is_reviewer": actor.is_reviewer,
        },
    )


def _render_form(request: HttpRequest, form: ChannelPlanForm, *, unit: Unit, plan: ChannelPlan | None):
    standing = unit_standing_get(unit_id=unit.pk)
    context = {
        "form": form,
        "unit": unit,
        "plan": plan,
        "standing": standing,
        "level_features": list(standing.current_level.features.all()) if standing else [],
    }
    return render(request, "channels_plan/plan_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    actor = request_actor(request)
    unit = get_object_or_404(Unit, pk=unit_id, pk__in=list(actor.unit_roles))
    if not can_draft_plan_for(actor, unit):
        raise PermissionDenied
    form = ChannelPlanForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        plan = services.plan_create(unit=unit, data=form.cleaned_data, acting_user=request.user)
        messages.success(request, _("The plan is saved as a draft. Submit it when it is complete."))
        return redirect("channels_plan:plan_detail", plan.pk)
    return _render_form(request, form, unit=unit, plan=None)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = request_actor(request)
    plan = plan_get_for_actor(actor=actor, plan_id=plan_id)
    if not can_edit_plan(actor, plan):
        raise PermissionDenied
    form = ChannelPlanForm(request.POST or None, instance=plan, unit=plan.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, data=form.cleaned_data, acting_user=request.user)
        except PlanError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("channels_plan:plan_detail", plan.pk)
    return _render_form(request, form, unit=plan.unit, plan=plan)


def _render_plan(request: HttpRequest, plan: ChannelPlan, *, status: int = 200, **forms) -> HttpResponse:
    actor = request_actor(request)
    context = plan_review_context(plan=plan)
    may_decide = can_decide_plan(actor, plan, context["submitter_ids"])
    context.update(
        {
            "plan": plan,
            "may_edit": can_edit_plan(actor, plan),
            "may_decide": may_decide,
            "may_record_result": can_record_result(actor, plan),
            "may_mark_evaluated": can_mark_evaluated(actor, plan),
            "decision_form": forms.get("decision_form") or (PlanDecisionForm() if may_decide else None),
            "result_form": forms.get("result_form") or PlanResultForm(initial={"result": plan.result}),
            "submission_errors": forms.get("submission_errors"),
        }
    )
    return render(request, "channels_plan/plan_detail.html", context, status=status)


@login_required
@require_GET
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _render_plan(request, plan_get_for_actor(actor=request_actor(request), plan_id=plan_id))


@login_required
@require_POST
def plan_submit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_get_for_actor(actor=request_actor(request), plan_id=plan_id)
    if not request_actor(request).roles_in(plan.unit_id) & DEPARTMENT_EDITOR_ROLES:
        raise PermissionDenied
    try:
        services.plan_submit(plan=plan, acting_user=request.user)
    except PlanIncomplete as error:
        return _render_plan(request, plan, status=400, submission_errors=error.errors)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The plan is submitted to the communication unit."))
    return redirect("channels_plan:plan_detail", plan.pk)


@login_required
@require_POST
def plan_decide(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_get_for_actor(actor=request_actor(request), plan_id=plan_id)
    if not request_actor(request).reviews_for(plan.unit.hospital_id):
        raise PermissionDenied
    form = PlanDecisionForm(request.POST)
    if not form.is_valid():
        return _render_plan(request, plan, status=400, decision_form=form)
    try:
        services.plan_decide(
            plan=plan,
            decision=form.cleaned_data["decision"],
            comment=form.cleaned_data["comment"],
            acting_user=request.user,
        )
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your decision is recorded."))
    return redirect("channels_plan:plan_detail", plan.pk)


@login_required
@require_POST
def plan_result(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_get_for_actor(actor=request_actor(request), plan_id=plan_id)
    if not can_record_result(request_actor(request), plan):
        raise PermissionDenied
    form = PlanResultForm(request.POST)
    if not form.is_valid():
        return _render_plan(request, plan, status=400, result_form=form)
    try:
        services.plan_result_record(plan=plan, result=form.cleaned_data["result"], acting_user=request.user)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The result is recorded."))
    return redirect("channels_plan:plan_detail", plan.pk)


@login_required
@require_POST
def plan_evaluated(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_get_for_actor(actor=request_actor(request), plan_id=plan_id)
    if not request_actor(request).reviews_for(plan.unit.hospital_id):
        raise PermissionDenied
    try:
        services.plan_mark_evaluated(plan=plan, acting_user=request.user)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The plan is marked as evaluated."))
    return redirect("channels_plan:plan_detail", plan.pk)


@login_required
@require_GET
def channel_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    status = request.GET.get("status", "") if request.GET.get("status") in Channel.Status.values else ""
    unit_id = _int_or_none(request.GET.get("unit", ""))
    page = page_of(request, channel_list_for_actor(actor=actor, status=status, unit_id=unit_id))
    today = timezone.localdate()
    for channel in page.object_list:
        channel.review_due = channel_review_is_due(channel)
        channel.plan_current = plan_is_current(
            status=channel.plan.status,
            evaluation_date=channel.plan.evaluation_date,
            evaluated_at=channel.plan.evaluated_at,
            today=today,
        )
    unit = None
    if unit_id is not None:  # named only when the person sees its channels
        unit = Unit.objects.filter(visible_units_filter(actor), pk=unit_id).only("name").first()
    return render(
        request,
        "channels_plan/channel_list.html",
        {
            "channels": page.object_list,
            "page": page,
            "page_query": query_without_page(request),
            "status": status,
            "statuses": Channel.Status.choices,
            "unit": unit,
            "today": today,
            "to_activate": channels_to_activate_for_actor(actor=actor),
            "active_status": Channel.Status.ACTIVE,
        },
    )


def _render_channel(request: HttpRequest, channel: Channel, *, status: int = 200, **forms) -> HttpResponse:
    may_manage = can_manage_channel(request_actor(request), channel)
    return render(
        request,
        "channels_plan/channel_detail.html",
        {
            "channel": channel,
            "reviews": list(channel.reviews.all()),
            "may_manage": may_manage and channel.status != Channel.Status.CLOSED,
            "status_form": forms.get("status_form") or ChannelStatusForm(initial={"status": channel.status}),
            "review_form": forms.get("review_form") or ChannelReviewForm(),
            "manager_links": channel_links(channel.pk) if may_manage else [],
        },
        status=status,
    )


@login_required
@require_GET
def channel_detail(request: HttpRequest, channel_id: int) -> HttpResponse:
    return _render_channel(request, channel_get_for_actor(actor=request_actor(request), channel_id=channel_id))


@login_required
@require_POST
def channel_status(request: HttpRequest, channel_id: int) -> HttpResponse:
    channel = channel_get_for_actor(actor=request_actor(request), channel_id=channel_id)
    if not can_manage_channel(request_actor(request), channel):
        raise PermissionDenied
    form = ChannelStatusForm(request.POST)
    if not form.is_valid():
        return _render_channel(request, channel, status=400, status_form=form)
    try:
        services.channel_status_set(channel=channel, status=form.cleaned_data["status"], acting_user=request.user)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The channel's status is changed."))
    return redirect("channels_plan:channel_detail", channel.pk)


@login_required
@require_POST
def channel_review(request: HttpRequest, channel_id: int) -> HttpResponse:
    channel = channel_get_for_actor(actor=request_actor(request), channel_id=channel_id)
    if not can_manage_channel(request_actor(request), channel):
        raise PermissionDenied
    form = ChannelReviewForm(request.POST)
    if not form.is_valid():
        return _render_channel(request, channel, status=400, review_form=form)
    try:
        services.channel_review_record(channel=channel, acting_user=request.user, **form.cleaned_data)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The yearly review is recorded."))
    return redirect("channels_plan:channel_detail", channel.pk)


@login_required
@require_GET
def posting_rights(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return render(
        request,
        "channels_plan/posting_rights.html",
        {"overview": posting_rights_overview(actor=actor), "actor": actor},
    )


def _enrolment_action(request: HttpRequest, unit_id: int, service, success: str) -> HttpResponse:
    actor = request_actor(request)
    visible = Unit.objects.filter(pk=unit_id, kind=Unit.Kind.DEPARTMENT)
    unit = get_object_or_404(
        visible.filter(pk__in=list(actor.unit_roles)) | visible.filter(hospital_id__in=list(actor.communication_units))
    )
    try:
        service(unit=unit, acting_user=request.user)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("channels_plan:posting_rights")


@login_required
@require_POST
def enrolment_request(request: HttpRequest, unit_id: int) -> HttpResponse:
    return _enrolment_action(
        request, unit_id, services.posting_enrolment_request, _("The request is sent to the communication unit.")
    )


@login_required
@require_POST
def enrolment_grant(request: HttpRequest, unit_id: int) -> HttpResponse:
    return _enrolment_action(
        request, unit_id, services.posting_enrolment_grant, _("The department now posts on its own channels.")
    )


@login_required
@require_POST
def enrolment_end(request: HttpRequest, unit_id: int) -> HttpResponse:
    return _enrolment_action(
        request, unit_id, services.posting_enrolment_end, _("The department no longer posts on its own channels.")
    )
