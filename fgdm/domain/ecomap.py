"""The ecomap: the child in the centre, people and agencies around, each link drawn by its strength.

In the terminal the spokes hang off two spines either side of the child (family on the left, the other
side of the family, professionals and agencies on the right); the printed image puts them on a circle.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fgdm.domain.enums import Side, TieQuality
from fgdm.domain.genogram import TIE_CHARS, Canvas, junction, person_token, text_width
from fgdm.domain.network_picture import NetworkPicture

AGENCY_SYMBOL = "▭"
LINK_LENGTH = 6
LEGEND = "═ strong   ─ ordinary   ┄ weak   ~ conflictual   ≈ stressful   ▭ agency"
_LEFT_SIDES = (Side.MATERNAL, Side.FRIENDS_COMMUNITY)


@dataclass(frozen=True)
class Spoke:
    label: str
    tie: TieQuality
    left: bool
    angle: float
    """Radians, clockwise from the top, for the drawn image."""
    is_agency: bool = False


@dataclass(frozen=True)
class EcomapLayout:
    centre: str
    spokes: tuple[Spoke, ...]
    children: tuple[str, ...] = ()
    """The children's names, for the centre of the drawn image."""

    @property
    def left(self) -> list[Spoke]:
        return [spoke for spoke in self.spokes if spoke.left]

    @property
    def right(self) -> list[Spoke]:
        return [spoke for spoke in self.spokes if not spoke.left]


def _member_label(relationship: str, token: str) -> str:
    return f"{token} ({relationship})" if relationship else token


def layout(picture: NetworkPicture, words: Callable[[str], str] = str) -> EcomapLayout:
    """Spokes for every network member and agency; the left half of the circle holds the left spine. Kinds of
    agency are worded through `words` (a catalog's gettext), for a map in the family's language."""
    left: list[tuple[str, TieQuality, bool]] = []
    right: list[tuple[str, TieQuality, bool]] = []
    for side in (Side.MATERNAL, Side.FRIENDS_COMMUNITY, Side.PATERNAL, Side.PROFESSIONAL):
        for member in picture.network:
            if member.side is side:
                entry = (_member_label(member.relationship_to_child, person_token(member)), member.tie, False)
                (left if side in _LEFT_SIDES else right).append(entry)
    for agency in picture.agencies:
        right.append((f"{AGENCY_SYMBOL} {agency.name} ({words(agency.kind.label)})", agency.tie, True))
    spokes = [Spoke(label, tie, False, math.pi * (index + 0.5) / len(right), is_agency)
              for index, (label, tie, is_agency) in enumerate(right)]
    spokes += [Spoke(label, tie, True, math.pi + math.pi * (index + 0.5) / len(left), is_agency)
               for index, (label, tie, is_agency) in enumerate(reversed(left))]
    spokes.sort(key=lambda spoke: (spoke.left, spoke.angle if not spoke.left else -spoke.angle))
    centre = "  ".join(person_token(child) for child in picture.children) or picture.family_name
    return EcomapLayout(centre=centre, spokes=tuple(spokes),
                        children=tuple(child.name for child in picture.children) or (picture.family_name,))


def render_text(ecomap: EcomapLayout, *, with_legend: bool = True) -> list[str]:
    """Two spines beside the child; each member or agency hangs off one by a line of its strength."""
    left, right = ecomap.left, ecomap.right
    count = max(len(left), len(right), 1)
    centre_row = count // 2
    rows = [row for row in range(count + 1) if row != centre_row]
    left_width = max((text_width(spoke.label) for spoke in left), default=0)
    left_spine = left_width + 1 + LINK_LENGTH
    centre_start = left_spine + 2
    right_spine = centre_start + text_width(ecomap.centre) + 1
    canvas = Canvas()
    _spine(canvas, left_spine, {rows[i]: spoke for i, spoke in enumerate(left)}, centre_row, left_side=True)
    _spine(canvas, right_spine, {rows[i]: spoke for i, spoke in enumerate(right)}, centre_row, left_side=False)
    for row, spoke in zip(rows, left, strict=False):
        canvas.put(row, left_width - text_width(spoke.label), spoke.label)
        canvas.put(row, left_width + 1, TIE_CHARS[spoke.tie] * LINK_LENGTH)
    for row, spoke in zip(rows, right, strict=False):
        canvas.put(row, right_spine + 1, TIE_CHARS[spoke.tie] * LINK_LENGTH + " " + spoke.label)
    canvas.put(centre_row, centre_start - 1, " " + ecomap.centre + " ")
    lines = canvas.lines()
    return [*lines, "", LEGEND] if with_legend else lines


def _spine(canvas: Canvas, column: int, spokes: dict[int, Spoke], centre_row: int, *, left_side: bool) -> None:
    if not spokes:
        return
    top = min((*spokes, centre_row))
    bottom = max((*spokes, centre_row))
    for row in range(top, bottom + 1):
        outward = row in spokes
        inward = row == centre_row
        canvas.put(row, column, junction(up=row > top, down=row < bottom,
                                         left=outward if left_side else inward,
                                         right=inward if left_side else outward))


def layout_json(result: EcomapLayout) -> dict[str, Any]:
    """The ecomap for other tools: the child in the centre and each spoke's label, strength, side and angle."""
    return {"view": "ecomap", "centre": result.centre, "children": list(result.children),
            "spokes": [{"label": spoke.label, "tie": spoke.tie.value, "side": "left" if spoke.left else "right",
                        "angle": round(spoke.angle, 4), "agency": spoke.is_agency} for spoke in result.spokes]}


def ecomap_text(picture: NetworkPicture) -> str:
    return "\n".join(render_text(layout(picture)))


__all__ = ["LEGEND", "EcomapLayout", "Spoke", "ecomap_text", "layout", "layout_json", "render_text"]
