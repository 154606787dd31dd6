"""The council's letterhead: one Word document every letter, plan and map is written into.

A council supplies ``letterhead.docx`` (its logo and address block in the header, its fonts in the styles,
its footer) in its template folder (``template_dir``); without one the plain shipped letterhead is used.
python-docx opens it as the base document and its body is emptied, so the council's header, footer, page
set-up and styles carry into every document while fgdm writes the body. Styles fgdm relies on that the
council's file lacks (Word saves only the styles a document uses) are copied in from python-docx's own
template, so a heading or a table never silently falls back to plain text.
"""

from __future__ import annotations

from copy import deepcopy
from functools import cache
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from fgdm.documents.rendering import shipped_templates_dir

LETTERHEAD = "letterhead.docx"
NEEDED_STYLES = ("Normal", "Title", "Heading1", "Heading2", "Heading3", "ListBullet", "TableGrid",
                 "LightGrid-Accent1", "LightListAccent1", "LightList-Accent1")


def letterhead_path(council_dir: Path | None) -> Path:
    """The council's letterhead where its template folder has one, else the shipped plain one."""
    if council_dir is not None and (council_dir / LETTERHEAD).is_file():
        return council_dir / LETTERHEAD
    return shipped_templates_dir() / LETTERHEAD


@cache
def _default_styles() -> dict[str, object]:
    styles = Document().styles.element
    return {style.get(qn("w:styleId")): style for style in styles.iter(qn("w:style"))}


def base_document(council_dir: Path | None) -> DocxDocument:
    """A new document on the council's letterhead: its header, footer, page set-up and styles, an empty body."""
    document = Document(str(letterhead_path(council_dir)))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    styles = document.styles.element
    present = {style.get(qn("w:styleId")) for style in styles.iter(qn("w:style"))}
    for style_id, style in _default_styles().items():
        if style_id in NEEDED_STYLES and style_id not in present:
            styles.append(deepcopy(style))
    properties = document.core_properties
    properties.title = properties.subject = properties.comments = properties.keywords = properties.author = ""
    return document
