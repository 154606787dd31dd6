"""Genogram and ecomap drawn as PNG with Pillow, from the same layouts the terminal shows.

Line styles follow the genogram and ecomap conventions: solid for an ordinary tie, a double line for a
close or strong one, dashes for distant or weak, a zigzag for conflict, cross-hatching for stress.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from functools import cache
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont, features

from fgdm.domain.ecomap import EcomapLayout, Spoke
from fgdm.domain.enums import Gender, RelationshipKind, TieQuality
from fgdm.domain.genogram import GenogramLayout, Line, PlacedPerson, gap_middle
from fgdm.domain.network_picture import MemberEntry

INK = (30, 30, 30)
CHILD_FILL = (255, 236, 170)
PAPER = (255, 255, 255)
COLUMN = 8
"""Pixels per text column of the genogram's layout."""
ROW = 16
"""Pixels per text row of the genogram's layout: a 13 px label line, or a symbol."""
MARGIN = 24
SYMBOL = 14
LABEL_SIZE = 13
HOP = 4
"""Pixels a line of descent keeps clear either side where it crosses another family's sibship bar, so the
crossing does not read as a join."""
FONT_FILES = ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
              "/usr/share/fonts/TTF/DejaVuSans.ttf", "LiberationSans-Regular.ttf",
              "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", "Arial.ttf")

Point = tuple[float, float]


@cache
def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans where installed (it has the genogram symbols), else Pillow's own font."""
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def direction_of(text: str) -> str | None:
    """The direction a label is shaped in: that of its first strong letter ("طارق Butt" reads right to left,
    "Tariq بٹ" left to right), so a mixed-script name comes out in its reading order. None where Pillow has
    no libraqm to shape with (its basic layout cannot reorder)."""
    if not features.check("raqm"):
        return None
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def label(draw: ImageDraw.ImageDraw, at: Point, text: str, size: int) -> None:
    """A line of a label, centred at `at` and shaped bidi-aware (libraqm, through Pillow)."""
    draw.text(at, text, fill=INK, font=font(size), anchor="ma", direction=direction_of(text))


def styled_line(draw: ImageDraw.ImageDraw, start: Point, end: Point, quality: TieQuality, width: int = 2) -> None:
    """A line whose pattern says how close the tie is."""
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    nx, ny = -uy, ux
    if quality is TieQuality.CLOSE:
        for offset in (-3, 3):
            draw.line([(x1 + nx * offset, y1 + ny * offset), (x2 + nx * offset, y2 + ny * offset)], INK, width)
    elif quality is TieQuality.DISTANT:
        step = 0.0
        while step < length:
            stop = min(step + 8, length)
            draw.line([(x1 + ux * step, y1 + uy * step), (x1 + ux * stop, y1 + uy * stop)], INK, width)
            step += 14
    elif quality is TieQuality.CONFLICTUAL:
        points, step, side = [(x1, y1)], 6.0, 1
        while step < length:
            points.append((x1 + ux * step + nx * 5 * side, y1 + uy * step + ny * 5 * side))
            step += 6
            side = -side
        points.append((x2, y2))
        draw.line(points, INK, width)
    else:
        draw.line([start, end], INK, width)
        if quality is TieQuality.STRESSFUL:
            step = 10.0
            while step < length - 5:
                cx, cy = x1 + ux * step, y1 + uy * step
                draw.line([(cx - ux * 4 + nx * 6, cy - uy * 4 + ny * 6), (cx + ux * 4 - nx * 6, cy + uy * 4 - ny * 6)],
                          INK, width)
                step += 14


