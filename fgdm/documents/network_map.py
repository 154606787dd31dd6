"""The printable family network map: genogram and ecomap drawn as images, then the member table.

Two variants come from the same writer. The coordinator's copy carries contact details, safety markers
and statuses. The shareable copy is written from a picture already passed through `make_shareable`, adds
none of those columns, and is checked for any withheld name or address before it is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt

from fgdm.documents import drawing
from fgdm.documents.letterhead import base_document
from fgdm.documents.print_layout import (
    add_page_numbers,
    add_picture,
    body_height,
    footer_line,
    keep_headings_with_next,
    repeat_header_row,
)
from fgdm.documents.safe_text import xml_safe
from fgdm.domain import ecomap, genogram
from fgdm.domain.disclosure import leaks
from fgdm.domain.network_picture import MemberEntry, NetworkPicture
from fgdm.files import save_private
from fgdm.i18n import format_day, locale_for

TABLE_STYLE = "Light Grid Accent 1"
TABLE_TEXT = Pt(9)
"""Wide enough that "responsibility" and a phone number fit their columns whole; still above 8 pt."""
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(29.7), Cm(21.0), Cm(1.5)
GENOGRAM_WIDTH, ECOMAP_WIDTH = Cm(26.5), Cm(21.0)
TITLE_LINES, PICTURE_FURNITURE = Cm(4.2), Cm(3.2)
"""Room the map's title and its lines take on page 1, and a drawing's heading, legend and note below it take:
a drawing gets the rest of its page, so neither its heading nor its legend is pushed onto another page."""
SHAREABLE_NOTE = ("Shareable copy: no contact details, no addresses, and nobody who is not to be told of the "
                  "meeting.")
COORDINATOR_NOTE = ("Coordinator's copy: contains contact details and safety markers. Do not share it with the "
                    "family; print the shareable copy for them.")


class ShareableLeak(RuntimeError):
    """A shareable map would carry text that was withheld; nothing was saved."""


@dataclass(frozen=True)
class MapTable:
    header: list[str]
    rows: list[list[str]]
    widths: list[float]


def language_label(member: MemberEntry) -> str:
    locale = locale_for(member.language)
    name = locale.get_language_name("en_GB") or member.language
    return f"{name}, interpreter needed" if member.interpreter_needed else name


def safety_markers(member: MemberEntry) -> list[str]:
    """The badges a coordinator sees beside a member; never printed on the shareable copy."""
    markers = []
    if member.not_to_be_told:
        markers.append("Not to be told")
    if member.address_confidential:
        markers.append("Address confidential")
    if member.attends_separately:
        markers.append("Attends separately")
    if member.excluded_reason:
        markers.append(f"Excluded: {member.excluded_reason} (decided by {member.excluded_by})")
    return markers


def member_table(picture: NetworkPicture) -> MapTable:
    header = ["Name", "Relationship to the child", "Side", "Household", "Parental responsibility", "Language"]
    widths = [5.0, 5.2, 3.6, 4.2, 3.2, 4.2]
    if not picture.shareable:
        header += ["Status", "Phone and email", "Address", "Safety"]
        widths = [2.9, 2.9, 2.1, 2.3, 2.8, 2.3, 2.0, 3.7, 3.3, 2.4]
    rows = []
    for member in sorted(picture.network, key=lambda m: (list(type(m.side)).index(m.side) if m.side else 9,
                                                         m.name.casefold())):
        row = [member.name + (" (deceased)" if member.deceased else ""), member.relationship_to_child,
               member.side.label if member.side else "", member.household,
               "Yes" if member.parental_responsibility else "No", language_label(member)]
        if not picture.shareable:
            row += [member.contact_status.label if member.contact_status else "",
                    "\n".join(part for part in (member.phone, member.email) if part), member.address,
                    "; ".join(safety_markers(member))]
        rows.append(row)
    return MapTable(header, rows, widths)


def agency_table(picture: NetworkPicture) -> MapTable:
    header = ["Agency", "Kind", "Link to the child"] + ([] if picture.shareable else ["Contact"])
    rows = [[a.name, a.kind.label, a.tie.label] + ([] if picture.shareable else [a.contact])
            for a in picture.agencies]
    return MapTable(header, rows, [9.0, 5.0, 5.0] + ([] if picture.shareable else [7.7]))


def heading_lines(picture: NetworkPicture, printed_on: date) -> list[str]:
    children = ", ".join(child.name for child in picture.children) or "none recorded"
    lines = [f"Family network map: {picture.family_name} family",
             f"Case {picture.reference}. Printed {format_day(printed_on)}. Children: {children}.",
             SHAREABLE_NOTE if picture.shareable else COORDINATOR_NOTE]
    if not picture.shareable:
        consent = (f"{picture.consent_by}, {format_day(picture.consent_on)}" if picture.consent_on
                   else "not recorded: contact needs an override reason")
        lines.append(f"Consent to contact the network: {consent}.")
    return lines


def network_map_text(picture: NetworkPicture, printed_on: date) -> str:
    """Every word the printed map carries, in reading order: the text twin of the .docx."""
    parts = heading_lines(picture, printed_on)
    parts += ["Genogram", *genogram.render_text(genogram.layout(picture))]
    parts += ["Ecomap", *ecomap.render_text(ecomap.layout(picture))]
    for table in (member_table(picture), agency_table(picture)):
        parts += [" | ".join(table.header), *(" | ".join(row) for row in table.rows)]
    return "\n".join(parts)


def _table(document: DocxDocument, table: MapTable) -> None:
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = document.styles[TABLE_STYLE]
    grid.autofit = False
    for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
        cell.text = text
    for values in table.rows:
        for cell, text in zip(grid.add_row().cells, values, strict=True):
            cell.text = text
    for column, width in zip(grid.columns, table.widths, strict=True):
        column.width = Cm(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, table.widths, strict=True):
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = TABLE_TEXT
    repeat_header_row(grid)


def _picture(document: DocxDocument, title: str, png: bytes, legend: str, width: Length, alt: str, *,
             max_height: Length, new_page: bool = False) -> None:
    """A drawing with its heading above and legend below, kept together (so neither is left alone on another
    page), scaled to fit the height the page leaves it; `new_page` starts it on a page of its own."""
    document.add_heading(title, level=1).paragraph_format.page_break_before = new_page
    add_picture(document, png, width=width, max_height=max_height, alt=alt)
    document.add_paragraph(legend).runs[0].font.size = Pt(8)


def build_network_map(picture: NetworkPicture, printed_on: date, council_dir: Path | None = None) -> DocxDocument:
    """The map on the council's letterhead, turned to landscape for the drawings and the wide tables."""
    picture = xml_safe(picture)
    document = base_document(council_dir)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    document.styles["Normal"].font.size = Pt(10)
    footer_line(section, f"{picture.reference}: " + ("shareable copy" if picture.shareable else "coordinator's copy"))
    add_page_numbers(section, "en_GB")
    room = body_height(section) - PICTURE_FURNITURE
    title, *lines = heading_lines(picture, printed_on)
    document.add_heading(title, level=0)
    for line in lines:
        document.add_paragraph(line)
    layout = genogram.layout(picture)
    _picture(document, "Genogram", drawing.draw_genogram(layout), genogram.LEGEND, GENOGRAM_WIDTH,
             alt=f"Genogram of the {picture.family_name} family: " + "; ".join(genogram.render_text(layout)),
             max_height=Length(room - TITLE_LINES))
    if layout.others:
        document.add_paragraph("Also in the network, outside the family tree: "
                               + ", ".join(member.name for member in layout.others))
    eco = ecomap.layout(picture)
    _picture(document, "Ecomap", drawing.draw_ecomap(eco), ecomap.LEGEND, ECOMAP_WIDTH,
             alt=f"Ecomap of the {picture.family_name} family: " + "; ".join(ecomap.render_text(eco)),
             max_height=Length(room), new_page=True)
    document.add_heading("Network members", level=1)
    _table(document, member_table(picture))
    if picture.agencies:
        document.add_heading("Agencies", level=1)
        _table(document, agency_table(picture))
    keep_headings_with_next(document)
    return document


def document_text(document: DocxDocument) -> str:
    """All paragraphs, table cells, headers, footers and pictures' alternative text: what a last-line check and
    tests read."""
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [paragraph.text for paragraph in section.footer.paragraphs]
        parts += [paragraph.text for paragraph in section.header.paragraphs]
    parts += [shape.get("descr", "") for shape in document.element.body.iter(qn("wp:docPr"))]
    return "\n".join(parts)


def write_network_map(picture: NetworkPicture, path: Path, *, printed_on: date,
                      council_dir: Path | None = None) -> Path:
    """Write the map as a private .docx; a shareable one is refused if any withheld text slipped in."""
    document = build_network_map(picture, printed_on, council_dir)
    if picture.shareable:
        found = leaks(document_text(document), list(picture.forbidden))
        if found:
            raise ShareableLeak(f"the shareable map would show {len(found)} withheld name(s) or address(es); "
                                "it was not saved")
    return save_private(document, path)


__all__ = ["ShareableLeak", "build_network_map", "document_text", "network_map_text", "write_network_map"]
