"""Bar charts as server-side SVG: the geometry here, the markup in templates/stats/includes/.

Each series has a colour and a pattern (solid, stripes, dots, ...), so the series are told apart
without colour; every colour has at least 4.5:1 contrast against white (WCAG 1.4.11 asks 3:1)
and the white pattern marks show against it. The numbers are always in a table beside the chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils import dateformat

from .selectors import TOTAL, Table
from .suppression import decimal

# (colour, pattern) per series, in order; patterns are defined once per page (chart_defs.html).
SERIES = [
    ("#1d4e89", "solid"),
    ("#a33c00", "stripes"),
    ("#2b6a30", "dots"),
    ("#6b2c91", "lines"),
    ("#00696b", "grid"),
    ("#7a4a00", "columns"),
    ("#8a1538", "back-stripes"),
    ("#3d4a57", "checks"),
]

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 24, 44


@dataclass(frozen=True)
class Style:
    index: int
    colour: str
    pattern: str

    @property
    def fill(self) -> str:
        return f"url(#stats-pattern-{self.index})"


def styles() -> list[Style]:
    return [Style(i, colour, pattern) for i, (colour, pattern) in enumerate(SERIES)]


def style(index: int) -> Style:
    colour, pattern = SERIES[index % len(SERIES)]
    return Style(index % len(SERIES), colour, pattern)


def nice_maximum(value: int) -> int:
    """The axis' top: 1, 2, 2.5 or 5 times a power of ten, at least `value` (and at least 5)."""
    if value <= 5:
        return 5
    power = 10 ** math.floor(math.log10(value))
    return next(int(step * power) for step in (1, 2, 2.5, 5, 10) if value <= step * power)


def monthly_stacked(table: Table, months, *, totals: bool = True) -> dict:
    """Stacked bars, one per month, one segment per column (category) of `table`."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    columns = table.columns
    bar_totals = [sum(table.count(row, key) for key, _l in columns) for row, _label in table.rows]
    top = nice_maximum(max(bar_totals, default=0))
    slot = plot_w / max(len(table.rows), 1)
    bar_w = max(min(slot * 0.7, 48), 2)
    every = math.ceil(len(table.rows) / 12)  # at most about twelve month labels
    bars = []
    for i, ((row, _label), month) in enumerate(zip(table.rows, months, strict=True)):
        x = LEFT + i * slot + (slot - bar_w) / 2
        y: float = TOP + plot_h
        segments = []
        for j, (key, label) in enumerate(columns):
            n = table.count(row, key)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            segments.append(
                {"y": round(y, 1), "height": round(h, 1), "style": style(j), "label": label, "n": n}
            )
        labelled = i % every == 0
        bars.append(
            {
                "x": round(x, 1),
                "width": round(bar_w, 1),
                "centre": round(x + bar_w / 2, 1),
                "segments": segments,
                "total": bar_totals[i],
                "total_y": round(y - 4, 1),
                "month": dateformat.format(month, "M") if labelled else "",
                "year": month.year if labelled and (i == 0 or month.month == 1) else "",
            }
        )
    ticks = [
        {"value": v, "y": round(TOP + plot_h - plot_h * v / top, 1), "label_x": LEFT - 6}
        for v in range(0, top + 1, max(top // 5, 1))
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "baseline": TOP + plot_h,
        "month_y": TOP + plot_h + 16,
        "year_y": TOP + plot_h + 32,
        "bars": bars,
        "ticks": ticks,
        "show_totals": totals and bar_w >= 16,
        "legend": [{"label": label, "style": style(j)} for j, (_k, label) in enumerate(columns)],
        "total": table.count(TOTAL, TOTAL),
    }


def shares(table: Table, key: str = "share") -> dict:
    """Horizontal bars from 0 to 100 %, one per row of `table`, for its derived `key` (a share)."""
    left, bar_w, row_h, top = 24, WIDTH - 120, 56, 8
    rows = []
    for i, (row, label) in enumerate(table.rows):
        derived = table.derived_values.get((row, key))
        value = derived.value if derived is not None else None
        width = 0 if value is None else bar_w * value / 100
        y = top + i * row_h
        rows.append(
            {
                "label": label,
                "label_y": y + 14,
                "y": y + 22,
                "height": 20,
                "width": round(width, 1),
                "value": None if value is None else decimal(value),
                "base": derived.base if derived is not None else 0,
                "text_x": round(left + width + 6, 1),
                "text_y": y + 37,
                "style": style(i),
            }
        )
    plot_bottom = top + len(rows) * row_h
    return {
        "width": WIDTH,
        "height": plot_bottom + 24,
        "left": left,
        "bar_width": bar_w,
        "top": top,
        "plot_bottom": plot_bottom,
        "axis_label_y": plot_bottom + 16,
        "rows": rows,
        "quarters": [
            {"x": round(left + bar_w * q / 100, 1), "label": q} for q in (0, 25, 50, 75, 100)
        ],
    }
