"""User involvement (level 4): the activities a person sees, one activity with its posts, topics, input summary,
engagement and report, and the steps that run it. Thin views: a form, one service, a redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from channels_plan.exceptions import PlanError
from channels_plan.forms import form_add_plan_error
from governance.permissions import request_actor
from involvement.activities import services
from involvement.activities.forms import (
    ActivityForm,
    ActivityProposalForm,
    AdvanceForm,
    ReportForm,
    TopicForm,
    TopicSummaryForm,
)
from involvement.activities.permissions import can_run_activity
from involvement.activities.registry import involvement_input_summary
from involvement.activities.selectors import (
    activity_get_for_actor,
    activity_list_for_actor,
    startable_units_for_actor,
)
from involvement.models import InvolvementActivity


def _runnable(request: HttpRequest, activity_id: int) -> InvolvementActivity:
    """The activity, 404 for those who may not see it and 403 for readers who do not run it."""
    activity = activity_get_for_actor(actor=request_actor(request), activity_id=activity_id)
    if not can_run_activity(request_actor(request), activity):
        raise PermissionDenied
    return activity


@login_required
@require_GET
def activity_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    context = {
        "activities": list(activity_list_for_actor(actor=actor)),
        "startable_units": startable_units_for_actor(actor=actor),
    }
    return render(request, "involvement/activities/activity_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    units = {unit.pk: unit for unit in startable_units_for_actor(actor=request_actor(request))}
    unit = units.get(unit_id)
    if unit is None:
        raise Http404
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(unit=unit, data=form.cleaned_data, acting_user=request.user)
        except PlanError as error:
            form_add_plan_error(form, error)
        else:
            messages.success(request, _("The activity is planned. Plan its posts next."))
            return redirect("involvement:activity_detail", activity.pk)
    return render(request, "involvement/activities/activity_form.html", {"form": form, "unit": unit})


@login_required
@require_GET
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    actor = request_actor(request)
    activity = activity_get_for_actor(actor=actor, activity_id=activity_id)
    runs = can_run_activity(actor, activity)
    report = getattr(activity, "report", None)
    context = {
        "activity": activity,
        "proposals": list(activity.proposals.all()),
        "topics": list(activity.topics.all()),
        "report": report,
        "runs": runs,
        "summary": involvement_input_summary(activity),
        "advance_form": AdvanceForm(initial={"expected_status": activity.status}),
        "next_status": InvolvementActivity.NEXT_STATUS.get(activity.status),
        "topic_form": TopicForm(),
    }
    return render(request, "involvement/activities/activity_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = _runnable(request, activity_id)
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(activity=activity, data=form.cleaned_data, acting_user=request.user)
        except PlanError as error:
            form_add_plan_error(form, error)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect("involvement:activity_detail", activity.pk)
    context = {"form": form, "unit": activity.unit, "activity": activity}
    return render(request, "involvement/activities/activity_form.html", context)


@login_required
@require_POST
def activity_advance(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = _runnable(request, activity_id)
    form = AdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Reload the page and try again."))
    else:
        try:
            activity = services.activity_advance(
                activity=activity, expected_status=form.cleaned_data["expected_status"], acting_user=request.user
            )
        except PlanError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The activity is now %(status)s.") % {"status": activity.get_status_display()})
    return redirect("involvement:activity_detail", activity.pk)


@login_required
@require_POST
def activity_topics(request: HttpRequest, activity_id: int) -> HttpResponse:
    """Add a topic (``label``) or save a topic's summary (``topic`` and ``summary``)."""
    activity = _runnable(request, activity_id)
    try:
        if "topic" in request.POST:
            form = TopicSummaryForm(request.POST, activity=activity)
            if form.is_valid():
                services.activity_topic_summarise(
                    topic=form.cleaned_data["topic"], summary=form.cleaned_data["summary"], acting_user=request.user
                )
                messages.success(request, _("The summary is saved."))
        else:
            form = TopicForm(request.POST)
            if form.is_valid():
                services.activity_topic_add(
                    activity=activity, label=form.cleaned_data["label"], acting_user=request.user
                )
                messages.success(request, _("The topic is added."))
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    except PlanError as error:
        messages.error(request, str(error))
    return redirect("involvement:activity_detail", activity.pk)


@login_required
@require_http_methods(["GET", "POST"])
def activity_proposal_create(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = _runnable(request, activity_id)
    form = ActivityProposalForm(request.POST or None, unit=activity.unit)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.activity_proposal_create(
                activity=activity, data=form.cleaned_data, acting_user=request.user
            )
        except PlanError as error:
            form_add_plan_error(form, error)
        else:
            messages.success(request, _("The proposal is saved as a draft and linked to the activity."))
            return redirect("channels_plan:proposal_detail", proposal.pk)
    context = {"form": form, "activity": activity}
    return render(request, "involvement/activities/proposal_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_report(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = _runnable(request, activity_id)
    form = ReportForm(request.POST or None, instance=getattr(activity, "report", None))
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_report_record(activity=activity, acting_user=request.user, **form.cleaned_data)
        except PlanError as error:
            form_add_plan_error(form, error)
        else:
            messages.success(request, _("The report is recorded."))
            return redirect("involvement:activity_detail", activity.pk)
    context = {"form": form, "activity": activity}
    return render(request, "involvement/activities/report_form.html", context)
