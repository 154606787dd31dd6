"""Lays out a rendered letter as a .docx that Word and LibreOffice open, right to left where the language is.

Templates produce plain text in a small layout language that a council's editor can learn in a minute:
- a line starting ``# `` is the letter's heading, ``## `` a section heading;
- a line starting ``- `` is a bullet point;
- a blank line ends a paragraph; the lines of one paragraph (an address block) stay on separate lines.

The file is written to a temporary name beside the target and moved into place, so a failure never
leaves half a letter behind.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Pt

from fgdm.documents.direction import is_right_to_left, make_right_to_left
from fgdm.documents.rendering import BULLET, HEADING_1, HEADING_2
from fgdm.files import save_private


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = raw.rstrip()
        starts_own_block = line.startswith((HEADING_1, HEADING_2, BULLET))
        if not line.strip() or (starts_own_block and current):
            if current:
                blocks.append(current)
            current = []
        if line.strip():
            current.append(line)
            if starts_own_block:
                blocks.append(current)
                current = []
    if current:
        blocks.append(current)
    return blocks


def _add_block(document: Document, lines: list[str]) -> None:  # type: ignore[valid-type]
    first = lines[0]
    for marker, style_id in ((HEADING_1, "Heading1"), (HEADING_2, "Heading2"), (BULLET, "ListBullet")):
        if first.startswith(marker):
            paragraph = document.add_paragraph(first[len(marker):].strip())
            paragraph._p.style = style_id  # by id: finding a style by name reads every style, each time
            return
    paragraph = document.add_paragraph()
    for index, line in enumerate(lines):
        run = paragraph.add_run(line.strip())
        if index < len(lines) - 1:
            run.add_break()


def build_letter(text: str, *, language: str, title: str) -> Document:  # type: ignore[valid-type]
    document = Document()
    document.core_properties.title = title
    document.core_properties.language = language.replace("_", "-")
    style = document.styles["Normal"]
    style.font.size = Pt(11)
    for lines in _blocks(text):
        _add_block(document, lines)
    if is_right_to_left(language):
        make_right_to_left(document, language)
    return document


def write_letter(text: str, target: Path, *, language: str, title: str) -> Path:
    """Write the .docx atomically, readable by its owner only: letters carry personal data."""
    return save_private(build_letter(text, language=language, title=title), target)
