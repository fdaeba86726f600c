"""A hospital's sessions: the list, one session with its places, enrolment, cancellation and attendance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance.hospital_scope import hospital_for_request
from governance.permissions import request_actor
from training.exceptions import TrainingError
from training.forms import AttendanceForm, EnrolPersonForm, SessionForm
from training.models import CourseSession, Enrolment
from training.permissions import managed_unit_ids, may_run_sessions
from training.services import (
    enrolment_cancel,
    enrolment_create,
    session_attendance_record,
    session_cancel,
    session_create,
    session_update,
)
from training.sessions.selectors import (
    people_of_units,
    session_get,
    session_list_upcoming,
    session_places,
    session_teachers,
)


@login_required
@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    hospital, hospitals = hospital_for_request(request, actor)
    context = {
        "hospital": hospital,
        "hospitals": hospitals,
        "sessions": session_list_upcoming(hospital=hospital, now=timezone.now()),
        "may_run": may_run_sessions(actor, hospital.pk),
    }
    return render(request, "training/session_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    hospital, hospitals = hospital_for_request(request, actor)
    if not may_run_sessions(actor, hospital.pk):
        raise PermissionDenied
    form = SessionForm(request.POST or None, teachers=session_teachers(hospital=hospital))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                session = session_create(hospital=hospital, data=form.cleaned_data, acting_user=request.user)
            except TrainingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The session is planned."))
                return redirect("training:session_detail", session_id=session.pk)
        status = 400
    context = {"form": form, "hospital": hospital, "hospitals": hospitals}
    return render(request, "training/session_form.html", context, status=status)


def _session_or_404(request: HttpRequest, session_id: int) -> CourseSession:
    """The session, if it is one of a hospital the person works in (another hospital's: 404)."""
    session = session_get(session_id=session_id)
    if session is None or not request_actor(request).works_in(session.hospital_id):
        raise Http404("No such session")
    return session


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session_or_404(request, session_id)
    if not may_run_sessions(request_actor(request), session.hospital_id):
        raise PermissionDenied
    teachers = session_teachers(hospital=session.hospital)
    form = SessionForm(request.POST or None, instance=session, teachers=teachers)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                session_update(session=session, data=form.cleaned_data, acting_user=request.user)
            except TrainingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The session is saved."))
                return redirect("training:session_detail", session_id=session.pk)
        status = 400
    context = {"form": form, "hospital": session.hospital, "session": session}
    return render(request, "training/session_form.html", context, status=status)


def _managed_people(request: HttpRequest, session: CourseSession):
    unit_ids = managed_unit_ids(request_actor(request))
    return people_of_units(unit_ids=unit_ids).filter(memberships__unit__hospital_id=session.hospital_id)


def _detail(request: HttpRequest, session: CourseSession, *, enrol_form=None, status=200) -> HttpResponse:
    actor = request_actor(request)
    places = session_places(session=session)
    sees_places = session.teacher_id == request.user.pk or may_run_sessions(actor, session.hospital_id)
    manages_people = bool(managed_unit_ids(actor))
    context = {
        "session": session,
        "my_place": next((place for place in places if place.user_id == request.user.pk), None),
        "places": places if sees_places else None,
        "enrol_form": enrol_form
        or (EnrolPersonForm(people=_managed_people(request, session)) if manages_people else None),
        "may_run": may_run_sessions(actor, session.hospital_id),
        "is_teacher": session.teacher_id == request.user.pk,
        "is_open": not session.cancelled_at and not session.attendance_recorded_at and session.ends_at > timezone.now(),
        "active": Enrolment.ACTIVE,
    }
    return render(request, "training/session_detail.html", context, status=status)


@login_required
@require_GET
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    return _detail(request, _session_or_404(request, session_id))


def _place_message(enrolment: Enrolment) -> str:
    if enrolment.status == Enrolment.Status.WAITING:
        return _("The session is full: %(person)s is on the waiting list.") % {"person": enrolment.user}
    return _("%(person)s has a seat.") % {"person": enrolment.user}


@login_required
@require_POST
def session_enrol(request: HttpRequest, session_id: int) -> HttpResponse:
    """Enrol oneself, or (a manager, with ``person``) someone of one's unit."""
    session = _session_or_404(request, session_id)
    person = request.user
    if "person" in request.POST:
        form = EnrolPersonForm(request.POST, people=_managed_people(request, session))
        if not form.is_valid():
            return _detail(request, session, enrol_form=form, status=400)
        person = form.cleaned_data["person"]
    try:
        enrolment = enrolment_create(session=session, person=person, acting_user=request.user)
    except TrainingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _place_message(enrolment))
    return redirect("training:session_detail", session_id=session.pk)


@login_required
@require_POST
def place_cancel(request: HttpRequest, session_id: int, enrolment_id: int) -> HttpResponse:
    session = _session_or_404(request, session_id)
    enrolment = Enrolment.objects.select_related("session").filter(pk=enrolment_id, session=session).first()
    if enrolment is None:
        raise Http404("No such place")
    try:
        enrolment_cancel(enrolment=enrolment, acting_user=request.user)
    except TrainingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The place is cancelled."))
    return redirect("training:session_detail", session_id=session.pk)


@login_required
@require_POST
def session_cancel_view(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session_or_404(request, session_id)
    if not may_run_sessions(request_actor(request), session.hospital_id):
        raise PermissionDenied
    try:
        session_cancel(session=session, acting_user=request.user)
    except TrainingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The session is cancelled."))
    return redirect(reverse("training:session_list") + f"?hospital={session.hospital_id}")


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    """The teacher ticks who attended, once; afterwards the page shows the record, locked."""
    session = _session_or_404(request, session_id)
    if session.teacher_id != request.user.pk:
        raise PermissionDenied
    places = session_places(session=session)
    seated = [place.user for place in places if place.status == Enrolment.Status.ENROLLED]
    form = AttendanceForm(request.POST or None, participants=seated)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            attended = {int(user_id) for user_id in form.cleaned_data["attended"]}
            try:
                session_attendance_record(session=session, attended_user_ids=attended, acting_user=request.user)
            except TrainingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Attendance is recorded."))
                return redirect("training:attendance", session_id=session.pk)
        status = 400
    context = {"session": session, "places": places, "form": form, "started": session.starts_at <= timezone.now()}
    return render(request, "training/attendance.html", context, status=status)
