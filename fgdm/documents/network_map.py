"""The printable family network map: genogram and ecomap drawn as images, then the member table.

Two variants come from the same writer. The coordinator's copy carries contact details, safety markers
and statuses. The shareable copy is written from a picture already passed through `make_shareable`, adds
none of those columns, and is checked for any withheld name or address before it is saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from gettext import NullTranslations
from io import BytesIO
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Length, Pt
from PIL import Image

from fgdm.documents import drawing
from fgdm.documents.direction import is_right_to_left, make_right_to_left
from fgdm.documents.genogram_engine import genogram_layout
from fgdm.documents.letterhead import base_document
from fgdm.documents.print_layout import (
    add_page_numbers,
    add_picture,
    body_height,
    footer_line,
    keep_headings_with_next,
    repeat_header_row,
)
from fgdm.documents.relationship_words import DocumentWords, relationship_words
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
MIN_TEXT_POINTS = 8
"""A genogram whose names would print smaller than this under the map's title starts a page of its own; one
still too wide for that is printed on an A3 page (landscape), the size councils' printers take for a family
tree of five generations or a dozen cousins."""
A3_WIDTH, A3_HEIGHT = Cm(42.0), Cm(29.7)
LEGEND_LINE, LEGEND_LINE_RTL, LEGEND_LINE_HEIGHT = 210, 120, Cm(0.55)
"""Characters of legend one 8 pt line holds across the landscape page (fewer in Urdu), and the height of one."""
RTL_LINES = Cm(1.5)
"""Urdu's Naskh letters stand taller than Latin ones: the map's title lines take this much more of page 1."""
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


ENGLISH = NullTranslations()
_HOUSEHOLD_LETTER = re.compile(r"^Household (?P<letter>[A-Z]+)$")


def language_label(member: MemberEntry, words: NullTranslations = ENGLISH) -> str:
    """The member's language named in the document's language ("Polish" in English, "polski" in Polish)."""
    language = getattr(words, "language", "en_GB")
    name = locale_for(member.language).get_language_name(locale_for(language)) or member.language
    return words.gettext("{language}, interpreter needed").format(language=name) if member.interpreter_needed \
        else name


def safety_markers(member: MemberEntry, words: NullTranslations = ENGLISH) -> list[str]:
    """The badges a coordinator sees beside a member; never printed on the shareable copy."""
    _ = words.gettext
    markers = []
    if member.not_to_be_told:
        markers.append(_("Not to be told"))
    if member.address_confidential:
        markers.append(_("Address confidential"))
    if member.attends_separately:
        markers.append(_("Attends separately"))
    if member.excluded_reason:
        markers.append(_("Excluded: {reason} (decided by {who})").format(reason=member.excluded_reason,
                                                                          who=member.excluded_by))
    return markers


def member_table(picture: NetworkPicture, words: NullTranslations = ENGLISH) -> MapTable:
    _ = words.gettext
    header = [_("Name"), _("Relationship to the child"), _("Side"), _("Household"), _("Parental responsibility"),
              _("Language")]
    widths = [5.0, 5.2, 3.6, 4.2, 3.2, 4.2]
    if not picture.shareable:
        header += [_("Status"), _("Phone and email"), _("Address"), _("Safety")]
        widths = [2.9, 2.9, 2.1, 2.3, 2.8, 2.3, 2.0, 3.7, 3.3, 2.4]
    rows = []
    for member in sorted(picture.network, key=lambda m: (list(type(m.side)).index(m.side) if m.side else 9,
                                                         m.name.casefold())):
        row = [member.name + (" " + _("(deceased)") if member.deceased else ""),
               relationship_words(member.relationship_to_child, words),
               _(member.side.label) if member.side else "",
               household_words(member.household, words) if picture.shareable else member.household,
               _("Yes") if member.parental_responsibility else _("No"), language_label(member, words)]
        if not picture.shareable:
            row += [_(member.contact_status.label) if member.contact_status else "",
                    "\n".join(part for part in (member.phone, member.email) if part), member.address,
                    "; ".join(safety_markers(member, words))]
        rows.append(row)
    return MapTable(header, rows, widths)


def agency_table(picture: NetworkPicture, words: NullTranslations = ENGLISH) -> MapTable:
    _ = words.gettext
    header = [_("Agency"), _("Kind"), _("Link to the child")] + ([] if picture.shareable else [_("Contact")])
    rows = [[a.name, _(a.kind.label), _(a.tie.label)] + ([] if picture.shareable else [a.contact])
            for a in picture.agencies]
    return MapTable(header, rows, [9.0, 5.0, 5.0] + ([] if picture.shareable else [7.7]))


def heading_lines(picture: NetworkPicture, printed_on: date, words: NullTranslations = ENGLISH) -> list[str]:
    _ = words.gettext
    language = getattr(words, "language", "en_GB")
    children = ", ".join(child.name for child in picture.children) or _("none recorded")
    lines = [_("Family network map: {family} family").format(family=picture.family_name),
             _("Case {reference}. Printed {date}. Children: {children}.").format(
                 reference=picture.reference, date=format_day(printed_on, language), children=children),
             _(SHAREABLE_NOTE) if picture.shareable else _(COORDINATOR_NOTE)]
    if not picture.shareable:
        consent = (f"{picture.consent_by}, {format_day(picture.consent_on, language)}" if picture.consent_on
                   else _("not recorded: contact needs an override reason"))
        lines.append(_("Consent to contact the network: {consent}.").format(consent=consent))
    return lines


def household_words(household: str, words: NullTranslations) -> str:
    """The shareable copy's "Household A" (standing in for an address) in the document's language."""
    standing_in = _HOUSEHOLD_LETTER.match(household)
    return words.gettext("Household {letter}").format(letter=standing_in["letter"]) if standing_in else household


def in_words(picture: NetworkPicture, words: NullTranslations) -> NetworkPicture:
    """The picture with each relationship to the child (and the shareable copy's household names) in the
    document's language, for the ecomap's labels and the member table."""
    members = tuple(replace(m, relationship_to_child=relationship_words(m.relationship_to_child, words),
                            household=household_words(m.household, words) if picture.shareable else m.household)
                    for m in picture.members)
    return replace(picture, members=members)


def network_map_text(picture: NetworkPicture, printed_on: date, words: NullTranslations = ENGLISH) -> str:
    """Every word the printed map carries, in reading order: the text twin of the .docx."""
    _ = words.gettext
    parts = heading_lines(picture, printed_on, words)
    parts += [_("Genogram"), *genogram.render_text(genogram_layout(picture), with_legend=False),
              _(genogram.LEGEND)]
    eco = ecomap.layout(in_words(picture, words), words.gettext)
    parts += [_("Ecomap"), *ecomap.render_text(eco, with_legend=False), _(ecomap.LEGEND)]
    for heading, table in ((_("Network members"), member_table(picture, words)),
                           (_("Agencies"), agency_table(picture, words))):
        parts += [heading, " | ".join(table.header), *(" | ".join(row) for row in table.rows)]
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


def legend_overflow(legend: str, language: str) -> Length:
    """Height a legend takes beyond the one line `PICTURE_FURNITURE` allows it: a translated legend can run to
    two or three lines at 8 pt (Urdu's letters run wider), and the drawing must leave room for them on its page."""
    if is_right_to_left(language):
        return Length(RTL_LINES + LEGEND_LINE_HEIGHT * ((len(legend) - 1) // LEGEND_LINE_RTL))
    return Length(LEGEND_LINE_HEIGHT * ((len(legend) - 1) // LEGEND_LINE))


def label_points(png: bytes, width: Length, max_height: Length) -> float:
    """The size in points the genogram's labels print at, once the drawing is scaled into `width` and
    `max_height` as `add_picture` scales it."""
    with Image.open(BytesIO(png)) as image:
        pixels_wide, pixels_high = image.size
    shown = min(width, max_height * pixels_wide / max(pixels_high, 1))
    return drawing.LABEL_SIZE * shown / Pt(1) / max(pixels_wide, 1)


def _picture(document: DocxDocument, title: str, png: bytes, legend: str, width: Length, alt: str, *,
             max_height: Length, new_page: bool = False) -> None:
    """A drawing with its heading above and legend below, kept together (so neither is left alone on another
    page), scaled to fit the height the page leaves it; `new_page` starts it on a page of its own."""
    document.add_heading(title, level=1).paragraph_format.page_break_before = new_page
    add_picture(document, png, width=width, max_height=max_height, alt=alt)
    document.add_paragraph(legend).runs[0].font.size = Pt(8)


def _page(section: Section, width: Length, height: Length) -> Section:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    return section


def _member_tables(document: DocxDocument, picture: NetworkPicture, words: NullTranslations) -> None:
    document.add_heading(words.gettext("Network members"), level=1)
    _table(document, member_table(picture, words))
    if picture.agencies:
        document.add_heading(words.gettext("Agencies"), level=1)
        _table(document, agency_table(picture, words))


def build_network_map(picture: NetworkPicture, printed_on: date, council_dir: Path | None = None,
                      language: str = "en_GB") -> DocxDocument:
    """The map on the council's letterhead, turned to landscape for the drawings and the wide tables, its words
    in `language` (the `maps` catalog, with the relationship words of the `plans` one). A genogram that needs a
    page of its own follows the member tables, so page 1 is never left with the title alone."""
    picture = xml_safe(picture)
    words = DocumentWords(language, "maps")
    _ = words.gettext
    document = base_document(council_dir)
    section = _page(document.sections[0], PAGE_WIDTH, PAGE_HEIGHT)
    document.styles["Normal"].font.size = Pt(10)
    footer_line(section, (_("{reference}: shareable copy") if picture.shareable
                          else _("{reference}: coordinator's copy")).format(reference=picture.reference))
    add_page_numbers(section, language)
    room = body_height(section) - PICTURE_FURNITURE
    title, *lines = heading_lines(picture, printed_on, words)
    document.add_heading(title, level=0)
    for line in lines:
        document.add_paragraph(line)
    layout = genogram_layout(picture)
    png = drawing.draw_genogram(genogram.in_words(layout, _))
    alt = " ".join([_("Genogram of the {family} family.").format(family=picture.family_name),
                    *genogram.describe(layout, _)])
    room_left = room - legend_overflow(_(genogram.LEGEND), language)
    width, height, new_page = GENOGRAM_WIDTH, Length(room_left - TITLE_LINES), False
    if label_points(png, width, height) < MIN_TEXT_POINTS:
        height, new_page = Length(room_left), True
    on_a3 = label_points(png, width, height) < MIN_TEXT_POINTS
    tables_first = new_page or on_a3
    if tables_first:
        _member_tables(document, picture, words)
    if on_a3:
        a3 = _page(document.add_section(WD_SECTION.NEW_PAGE), A3_WIDTH, A3_HEIGHT)
        width, height, new_page = Length(A3_WIDTH - 2 * MARGIN), Length(body_height(a3) - PICTURE_FURNITURE), False
    _picture(document, _("Genogram"), png, _(genogram.LEGEND), width, alt=alt, max_height=height, new_page=new_page)
    if layout.others:
        document.add_paragraph(_("Also in the network, outside the family tree: {names}").format(
            names=", ".join(member.name for member in layout.others)))
    if on_a3:
        _page(document.add_section(WD_SECTION.NEW_PAGE), PAGE_WIDTH, PAGE_HEIGHT)
    eco = ecomap.layout(in_words(picture, words), words.gettext)
    _picture(document, _("Ecomap"), drawing.draw_ecomap(eco), _(ecomap.LEGEND), ECOMAP_WIDTH,
             alt=_("Ecomap of the {family} family: ").format(family=picture.family_name)
             + "; ".join(ecomap.render_text(eco, with_legend=False)),
             max_height=Length(room - legend_overflow(_(ecomap.LEGEND), language)), new_page=not on_a3)
    if not tables_first:
        _member_tables(document, picture, words)
    keep_headings_with_next(document)
    if is_right_to_left(language):
        make_right_to_left(document, language)
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
                      council_dir: Path | None = None, language: str = "en_GB") -> Path:
    """Write the map as a private .docx; a shareable one is refused if any withheld text slipped in."""
    document = build_network_map(picture, printed_on, council_dir, language)
    if picture.shareable:
        found = leaks(document_text(document), list(picture.forbidden))
        if found:
            raise ShareableLeak(f"the shareable map would show {len(found)} withheld name(s) or address(es); "
                                "it was not saved")
    return save_private(document, path)


__all__ = ["ShareableLeak", "build_network_map", "document_text", "network_map_text", "write_network_map"]
