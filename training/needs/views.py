"""Training needs pages: my training, a unit's training gap, and the hospital overview for the communication unit."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from governance.hospital_scope import hospital_for_request
from governance.models import Unit
from governance.permissions import Actor, request_actor
from training.models import Course
from training.needs.selectors import hospital_training_overview, person_training, unit_training_gap, units_training_at

GAP_VIEWER_ROLES = frozenset({"manager", "flowmanager"})


def course_sessions_url(course: Course) -> str:
    """The course's page with its upcoming sessions, when the catalogue pages are installed ("" otherwise)."""
    try:
        return reverse("training:course_detail", args=[course.code])
    except NoReverseMatch:
        return ""


@login_required
@require_GET
def my_training(request: HttpRequest) -> HttpResponse:
    training = person_training(user=request.user, today=timezone.localdate())
    sections = [
        ("required-now", _("Required now"), training.required_now),
        ("required-target", _("Required for your unit's target level"), training.required_for_target),
        ("recommended", _("Recommended if you are interested"), training.recommended),
    ]
    tables = [
        {
            "table_id": table_id,
            "caption": caption,
            "rows": [(need, course_sessions_url(need.course)) for need in needs],
        }
        for table_id, caption, needs in sections
        if needs
    ]
    actor = request_actor(request)
    led_units = Unit.objects.filter(
        pk__in=[unit_id for unit_id, roles in actor.unit_roles.items() if roles & GAP_VIEWER_ROLES]
    ).order_by("name")
    context = {
        "training": training,
        "tables": tables,
        "led_units": led_units,
        "sees_hospital_overview": bool(actor.communication_units),
    }
    return render(request, "training/needs/mine.html", context)


def may_see_unit_gap(actor: Actor, unit: Unit) -> bool:
    return bool(actor.roles_in(unit.pk) & GAP_VIEWER_ROLES) or unit.hospital_id in actor.communication_units


@login_required
@require_GET
def unit_gap(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("hospital"), pk=unit_id)
    actor = request_actor(request)
    if not may_see_unit_gap(actor, unit):
        if actor.roles_in(unit.pk):
            raise PermissionDenied
        raise Http404("Not a unit of yours")
    today = timezone.localdate()
    gap = unit_training_gap(unit=unit, today=today)
    level = request.GET.get("level", "")
    at_level = None
    if level in {"1", "2", "3", "4", "5"}:  # as the gap report judges the unit at that level
        at_level = units_training_at(units=[unit], today=today, level_number=int(level))[unit.pk]
    return render(request, "training/needs/unit.html", {"gap": gap, "at_level": at_level})


@login_required
@require_GET
def hospital_overview(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    hospital, hospitals = hospital_for_request(request, actor)
    if hospital.pk not in actor.communication_units:
        raise PermissionDenied
    overview = hospital_training_overview(hospital_id=hospital.pk, today=timezone.localdate())
    return render(
        request,
        "training/needs/hospital.html",
        {"overview": overview, "hospital": hospital, "hospitals": hospitals},
    )
