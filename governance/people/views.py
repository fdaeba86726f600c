"""A unit's people page: the memberships by role with their back-ups, and the forms that staff the unit."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from governance.people.selectors import memberships_by_role, staffable_unit_get, unit_memberships
from governance.permissions import request_actor


@login_required
@require_GET
def unit_people(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = staffable_unit_get(actor=request_actor(request), unit_id=unit_id)
    memberships = unit_memberships(unit=unit)
    context = {"unit": unit, "groups": memberships_by_role(memberships)}
    return render(request, "governance/people/unit_people.html", context)
