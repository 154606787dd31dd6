"""Genogram and ecomap text as Textual content, with the children of the case highlighted."""

from __future__ import annotations

import re

from textual.content import Content

from fgdm.domain.genogram import CHILD_MARK

_CHILD = re.compile(re.escape(CHILD_MARK) + r"[^" + re.escape(CHILD_MARK) + r"]+" + re.escape(CHILD_MARK))
CHILD_STYLE = "bold reverse $accent"


def diagram(lines: list[str]) -> Content:
    """The diagram's lines as one Content; each ║child║ token stands out in the theme's accent."""
    text = "\n".join(lines)
    content = Content(text)
    for match in _CHILD.finditer(text):
        content = content.stylize(CHILD_STYLE, match.start(), match.end())
    return content


__all__ = ["diagram"]