def _png(image: Image.Image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _symbol(draw: ImageDraw.ImageDraw, centre: Point, member: MemberEntry) -> None:
    x, y = centre
    half = SYMBOL / 2
    fill = CHILD_FILL if member.is_child else PAPER
    rings = (0, 4) if member.is_child else (0,)
    for grow in rings:
        box = [x - half - grow, y - half - grow, x + half + grow, y + half + grow]
        if member.gender is Gender.MALE:
            draw.rectangle(box, fill=fill if grow == 0 else None, outline=INK, width=2)
        elif member.gender is Gender.FEMALE:
            draw.ellipse(box, fill=fill if grow == 0 else None, outline=INK, width=2)
        else:
            h = half + grow
            draw.polygon([(x, y - h), (x + h, y), (x, y + h), (x - h, y)], fill=fill if grow == 0 else None,
                         outline=INK, width=2)
    if member.deceased:
        draw.line([(x - half, y - half), (x + half, y + half)], INK, 2)
        draw.line([(x - half, y + half), (x + half, y - half)], INK, 2)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _at(column: float, row: float) -> Point:
    """The centre of a text cell of the layout, in pixels."""
    return (MARGIN + column * COLUMN + COLUMN / 2, MARGIN + row * ROW + ROW / 2)


def draw_genogram(result: GenogramLayout) -> bytes:
    """The genogram as a PNG, cell for cell from the same layout as the terminal: lines of descent, partnership
    lines with their kind (dashed living together, / separated, // divorced) and their quality alongside,
    symbols, and each person's label under their symbol."""
    image = Image.new("RGB", (max(result.width, 20) * COLUMN + 2 * MARGIN, max(result.height, 2) * ROW + 2 * MARGIN),
                      PAPER)
    draw = ImageDraw.Draw(image)
    descents = []
    for line in result.lines:
        if line.kind == "descent":
            points = [_at(*point) for point in line.points]
            if line.points[0][1] != result.people[line.from_ids[0]].y:
                points[0] = (points[0][0], points[0][1] + ROW / 2)
            descents.append(points)
    for points in descents:
        draw.line(points, INK, 2)
    for points in descents:
        for (x1, y1), (x2, y2) in itertools.pairwise(points):
            if x1 == x2 and abs(y2 - y1) > 4 * HOP:
                top, bottom = sorted((y1, y2))
                draw.line([(x1, top + 2 * HOP), (x1, bottom - 2 * HOP)], PAPER, 2 * HOP + 2)
                draw.line([(x1, top + HOP), (x1, bottom - HOP)], INK, 2)
    for line in result.lines:
        if line.kind == "partner":
            _partners(draw, line, result.people[line.from_ids[0]], result.people[line.to_ids[0]])
    for person in result.people.values():
        _symbol(draw, _at(person.x, person.y), person.member)
        for index, text in enumerate(person.label, start=1):
            x, y = _at(person.x, person.y + index)
            draw.text((x, y), text, fill=INK, font=font(LABEL_SIZE), anchor="mm", direction=direction_of(text))
    return _png(image)


def _partners(draw: ImageDraw.ImageDraw, line: Line, first: PlacedPerson, second: PlacedPerson) -> None:
    start, end = _at(*line.points[0]), _at(*line.points[1])
    middle_column = gap_middle(first.x, first.width, second.x, second.width)
    middle = _at(middle_column, first.y)
    if line.relationship is RelationshipKind.PARTNER_OF:
        styled_line(draw, start, end, TieQuality.DISTANT)
    else:
        draw.line([start, end], INK, 2)
    slashes = {RelationshipKind.FORMER_PARTNER_OF: 1, RelationshipKind.DIVORCED_FROM: 2}.get(line.relationship, 0)
    for index in range(slashes):
        mx = middle[0] - COLUMN * 1.5 + (index - (slashes - 1) / 2) * 7
        draw.line([(mx - 5, middle[1] + 8), (mx + 5, middle[1] - 8)], INK, 2)
    if line.quality is not TieQuality.ORDINARY:
        y = middle[1] + ROW * 0.6
        left, right = MARGIN + (first.right + 1.5) * COLUMN, MARGIN + (second.left - 0.5) * COLUMN
        if right - left > COLUMN * 3:
            styled_line(draw, (left, y), (right, y), line.quality)


ECOMAP_SIZE = (1800, 1300)


def draw_ecomap(ecomap: EcomapLayout) -> bytes:
    """The ecomap as a PNG: the child in a circle in the centre, spokes out to each person and agency."""
    width, height = ECOMAP_SIZE
    image = Image.new("RGB", ECOMAP_SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    cx, cy = width / 2, height / 2
    radius = 110
    rx, ry = width / 2 - 230, height / 2 - 110
    for spoke in ecomap.spokes:
        end = (cx + rx * math.sin(spoke.angle), cy - ry * math.cos(spoke.angle))
        start = (cx + radius * math.sin(spoke.angle), cy - radius * math.cos(spoke.angle))
        styled_line(draw, start, end, spoke.tie, 3 if spoke.tie is TieQuality.CLOSE else 2)
        _node(draw, end, spoke)
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=CHILD_FILL, outline=INK, width=3)
    draw.ellipse([cx - radius + 6, cy - radius + 6, cx + radius - 6, cy + radius - 6], outline=INK, width=2)
    names = ecomap.children
    for index, name in enumerate(names):
        label(draw, (cx, cy + (index - len(names) / 2) * 20), name, 15)
    return _png(image)


def _node(draw: ImageDraw.ImageDraw, point: Point, spoke: Spoke) -> None:
    lines = _wrap(spoke.label, 26)
    box_width = max(draw.textlength(line, font=font(13), direction=direction_of(line)) for line in lines) + 14
    box_height = len(lines) * 16 + 10
    x, y = point
    box = [x - box_width / 2, y - box_height / 2, x + box_width / 2, y + box_height / 2]
    if spoke.is_agency:
        draw.rectangle(box, fill=PAPER, outline=INK, width=2)
    else:
        draw.rounded_rectangle(box, radius=10, fill=PAPER, outline=INK, width=2)
    for index, line in enumerate(lines):
        label(draw, (x, box[1] + 5 + index * 16), line, 13)


__all__ = ["LABEL_SIZE", "draw_ecomap", "draw_genogram", "font", "styled_line"]
