"""The course catalogue: shared by every hospital; the communication units' leads and reviewers edit it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from governance.hospital_scope import hospital_for_request
from governance.permissions import request_actor
from training.exceptions import TrainingError
from training.forms import CourseForm
from training.permissions import may_edit_catalogue
from training.services import course_update
from training.sessions.selectors import (
    course_catalogue,
    course_catalogue_by_level,
    course_get,
    session_list_upcoming,
)


@login_required
@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    context = {
        "groups": course_catalogue_by_level(course_catalogue()),
        "may_edit": may_edit_catalogue(request_actor(request)),
    }
    return render(request, "training/catalogue.html", context)


def _course_or_404(code: str):
    course = course_get(code=code)
    if course is None:
        raise Http404("No such course")
    return course


@login_required
@require_GET
def course_detail(request: HttpRequest, code: str) -> HttpResponse:
    actor = request_actor(request)
    course = _course_or_404(code)
    hospital, hospitals = hospital_for_request(request, actor)
    context = {
        "course": course,
        "hospital": hospital,
        "hospitals": hospitals,
        "sessions": session_list_upcoming(hospital=hospital, now=timezone.now(), course=course),
        "may_edit": may_edit_catalogue(actor),
    }
    return render(request, "training/course_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request: HttpRequest, code: str) -> HttpResponse:
    course = _course_or_404(code)
    if not may_edit_catalogue(request_actor(request)):
        raise PermissionDenied
    form = CourseForm(request.POST or None, instance=course)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                course_update(course=course, data=form.cleaned_data, acting_user=request.user)
            except TrainingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The course is saved."))
                return redirect("training:course_detail", code=course.code)
        status = 400
    return render(request, "training/course_form.html", {"course": course, "form": form}, status=status)
