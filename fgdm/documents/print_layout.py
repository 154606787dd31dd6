"""What makes a document print well, shared by letters, plans and maps: page numbers, table header rows that
repeat, headings kept with what follows them, and pictures scaled to the page with alternative text.

All of it is Word's own markup, so Word and LibreOffice both obey it when they lay the pages out.
"""

from __future__ import annotations

import re
from io import BytesIO

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Length, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from fgdm.documents.safe_text import bounded
from fgdm.i18n import translations

HEADING_STYLES = ("Title", "Heading1", "Heading2", "Heading3")
_FIELD = re.compile(r"(\{page\}|\{pages\})")


def page_label(language: str) -> str:
    """"Page {page} of {pages}" in the document's language (from the printed documents' catalog)."""
    return translations(language, "plans").gettext("Page {page} of {pages}")


def footer_line(section: Section, text: str = "", *, size: Length = Pt(8)) -> Paragraph:
    """A new line at the foot of every page, below whatever the council's letterhead puts there."""
    footer = section.footer
    last = footer.paragraphs[-1] if footer.paragraphs else None
    paragraph = last if last is not None and not last.text and not last.runs else footer.add_paragraph()
    if text:
        paragraph.add_run(text).font.size = size
    return paragraph


def add_page_numbers(section: Section, language: str, *, size: Length = Pt(8)) -> Paragraph:
    """A footer line "Page 2 of 5", the numbers as fields that Word and LibreOffice fill in when they print."""
    paragraph = footer_line(section, size=size)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in _FIELD.split(page_label(language)):
        if piece == "{page}":
            _field(paragraph, "PAGE", size)
        elif piece == "{pages}":
            _field(paragraph, "NUMPAGES", size)
        elif piece:
            paragraph.add_run(piece).font.size = size
    return paragraph


def _field(paragraph: Paragraph, code: str, size: Length) -> None:
    """A simple field (PAGE, NUMPAGES) with a placeholder result that the reader replaces."""
    run = paragraph.add_run("1")
    run.font.size = size
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), f" {code} \\* MERGEFORMAT ")
    run._r.addprevious(simple)
    simple.append(run._r)


LINE = Cm(0.6)
"""About the height of one line of header or footer text, for working out what a page leaves its body."""


def body_height(section: Section) -> Length:
    """The height a page leaves for its body: within the margins, less any header or footer (the council's
    letterhead and fgdm's own lines) that reaches past them."""
    header = section.header_distance + LINE * len(section.header.paragraphs)
    footer = section.footer_distance + LINE * len(section.footer.paragraphs)
    return Length(section.page_height - max(section.top_margin, header) - max(section.bottom_margin, footer))


def repeat_header_row(table: Table) -> None:
    """The first row repeats at the top of every page the table runs onto; no row splits across pages."""
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        if properties.find(qn("w:cantSplit")) is None:
            properties.append(OxmlElement("w:cantSplit"))
        if index == 0 and properties.find(qn("w:tblHeader")) is None:
            properties.append(OxmlElement("w:tblHeader"))


def keep_headings_with_next(document: DocxDocument) -> None:
    """Every heading style keeps with the paragraph after it, so no page ends with a lone heading, and
    paragraphs leave no single line alone at the top or foot of a page."""
    styles = document.styles
    for style_id in HEADING_STYLES:
        style = next((s for s in styles if s.style_id == style_id), None)
        if style is not None:
            style.paragraph_format.keep_with_next = True
            style.paragraph_format.keep_together = True
    styles["Normal"].paragraph_format.widow_control = True


def add_picture(document: DocxDocument, png: bytes, *, width: Length, max_height: Length, alt: str) -> Paragraph:
    """The picture at `width`, or smaller so it fits `max_height`, with alternative text for screen readers,
    in a paragraph that keeps with the next one (its legend)."""
    from PIL import Image

    with Image.open(BytesIO(png)) as image:
        pixels_wide, pixels_high = image.size
    height = int(width * pixels_high / max(pixels_wide, 1))
    if height > max_height:
        width, height = Length(int(max_height * pixels_wide / max(pixels_high, 1))), max_height
    document.add_picture(BytesIO(png), width=width)
    paragraph = document.paragraphs[-1]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    for described in paragraph._p.iter(qn("wp:docPr")):
        described.set("descr", bounded(alt, 1000))
        described.set("title", bounded(alt.split(".")[0], 120))
    return paragraph
