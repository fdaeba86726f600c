"""Server-rendered SVG charts for the metric dashboards: no JavaScript, readable without colour.

The current period is a solid line with round markers, the previous period a dashed line with square markers, and
each line carries its name at its end; bars carry their value. Each chart has ``role="img"`` and a ``<title>``, and
the page shows its data as a table beside it.
"""

from collections.abc import Sequence

from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 120, 16, 32


def number(value: float | int | None) -> str:
    """A figure in the active locale's format (1.234 in Danish), or an empty string."""
    if value is None:
        return ""
    return formats.number_format(value, decimal_pos=0 if isinstance(value, int) else 1, force_grouping=True)


def _scale(values: Sequence[float | None]) -> tuple[float, float]:
    present = [value for value in values if value is not None]
    if not present:
        return 0.0, 1.0
    low, high = min(min(present), 0), max(present)
    return low, high if high > low else low + 1


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT
    return LEFT + (inner * index / (count - 1) if count > 1 else inner / 2)


def _y(value: float, low: float, high: float) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner - inner * (value - low) / (high - low)


def _at(coordinate: float) -> str:
    return f"{coordinate:.1f}"


def _axes(low: float, high: float, first_label: str, last_label: str) -> SafeString:
    bottom = HEIGHT - BOTTOM
    return format_html(
        '<g class="metric-chart__axes" aria-hidden="true">'
        '<line x1="{}" y1="{}" x2="{}" y2="{}"/><line x1="{}" y1="{}" x2="{}" y2="{}"/>'
        '<text x="{}" y="{}" text-anchor="end">{}</text><text x="{}" y="{}" text-anchor="end">{}</text>'
        '<text x="{}" y="{}">{}</text><text x="{}" y="{}" text-anchor="end">{}</text></g>',
        LEFT, TOP, LEFT, bottom, LEFT, bottom, WIDTH - RIGHT, bottom,
        LEFT - 6, TOP + 4, number(high), LEFT - 6, bottom, number(low),
        LEFT, HEIGHT - 10, first_label, WIDTH - RIGHT, HEIGHT - 10, last_label,
    )  # fmt: skip


def _line(values: Sequence[float | None], low: float, high: float, *, css: str, marker: str, label: str) -> str:
    points = [(_x(i, len(values)), _y(v, low, high)) for i, v in enumerate(values) if v is not None]
    if not points:
        return ""
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    if marker == "circle":
        markers = format_html_join("", '<circle cx="{}" cy="{}" r="3"/>', points)
    else:
        markers = format_html_join(
            "", '<rect x="{}" y="{}" width="6" height="6"/>', ((x - 3, y - 3) for x, y in points)
        )
    last_x, last_y = points[-1]
    return format_html(
        '<g class="metric-chart__series metric-chart__series--{}"><polyline points="{}" fill="none"/>{}'
        '<text class="metric-chart__label" x="{}" y="{}">{}</text></g>',
        css, path, markers, _at(last_x + 8), _at(last_y + 4), label,
    )  # fmt: skip


def line_chart(
    *,
    chart_id: str,
    title: str,
    current: Sequence[float | None],
    previous: Sequence[float | None],
    current_label: str,
    previous_label: str,
    first_label: str,
    last_label: str,
) -> SafeString:
    """The current period against the previous one (dashed), day by day."""
    low, high = _scale([*current, *previous])
    return format_html(
        '<svg class="metric-chart" role="img" aria-labelledby="{}-title" viewBox="0 0 {} {}" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>{}{}{}</svg>',
        chart_id, WIDTH, HEIGHT, chart_id, title,
        _axes(low, high, first_label, last_label),
        mark_safe(_line(previous, low, high, css="previous", marker="square", label=previous_label)),  # noqa: S308
        mark_safe(_line(current, low, high, css="current", marker="circle", label=current_label)),  # noqa: S308
    )  # fmt: skip


def bar_chart(
    *, chart_id: str, title: str, values: Sequence[int | None], first_label: str, last_label: str
) -> SafeString:
    """One bar per day; a day without data has no bar (not a zero bar)."""
    low, high = _scale(values)
    count = len(values)
    slot = (WIDTH - LEFT - RIGHT) / max(count, 1)
    bottom = _y(0, low, high)
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>',
        (
            (
                LEFT + index * slot + slot * 0.15,
                _y(value, low, high),
                slot * 0.7,
                bottom - _y(value, low, high),
                number(value),
            )
            for index, value in enumerate(values)
            if value is not None
        ),
    )
    return format_html(
        '<svg class="metric-chart metric-chart--bars" role="img" aria-labelledby="{}-title" viewBox="0 0 {} {}" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>{}'
        '<g class="metric-chart__bars">{}</g></svg>',
        chart_id, WIDTH, HEIGHT, chart_id, title, _axes(low, high, first_label, last_label), bars,
    )  # fmt: skip
