from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from maturity.models import Level


@require_GET
def floor(request: HttpRequest) -> HttpResponse:
    """The least a page can cost here: the whole middleware stack, one query and a small template.

    It renders without the request's context processors, so it reads neither the session nor the user: the
    main pages' p50 is compared with this one.
    """
    levels = list(Level.objects.order_by("number").values_list("number", "name_da"))
    return HttpResponse(render_to_string("benchmark/floor.html", {"levels": levels}))
