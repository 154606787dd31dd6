"""Lays out a rendered letter as a .docx that Word and LibreOffice open, right to left where the language is.

Templates produce plain text in a small layout language that a council's editor can learn in a minute:
- a line starting ``# `` is the letter's heading, ``## `` a section heading;
- a line starting ``- `` is a bullet point;
- a blank line ends a paragraph; the lines of one paragraph (an address block) stay on separate lines.

The file is written to a temporary name beside the target and moved into place, so a failure never
leaves half a letter behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from babel import Locale
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from fgdm.documents.rendering import BULLET, HEADING_1, HEADING_2
from fgdm.i18n import locale_for


def is_right_to_left(language: str) -> bool:
    locale: Locale = locale_for(language)
    return locale.character_order == "right-to-left"


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


_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
               "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
"""Where each element goes in its parent: Word rejects a document whose properties are out of schema order."""


def _set_rtl(paragraph: Paragraph, language: str) -> None:
    """Paragraph direction (w:bidi) and run direction (w:rtl), with the language for complex scripts."""
    paragraph._p.get_or_add_pPr().insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
    locale = locale_for(language)
    tag = f"{locale.language}-{locale.territory}" if locale.territory else locale.language
    for run in paragraph.runs:
        run_properties = run._r.get_or_add_rPr()
        run_properties.insert_element_before(OxmlElement("w:rtl"), *_AFTER_RTL)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:bidi"), tag)
        run_properties.insert_element_before(lang, *_AFTER_LANG)


def _add_block(document: Document, lines: list[str]) -> Paragraph:  # type: ignore[valid-type]
    first = lines[0]
    if first.startswith(HEADING_1):
        return document.add_heading(first[len(HEADING_1):].strip(), level=1)
    if first.startswith(HEADING_2):
        return document.add_heading(first[len(HEADING_2):].strip(), level=2)
    if first.startswith(BULLET):
        return document.add_paragraph(first[len(BULLET):].strip(), style="List Bullet")
    paragraph = document.add_paragraph()
    for index, line in enumerate(lines):
        run = paragraph.add_run(line.strip())
        if index < len(lines) - 1:
            run.add_break()
    return paragraph


def build_letter(text: str, *, language: str, title: str) -> Document:  # type: ignore[valid-type]
    document = Document()
    document.core_properties.title = title
    document.core_properties.language = language.replace("_", "-")
    style = document.styles["Normal"]
    style.font.size = Pt(11)
    rtl = is_right_to_left(language)
    for lines in _blocks(text):
        paragraph = _add_block(document, lines)
        if rtl:
            _set_rtl(paragraph, language)
    return document


def write_letter(text: str, target: Path, *, language: str, title: str) -> Path:
    """Write the .docx atomically, readable by its owner only: letters carry personal data."""
    document = build_letter(text, language=language, title=title)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".fgdm-", suffix=".docx", dir=target.parent)
    os.close(handle)
    try:
        document.save(temporary)
        os.chmod(temporary, 0o600)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
