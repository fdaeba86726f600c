"""Figures on the metric pages in the reader's locale: 1.234 in Danish, 1,234 in English; percentages; changes."""

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from metrics.charts import number

register = template.Library()


@register.filter
def metric_number(value) -> str:
    """A figure, or a dash for no data (the page says "no data" in words beside it where it matters)."""
    return "–" if value is None else number(value)


@register.filter
def metric_percent(value) -> str:
    """A share (0.031) as a percentage (3,1 %)."""
    if value is None:
        return "–"
    return f"{formats.number_format(value * 100, decimal_pos=1, force_grouping=True)} %"


@register.filter
def metric_change(current, previous) -> str:
    """How much a figure changed from the previous period, in words a screen reader reads the same way."""
    if current is None or previous is None:
        return _("no comparison")
    difference = current - previous
    if difference == 0:
        return _("unchanged")
    shown = number(abs(difference)) if isinstance(difference, int) else number(abs(round(difference * 100, 1)))
    if not isinstance(difference, int):
        shown = _("%(points)s percentage points") % {"points": shown}
    return (_("up %(amount)s") if difference > 0 else _("down %(amount)s")) % {"amount": shown}


@register.filter
def get_figure(values: dict, name: str):
    """One figure of a day's figures by name."""
    return values.get(name)
