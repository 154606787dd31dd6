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
from docx.text.paragraph import Paragraph

from fgdm.documents.direction import is_right_to_left, make_right_to_left
from fgdm.documents.letterhead import base_document
from fgdm.documents.print_layout import add_page_numbers, keep_headings_with_next
from fgdm.documents.rendering import Block, layout_blocks
from fgdm.documents.safe_text import set_properties
from fgdm.files import save_private


def _add_block(document: Document, block: Block) -> Paragraph:  # type: ignore[valid-type]
    paragraph = document.add_paragraph()
    paragraph._p.style = block.style  # by id: finding a style by name reads every style, each time
    if len(block.lines) > 1:
        paragraph.paragraph_format.keep_together = True  # an address or signature block never splits
    for index, line in enumerate(block.lines):
        run = paragraph.add_run(line)
        if index < len(block.lines) - 1:
            run.add_break()
    return paragraph


def build_letter(text: str, *, language: str, title: str,
                 council_dir: Path | None = None) -> Document:  # type: ignore[valid-type]
    """The letter on the council's letterhead (its page, fonts, header and footer), body from the text."""
    document = base_document(council_dir)
    set_properties(document, title=title, language=language)
    section = document.sections[0]
    keep_headings_with_next(document)
    add_page_numbers(section, language)
    blocks = layout_blocks(text)
    for index, block in enumerate(blocks):
        paragraph = _add_block(document, block)
        if len(block.lines) == 1 and index + 1 < len(blocks) and len(blocks[index + 1].lines) > 1:
            paragraph.paragraph_format.keep_with_next = True  # "Yours sincerely," goes over with the signature
    if is_right_to_left(language):
        make_right_to_left(document, language)
    return document


def write_letter(text: str, target: Path, *, language: str, title: str, council_dir: Path | None = None) -> Path:
    """Write the .docx atomically, readable by its owner only: letters carry personal data."""
    return save_private(build_letter(text, language=language, title=title, council_dir=council_dir), target)
