"""A grouped bar chart of measures across quarters, drawn as PNG with Pillow for the manager's summary."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1400, 700
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 90, 30, 60, 170
PALETTE = ("#1f5f8b", "#e07b39", "#3a8f5c", "#8e5ea2", "#c8a400", "#7f7f7f")
INK, GRID = "#222222", "#d9d9d9"


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _nice_top(highest: float) -> float:
    """A round number at or above the highest bar, so the gridlines read well."""
    if highest <= 0:
        return 1.0
    step = 1.0
    while step * 10 < highest:
        step *= 10
    for multiple in (1, 2, 5, 10):
        if step * multiple >= highest:
            return step * multiple
    return step * 10


def bar_chart_png(title: str, quarters: Sequence[str], series: Mapping[str, Sequence[float | int | None]]) -> bytes:
    """One group of bars per quarter, one colour per measure, a legend below; missing values draw nothing."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN_LEFT, 18), title, fill=INK, font=_font(26))
    plot_w, plot_h = WIDTH - MARGIN_LEFT - MARGIN_RIGHT, HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    values = [float(v) for column in series.values() for v in column if v is not None]
    top = _nice_top(max(values, default=0.0))
    small = _font(18)
    for tick in range(6):
        y = MARGIN_TOP + plot_h - plot_h * tick / 5
        draw.line([(MARGIN_LEFT, y), (WIDTH - MARGIN_RIGHT, y)], fill=GRID, width=1)
        label = f"{top * tick / 5:g}"
        draw.text((MARGIN_LEFT - 10 - draw.textlength(label, font=small), y - 10), label, fill=INK, font=small)
    group_w = plot_w / max(len(quarters), 1)
    bar_w = group_w * 0.8 / max(len(series), 1)
    for q, quarter in enumerate(quarters):
        x0 = MARGIN_LEFT + q * group_w + group_w * 0.1
        for s, column in enumerate(series.values()):
            value = column[q] if q < len(column) else None
            if value is None:
                continue
            height = plot_h * float(value) / top
            left = x0 + s * bar_w
            draw.rectangle([(left, MARGIN_TOP + plot_h - height), (left + bar_w - 2, MARGIN_TOP + plot_h)],
                           fill=PALETTE[s % len(PALETTE)])
        label_x = MARGIN_LEFT + q * group_w + (group_w - draw.textlength(quarter, font=small)) / 2
        draw.text((label_x, MARGIN_TOP + plot_h + 8), quarter, fill=INK, font=small)
    draw.line([(MARGIN_LEFT, MARGIN_TOP + plot_h), (WIDTH - MARGIN_RIGHT, MARGIN_TOP + plot_h)], fill=INK, width=2)
    legend_y = MARGIN_TOP + plot_h + 50
    for s, name in enumerate(series):
        y = legend_y + s * 26
        draw.rectangle([(MARGIN_LEFT, y + 3), (MARGIN_LEFT + 18, y + 21)], fill=PALETTE[s % len(PALETTE)])
        draw.text((MARGIN_LEFT + 28, y), name, fill=INK, font=small)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
