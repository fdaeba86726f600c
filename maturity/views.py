from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from maturity.selectors import level_detail, scale_matrix


@login_required
@require_GET
def scale_overview(request: HttpRequest) -> HttpResponse:
    return render(request, "maturity/scale_overview.html", scale_matrix())


@login_required
@require_GET
def level_page(request: HttpRequest, number: int) -> HttpResponse:
    return render(request, "maturity/level_detail.html", level_detail(number=number))
