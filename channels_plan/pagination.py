from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 50


def page_of(request: HttpRequest, items) -> Page:
    """One page of a long list; a page number out of range gives the last page, nonsense the first."""
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The list's filters, for the page links to carry along."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
