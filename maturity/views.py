from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from maturity.config.permissions import may_configure_scale
from maturity.selectors import level_detail, role_catalogue, scale_matrix


@login_required
@require_GET
def scale_overview(request: HttpRequest) -> HttpResponse:
    return render(request, "maturity/scale_overview.html", scale_matrix())


@login_required
@require_GET
def level_page(request: HttpRequest, number: int) -> HttpResponse:
    context = {**level_detail(number=number), "may_configure": may_configure_scale(request.user)}
    return render(request, "maturity/level_detail.html", context)


@login_required
@require_GET
def role_catalogue_page(request: HttpRequest) -> HttpResponse:
    context = {**role_catalogue(), "may_configure": may_configure_scale(request.user)}
    return render(request, "maturity/role_catalogue.html", context)
