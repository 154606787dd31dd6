"""Genogram and ecomap text as Textual content, with the children of the case highlighted.

The genogram is drawn cell for cell from the same layout as the printed one (box-drawing lines, one-cell
symbols); it sits in a scrolling container, so a terminal narrower than the drawing pans with the arrow keys.
"""

from __future__ import annotations

import re

from textual.content import Content

from fgdm.domain.genogram import CHILD_MARK, GenogramLayout, render_text, text_width

_CHILD = re.compile(re.escape(CHILD_MARK) + r"[^" + re.escape(CHILD_MARK) + r"]+" + re.escape(CHILD_MARK))
CHILD_STYLE = "bold reverse $accent"


def diagram(lines: list[str]) -> Content:
    """The diagram's lines as one Content; each ║child║ token stands out in the theme's accent."""
    text = "\n".join(lines)
    content = Content(text)
    for match in _CHILD.finditer(text):
        content = content.stylize(CHILD_STYLE, match.start(), match.end())
    return content


def _index_at(line: str, column: int) -> int:
    """The index in `line` of the character drawn at display column `column`."""
    seen = 0
    for index, char in enumerate(line):
        if seen >= column:
            return index
        seen += text_width(char)
    return len(line)


def genogram_diagram(result: GenogramLayout) -> Content:
    """The genogram with lines; each child's symbol and label stand out in the theme's accent."""
    lines = render_text(result)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    content = Content("\n".join(lines))
    for person in result.people.values():
        if not person.member.is_child:
            continue
        texts = [(person.y, person.x, 1)] + [(person.y + index, person.x - text_width(text) // 2, len(text))
                                             for index, text in enumerate(person.label, start=1)]
        for row, column, length in texts:
            begin = starts[row] + _index_at(lines[row], column)
            content = content.stylize(CHILD_STYLE, begin, begin + length)
    return content


__all__ = ["diagram", "genogram_diagram"]
