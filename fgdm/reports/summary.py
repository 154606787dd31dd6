"""The manager's summary as .docx: the return by section, how it was counted, and a chart of eight quarters."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from itertools import groupby

from docx.document import Document as DocxDocument
from docx.shared import Cm

from fgdm.reports.chart import bar_chart_png
from fgdm.reports.engine import Report
from fgdm.reports.outputs import period_heading, shown, visible_lines

COLUMN_WIDTHS = (Cm(10), Cm(3), Cm(3))


def fill(document: DocxDocument, report: Report, *, quarters: Sequence[str],
         series: Mapping[str, Sequence[float | int | None]], sender: str = "") -> DocxDocument:
    """Write the summary into `document`: the council's letterhead, given by the caller (reports sits beside
    documents, so it is handed the base document rather than opening the letterhead itself). `sender` (the
    council and its service) says whose return it is."""
    document.add_heading("FGDM quarterly return", level=0)
    if sender:
        document.add_paragraph(sender)
    document.add_paragraph(period_heading(report))
    note = document.add_paragraph()
    note.add_run(report.note).italic = True
    for section, lines in groupby(visible_lines(report), key=lambda line: line.measure.section):
        document.add_heading(section, level=1)
        table = document.add_table(rows=1, cols=3)
        table.style = "Light List Accent 1"
        for cell, heading in zip(table.rows[0].cells, ("Measure", "Counted in", "Value"), strict=True):
            cell.text = heading
        for line in lines:
            cells = table.add_row().cells
            cells[0].text = f"– {line.measure.category_label}" if line.measure.category else line.measure.label
            cells[1].text = line.measure.unit
            cells[2].text = shown(line)
        table.autofit = False
        for column, width in zip(table.columns, COLUMN_WIDTHS, strict=True):
            column.width = width
            for cell in column.cells:
                cell.width = width
    document.add_heading(f"The last {len(quarters)} quarters", level=1)
    chart = bar_chart_png(f"Quarter by quarter, {quarters[0]} to {quarters[-1]}", quarters, series)
    document.add_picture(io.BytesIO(chart), width=Cm(16))
    document.add_heading("How each number is counted", level=1)
    for measure in report.definitions.measures:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{measure.label} ({measure.unit}). ").bold = True
        paragraph.add_run(measure.explanation)
    document.add_paragraph("Run `fgdm report explain MEASURE --quarter ...` to list the cases and records "
                           "behind any number before sending the return.")
    return document
