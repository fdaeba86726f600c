"""Guideline texts are written in Markdown and shown as HTML that can hold nothing but text formatting.

markdown-it renders CommonMark with raw HTML switched off; nh3 (ammonia) then keeps only the tags and attributes below
and only http(s) and mailto links, so a script, an iframe or a ``javascript:`` link never reaches a reader, whatever
the renderer lets through.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_renderer = MarkdownIt("commonmark", {"html": False}).enable("table")


def _headings_below_page_title(html: str) -> str:
    """The page has its own h1, so a document's top headings (# or ##) become h2: one h1 per page."""
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def markdown_render(text: str) -> SafeString:
    html = _headings_below_page_title(_renderer.render(text or ""))
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308  (sanitised by nh3 just above)
