"""The answer to a subject access request as a Word document on the council's letterhead, for the person to read.

The document is the draft a manager reviewed, laid out as it stands: each section a heading, each record a small
two-column table of plain-English fields and readable values, page numbers at the foot as every letter has.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.shared import Cm

from fgdm.documents.letterhead import base_document
from fgdm.documents.print_layout import add_page_numbers, keep_headings_with_next
from fgdm.documents.safe_text import set_properties, xml_safe
from fgdm.files import save_private

LANGUAGE = "en_GB"


def write_docx(document: dict[str, Any], path: Path, *, sender: str = "", council_dir: Path | None = None) -> Path:
    """Write the answer owner-readable only: it is the person's own personal data. `sender` (the council and
    its service) says who the answer is from, under the title."""
    document = xml_safe(document)
    doc = base_document(council_dir)
    set_properties(doc, title=document["title"], language=LANGUAGE)
    keep_headings_with_next(doc)
    add_page_numbers(doc.sections[0], LANGUAGE)
    doc.add_heading(document["title"], level=0)
    if sender:
        doc.add_paragraph(xml_safe(sender))
    doc.add_paragraph(f"{document['produced_on']['field']}: {document['produced_on']['text']}.")
    doc.add_paragraph(document["note"])
    for section in document["sections"]:
        doc.add_heading(section["title"], level=1)
        if not section["records"]:
            doc.add_paragraph("None held.")
            continue
        for record in section["records"]:
            table = doc.add_table(rows=0, cols=2)
            table.style = doc.styles["Table Grid"]
            for entry in record:
                cells = table.add_row().cells
                cells[0].width, cells[1].width = Cm(5), Cm(11)
                cells[0].paragraphs[0].add_run(entry["field"]).bold = True
                cells[1].text = entry["text"]
            doc.add_paragraph()
    return save_private(doc, path)
