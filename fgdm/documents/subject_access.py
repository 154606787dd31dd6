"""The subject access export as a Word document a person can read: one section per kind of record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document

from fgdm.files import save_private

TITLES = {
    "cases": "Cases you are part of", "network_memberships": "Your place in each family network",
    "as_a_child": "Records about you as a child", "relationships": "Relationships recorded",
    "meetings": "Meetings you were invited to", "offers": "Offers of a family group decision making meeting",
    "letters": "Letters sent to you", "plans_led": "Family plans you lead", "plan_actions": "Plan actions for you",
    "plans_sent_to_them": "Plans sent to you", "support_items": "Support for you",
    "record_history": "Changes to your records",
}


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def write_docx(document: dict[str, Any], path: Path) -> Path:
    doc = Document()
    person = document["person"]
    doc.add_heading(f"Information held about {person['given_name']} {person['family_name']}".strip(), level=0)
    doc.add_paragraph(f"Produced on {document['produced_on']}. {document['note']}")
    doc.add_heading("Your details", level=1)
    table = doc.add_table(rows=0, cols=2)
    for key, value in person.items():
        row = table.add_row().cells
        row[0].text, row[1].text = _label(key), "" if value is None else str(value)
    for key, title in TITLES.items():
        records = document.get(key, [])
        doc.add_heading(title, level=1)
        if not records:
            doc.add_paragraph("None held.")
            continue
        for record in records:
            doc.add_paragraph("; ".join(f"{_label(k)}: {v}" for k, v in record.items() if v not in (None, "")),
                              style="List Bullet")
    return save_private(doc, path)
