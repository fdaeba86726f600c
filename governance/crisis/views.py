"""Crisis mode: everybody in the hospital sees whether it is on and why; the communication unit lead starts and
ends it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from governance.crisis.forms import CrisisEndForm, CrisisStartForm
from governance.crisis.selectors import crisis_periods_for_hospital
from governance.crisis.services import crisis_mode_end, crisis_mode_start
from governance.exceptions import GovernanceError
from governance.guidelines.selectors import guideline_current_version
from governance.hospital_scope import hospital_for_request
from governance.models import CrisisPeriod, GuidelineKind
from governance.notifications import crisis_team_emails
from governance.permissions import request_actor


def _page(request, hospital, hospitals, *, start_form=None, end_form=None, status=200) -> HttpResponse:
    actor = request_actor(request)
    periods = list(crisis_periods_for_hospital(hospital=hospital))
    current = periods[0] if periods and periods[0].is_open else None
    context = {
        "hospital": hospital,
        "hospitals": hospitals,
        "current": current,
        "past": [period for period in periods if not period.is_open],
        "crisis_plan": guideline_current_version(hospital=hospital, kind=GuidelineKind.CRISIS_PLAN),
        "may_act": actor.leads(hospital.pk),
        "team_is_named": bool(crisis_team_emails(hospital_id=hospital.pk)) if actor.leads(hospital.pk) else True,
        "start_form": start_form or CrisisStartForm(),
        "end_form": end_form or CrisisEndForm(),
    }
    return render(request, "governance/crisis/status.html", context, status=status)


@login_required
@require_GET
def status(request: HttpRequest) -> HttpResponse:
    hospital, hospitals = hospital_for_request(request, request_actor(request))
    return _page(request, hospital, hospitals)


def _back(hospital) -> HttpResponse:
    return redirect(reverse("crisis:status") + f"?hospital={hospital.pk}")


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    hospital, hospitals = hospital_for_request(request, actor)
    if not actor.leads(hospital.pk):
        raise PermissionDenied
    form = CrisisStartForm(request.POST)
    if not form.is_valid():
        return _page(request, hospital, hospitals, start_form=form, status=400)
    try:
        crisis = crisis_mode_start(hospital=hospital, acting_user=request.user, **form.cleaned_data)
    except GovernanceError as error:
        form.add_error(None, str(error))
        return _page(request, hospital, hospitals, start_form=form, status=400)
    held = crisis.held_proposals.count()
    messages.warning(
        request,
        ngettext(
            "Crisis mode is on. %(count)d scheduled post is held; departments' posting rights are suspended.",
            "Crisis mode is on. %(count)d scheduled posts are held; departments' posting rights are suspended.",
            held,
        )
        % {"count": held},
    )
    return _back(hospital)


@login_required
@require_POST
def end(request: HttpRequest, crisis_id: int) -> HttpResponse:
    actor = request_actor(request)
    crisis = CrisisPeriod.objects.select_related("hospital").filter(pk=crisis_id).first()
    if crisis is None or not actor.works_in(crisis.hospital_id):
        raise Http404("No such crisis")
    if not actor.leads(crisis.hospital_id):
        raise PermissionDenied
    form = CrisisEndForm(request.POST)
    if not form.is_valid():
        hospitals = [crisis.hospital]
        return _page(request, crisis.hospital, hospitals, end_form=form, status=400)
    returning = crisis.held_proposals.count()
    try:
        crisis_mode_end(crisis=crisis, note=form.cleaned_data["note"], acting_user=request.user)
    except GovernanceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext(
                "Crisis mode has ended. %(count)d held post is back in the schedule; posting rights are restored.",
                "Crisis mode has ended. %(count)d held posts are back in the schedule; posting rights are restored.",
                returning,
            )
            % {"count": returning},
        )
    return _back(crisis.hospital)
