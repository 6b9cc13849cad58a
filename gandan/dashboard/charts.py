"""The dashboard's charts, drawn on the server as SVG (no script, no CDN): a line for a rate in percent, bars for a
count (a ratio's numerator against its required line). Each chart is an image with its label for screen readers
(`role="img"`, `aria-label`); the page puts the same figures in a table beside it. The looks (colours, strokes) are
classes of gandan.css, never inline styles (the Content-Security-Policy refuses them)."""

import datetime as dt

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from gandan.dashboard.hooks import PERCENT, RATIO
from gandan.dashboard.selectors import Cell, Trend

WIDTH, HEIGHT = 360, 150
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 10, 22


def _scale(points: list[tuple[dt.date, Cell]], unit: str) -> float:
    if unit == PERCENT:
        return 100.0
    tops = [max(c.numerator, c.denominator if unit == RATIO else 0) for _m, c in points]
    return float(max([*tops, 1]))


def trend_svg(trend: Trend, *, months: list[dt.date], label: str) -> SafeString:
    indicator = trend.indicator
    values = dict(trend.points)
    top = _scale(trend.points, indicator.unit)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / max(len(months), 1)

    def y(value: float) -> float:
        return round(TOP + inner_h * (1 - min(value, top) / top), 1)

    parts: list[str] = [
        format_html('<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>', LEFT, y(0), WIDTH - RIGHT, y(0)),
        format_html('<text class="tick" x="{}" y="{}" text-anchor="end">0</text>', LEFT - 4, y(0) + 4),
        format_html(
            '<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>',
            LEFT - 4,
            y(top) + 4,
            "100 %" if indicator.unit == PERCENT else int(top),
        ),
        format_html(
            '<line class="grid" x1="{}" y1="{}" x2="{}" y2="{}"/>', LEFT, y(top), WIDTH - RIGHT, y(top)
        ),
    ]
    line: list[str] = []
    for i, month in enumerate(months):
        x = round(LEFT + step * i + step / 2, 1)
        parts.append(
            format_html(
                '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                x,
                HEIGHT - 6,
                f"{month:%m}",
            )
        )
        cell = values.get(month)
        if cell is None:
            continue
        if indicator.unit == PERCENT:
            if cell.value is None:
                continue
            line.append(f"{x},{y(float(cell.value))}")
            parts.append(
                format_html('<circle class="point" cx="{}" cy="{}" r="3"/>', x, y(float(cell.value)))
            )
        else:
            height = round(y(0) - y(cell.numerator), 1)
            parts.append(
                format_html(
                    '<rect class="bar" x="{}" y="{}" width="{}" height="{}"/>',
                    round(x - step * 0.3, 1),
                    y(cell.numerator),
                    round(step * 0.6, 1),
                    height,
                )
            )
            if indicator.unit == RATIO and cell.denominator:
                parts.append(
                    format_html(
                        '<line class="target" x1="{}" y1="{}" x2="{}" y2="{}"/>',
                        round(x - step * 0.4, 1),
                        y(cell.denominator),
                        round(x + step * 0.4, 1),
                        y(cell.denominator),
                    )
                )
    if len(line) > 1:
        parts.insert(0, format_html('<polyline class="line" points="{}"/>', " ".join(line)))
    body = mark_safe("".join(parts))  # noqa: S308 — every part above is built by format_html
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{}</title>{}</svg>",
        WIDTH,
        HEIGHT,
        label,
        label,
        body,
    )
