from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from channels_plan.pagination import page_of, query_without_page
from governance.permissions import request_actor
from monitoring.alert_selectors import alert_list_for_actor


@login_required
@require_GET
def alert_list(request: HttpRequest) -> HttpResponse:
    """The duties not met right now (or, with ?state=closed, those met again), most urgent first."""
    is_open = request.GET.get("state") != "closed"
    alerts = alert_list_for_actor(actor=request_actor(request), is_open=is_open)
    context = {"page": page_of(request, alerts), "is_open": is_open, "page_query": query_without_page(request)}
    return render(request, "monitoring/alerts/list.html", context)
