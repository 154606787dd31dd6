"""The manager's summary as a .docx document: the only part of the reports service that needs python-docx,
Pillow (the chart) and Jinja (the letterhead), so `_reports` imports it only to write one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from docx.document import Document as DocxDocument

from fgdm.documents.letterhead import base_document
from fgdm.documents.print_layout import add_page_numbers, footer_line, keep_headings_with_next, repeat_header_row
from fgdm.documents.safe_text import xml_safe
from fgdm.reports import summary
from fgdm.reports.engine import Report
from fgdm.services.shared.context import ServiceContext


def summary_document(ctx: ServiceContext, report: Report, *, quarters: Sequence[str],
                     series: Mapping[str, Sequence[int | float | None]]) -> DocxDocument:
    """The return, the note on data as it stands, and the chart of ``series`` across ``quarters``, laid out for
    printing (running footer, page numbers, table headings repeated on each page)."""
    document = summary.fill(base_document(ctx.settings.template_dir), report, quarters=quarters, series=series,
                            sender=xml_safe(f"{ctx.settings.council_name} · {ctx.settings.service_name}"))
    section = document.sections[0]
    footer_line(section, f"FGDM quarterly return: {report.period.label}")
    add_page_numbers(section, "en_GB")
    for table in document.tables:
        repeat_header_row(table)
    keep_headings_with_next(document)
    return document
