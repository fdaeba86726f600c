from django import template

from governance.models import text_language

register = template.Library()


@register.simple_tag
def text_lang() -> str:
    """The ``lang`` of bilingual texts (Danish original or English) under the active UI language."""
    return text_language()
