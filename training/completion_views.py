"""Completions: my own, a course done elsewhere recorded by a manager or the communication unit, and the
hospital's setting of courses required before a role posts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from governance.hospital_scope import hospital_for_request
from governance.permissions import request_actor
from training.exceptions import TrainingError
from training.forms import ExternalCompletionForm, PostingCoursesForm
from training.permissions import managed_unit_ids, may_set_posting_courses
from training.services import completion_record_external, posting_courses_set
from training.sessions.selectors import completion_list_for_user, people_of_units, posting_course_requirements


@login_required
@require_GET
def my_completions(request: HttpRequest) -> HttpResponse:
    return render(request, "training/my_completions.html", {"completions": completion_list_for_user(user=request.user)})


def _recordable_people(request: HttpRequest):
    """The people of the units one manages, and everyone of the hospitals whose communication unit one is in."""
    actor = request_actor(request)
    return people_of_units(unit_ids=managed_unit_ids(actor), hospital_ids=set(actor.communication_units))


@login_required
@require_http_methods(["GET", "POST"])
def completion_record(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not (managed_unit_ids(actor) or actor.communication_units or request.user.is_superuser):
        raise PermissionDenied
    form = ExternalCompletionForm(request.POST or None, people=_recordable_people(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                completion_record_external(acting_user=request.user, **form.cleaned_data)
            except TrainingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The completion is recorded."))
                return redirect("training:completion_record")
        status = 400
    return render(request, "training/completion_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def posting_courses(request: HttpRequest) -> HttpResponse:
    """Everyone in the hospital sees which courses a role needs before posting; the lead sets them."""
    actor = request_actor(request)
    hospital, hospitals = hospital_for_request(request, actor)
    may_set = may_set_posting_courses(actor, hospital.pk)
    form = PostingCoursesForm(request.POST or None) if may_set else None
    status = 200
    if request.method == "POST":
        if not may_set:
            raise PermissionDenied
        if form.is_valid():
            try:
                posting_courses_set(hospital=hospital, acting_user=request.user, **form.cleaned_data)
            except TrainingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The courses required before posting are saved."))
                return redirect(reverse("training:posting_courses") + f"?hospital={hospital.pk}")
        status = 400
    context = {
        "hospital": hospital,
        "hospitals": hospitals,
        "requirements": posting_course_requirements(hospital=hospital),
        "form": form,
    }
    return render(request, "training/posting_courses.html", context, status=status)
