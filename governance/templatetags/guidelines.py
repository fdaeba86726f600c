from django import template

from governance.markdown import markdown_render

register = template.Library()


@register.filter
def markdown(text: str):
    """A guideline text rendered from Markdown and sanitised (see governance.markdown)."""
    return markdown_render(text)
