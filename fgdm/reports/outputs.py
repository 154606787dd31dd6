"""The return as text: a table for people, CSV and JSON for the return itself, the drill-down as a table.

Every output says when the records were counted: the figures are the data as it stands now.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from fgdm.i18n import format_day, format_money
from fgdm.reports.engine import DrillRow, Line, Report

CSV_COLUMNS = ("period", "from", "to", "section", "measure", "label", "unit", "kind", "value",
               "counted_from_records_as_at")


def plain_value(line: Line) -> int | float | None:
    """A number for charts: money in pounds, statistics as decimals, nothing as None."""
    if line.value is None:
        return None
    return float(line.value) if isinstance(line.value, Decimal) else line.value


def _json_value(line: Line) -> Any:
    """Counts as integers, money as an exact string of pounds ("350.50"), statistics as numbers."""
    if line.value is None or isinstance(line.value, int):
        return line.value
    return f"{line.value:.2f}" if line.measure.aggregate == "sum" else float(line.value)


def period_heading(report: Report) -> str:
    """A quarter by its name and days (2026-Q2: 1 July 2026 to 30 September 2026); any other span by its days."""
    period = report.period
    days = f"{format_day(period.start)} to {format_day(period.end)}"
    return f"{period.name}: {days}" if period.name else days


def shown(line: Line) -> str:
    """The value as people read it: £1,250.00, 66.7%, a dash where there is nothing to measure."""
    if line.value is None:
        return "–"
    if line.measure.aggregate == "sum":
        return format_money(line.value)
    if line.measure.aggregate == "share":
        return f"{line.value}%"
    return str(line.value)


def table_label(line: Line) -> str:
    measure = line.measure
    return f"  {measure.category_label}" if measure.category else measure.label


def visible_lines(report: Report) -> list[Line]:
    """Breakdown lines with nothing in them are left out of tables for people (CSV and JSON keep them)."""
    return [line for line in report.lines if not line.measure.category or line.records]


def to_table(report: Report) -> str:
    lines = visible_lines(report)
    width = max(len(table_label(line)) for line in lines) + 2
    out = [f"FGDM quarterly return, {period_heading(report)}"]
    section = None
    for line in lines:
        if line.measure.section != section:
            section = line.measure.section
            out += ["", section]
        out.append(f"  {table_label(line):<{width}}{shown(line):>14}")
    out += ["", report.note, "Categories with nothing in them are left out here; --format csv lists every line.",
            "`fgdm report explain MEASURE` lists the cases and records behind a number; "
            "`fgdm report measures` gives each one's rule."]
    return "\n".join(out) + "\n"


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    as_at = report.as_at.isoformat()
    for line in report.lines:
        value = "" if line.value is None else (f"{line.value:.2f}" if line.measure.aggregate == "sum"
                                               else str(line.value))
        writer.writerow([report.period.label, report.period.start.isoformat(), report.period.end.isoformat(),
                         line.measure.section, line.measure.id, line.measure.label, line.measure.unit,
                         line.measure.kind, value, as_at])
    return buffer.getvalue()


def to_json(report: Report) -> str:
    document = {
        "return": "FGDM quarterly return",
        "period": {"name": report.period.label, "from": report.period.start.isoformat(),
                   "to": report.period.end.isoformat()},
        "counted_from_records_as_at": report.as_at.isoformat(),
        "note": report.note,
        "offer_unit": report.definitions.settings.offer_unit,
        "measures": [{"id": line.measure.id, "section": line.measure.section, "label": line.measure.label,
                      "unit": line.measure.unit, "kind": line.measure.kind, "aggregate": line.measure.aggregate,
                      "value": _json_value(line), "records": line.records} for line in report.lines],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _drill_cells(row: DrillRow, day: Callable[[date], str]) -> list[str]:
    extra = format_money(row.amount) if row.amount is not None else (
        f"{row.days} days" if row.days is not None else "")
    return [row.reference, row.family_name, row.child, day(row.on), f"{row.record} {row.record_id}",
            row.detail + (f" ({extra})" if extra else "")]


DRILL_HEADINGS = ("Case", "Family", "Child", "Date", "Record", "What it is")


def drill_table(rows: Sequence[DrillRow], *, day: Callable[[date], str] = date.isoformat) -> list[list[str]]:
    """The drill-down as rows of text cells, headings first, for the CLI and the TUI alike: dates ISO for
    machines (JSON), `day=format_day` for people ("23 November 2026")."""
    return [list(DRILL_HEADINGS), *(_drill_cells(row, day) for row in rows)]


def to_drill_text(line: Line, rows: Sequence[DrillRow], note: str, period_label: str) -> str:
    measure = line.measure
    out = [f"{measure.label} ({measure.id}), {period_label}: {shown(line)}",
           f"Unit: {measure.unit}. Rule: {measure.explanation}", ""]
    table = drill_table(rows, day=format_day)
    if len(table) == 1:
        out.append("No records: nothing in the period meets the rule.")
    else:
        widths = [max(len(row[i]) for row in table) for i in range(len(DRILL_HEADINGS) - 1)]
        for cells in table:
            out.append("  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=False))
                       + "  " + cells[-1])
    out += ["", f"{len(rows)} records. {note}"]
    return "\n".join(out) + "\n"
