from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from channels_plan.calendar.selectors import RECENT_DAYS, recent_window
from channels_plan.pagination import page_of, query_without_page
from governance.models import Unit
from governance.permissions import Actor, request_actor
from monitoring.alerts.selectors import (
    alert_list_for_actor,
    missed_check_alerts,
    missed_check_counts,
    visible_alerts_filter,
)


def _unit_id(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 19 else None


@login_required
@require_GET
def alert_list(request: HttpRequest) -> HttpResponse:
    """The duties not met right now (or, with ?state=closed, those met again), most urgent first; with
    ``?duty=checks&unit=…`` a unit's missed checks of the last 30 days, as the gap report counts them."""
    actor = request_actor(request)
    unit_id = _unit_id(request.GET.get("unit", ""))
    if request.GET.get("duty") == "checks" and unit_id is not None:
        return _missed_checks(request, actor, unit_id)
    is_open = request.GET.get("state") != "closed"
    alerts = alert_list_for_actor(actor=actor, is_open=is_open)
    context = {"page": page_of(request, alerts), "is_open": is_open, "page_query": query_without_page(request)}
    return render(request, "monitoring/alerts/list.html", context)


def _missed_checks(request: HttpRequest, actor: Actor, unit_id: int) -> HttpResponse:
    """A unit's missed checks of the last 30 days; the communication unit's are the whole hospital's (it answers
    the hospital's monitoring duties)."""
    units = Unit.objects.select_related("hospital").filter(pk=unit_id)
    if not actor.user.is_superuser:
        units = units.filter(Q(pk__in=list(actor.unit_roles)) | Q(hospital_id__in=list(actor.communication_units)))
    unit = units.first()
    start, end = recent_window(timezone.localdate())
    if unit is not None and unit.is_communication_unit:
        alerts = missed_check_alerts(hospital_ids=[unit.hospital_id], start=start, end=end)
    else:
        alerts = missed_check_alerts(unit_ids=[unit_id], start=start, end=end)
    alerts = alerts.filter(visible_alerts_filter(actor))
    counts = missed_check_counts(alerts)
    hospital_wide = unit is not None and unit.is_communication_unit
    context = {
        "page": page_of(request, alerts.select_related("hospital", "unit", "channel", "feed").order_by("-opened_at")),
        "page_query": query_without_page(request),
        "duty_unit": unit,
        "hospital_wide": hospital_wide,
        "missed": counts.by_hospital[unit.hospital_id] if hospital_wide else counts.by_unit[unit_id],
        "still_open": counts.open_by_hospital[unit.hospital_id] if hospital_wide else counts.open_by_unit[unit_id],
        "days": RECENT_DAYS,
    }
    return render(request, "monitoring/alerts/missed_checks.html", context)
