"""Reports: the quarterly return for a chosen period, each measure's trend as bars, the records behind a number.

A manager types a quarter (``2026-Q2``) or two dates (``01/07/2026 to 31/07/2026``), reads the return, moves
down the measures to see each one's last eight quarters drawn as bars, presses Enter to list the cases and
records behind a number, and exports the return (CSV, JSON) or the manager's summary (Word) to the output folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import cast

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from fgdm.domain.periods import Period
from fgdm.i18n import format_day, format_number
from fgdm.reports import outputs
from fgdm.reports.definitions import OFFER_UNITS
from fgdm.reports.engine import Line, Report
from fgdm.services import reports
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.actions import Action, bindings_for, register
from fgdm.tui.widgets.service_call import run_service, workbench
from fgdm.tui.widgets.written import show_written

BAR_WIDTH = 24

register(
    Action("reports.period", "reports", "p", "focus_period", "Period",
           "Choose the period: a quarter such as 2026-Q2, or two dates such as 01/07/2026 to 31/07/2026"),
    Action("reports.unit", "reports", "u", "next_offer_unit", "Offer unit",
           "Count each offer, each parent or PR holder once, each child, or each family"),
    Action("reports.explain", "reports", "e", "explain", "Explain",
           "List the cases and records behind the highlighted number (or press Enter on it)"),
    Action("reports.csv", "reports", "c", "export('csv')", "CSV", "Export the return as CSV to the output folder"),
    Action("reports.json", "reports", "j", "export('json')", "JSON",
           "Export the return as JSON to the output folder"),
    Action("reports.docx", "reports", "w", "export('docx')", "Word summary",
           "Write the manager's summary with the eight-quarter chart (.docx) to the output folder"),
    Action("reports.census", "reports", "m", "census_checks", "CIN census checks",
           "The CIN census module 5 checks for the census year of the period: errors and queries, Enter opens the "
           "case"),
    Action("reports.back", "reports", "escape", "back", "Back", "Return to the previous screen"),
    Action("explain.open", "explain", "enter", "open_case", "Open case",
           "Open the case of the highlighted record"),
    Action("explain.back", "explain", "escape", "back", "Back", "Return to the return"),
    Action("census.back", "census", "escape", "back", "Back", "Return to the return"),
)


def bar_chart(points: Sequence[tuple[str, float | int | None]], width: int = BAR_WIDTH) -> str:
    """One line per quarter: the label, a bar in proportion to the largest value, and the value."""
    if not points:
        return ""
    largest = max((value for _, value in points if value is not None), default=0) or 1
    lines = []
    for label, value in points:
        if value is None:
            lines.append(f"{label}  {'':<{width}}  –")
            continue
        eighths = round(width * 8 * float(value) / float(largest))
        bar = "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        lines.append(f"{label}  {bar:<{width}}  {shown}")
    return "\n".join(lines)


class ReportsScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("reports.tcss")
    ACTION_SCOPE = "reports"
    BINDINGS = bindings_for("reports")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]
    """Below 140 columns the trend and the rule go under the measures, which then have the whole width: beside
    them, at 80 and at 120 columns, the longer measures' names were cut short."""

    def __init__(self) -> None:
        super().__init__()
        self.report: Report | None = None
        self.offer_unit = OFFER_UNITS[0]
        self.trend_measure = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="reports-bar"):
            yield Static("Period", classes="reports-caption")
            yield Input(placeholder="2026-Q2, or 01/07/2026 to 31/07/2026 (blank: last quarter)",
                        id="reports-period")
            yield Static("", id="reports-unit", markup=False)
        with Horizontal(id="reports-body"):
            table: DataTable[str] = DataTable(id="reports-table", cursor_type="row", zebra_stripes=True)
            table.add_column("Value", key="value")
            table.add_column("Measure", key="measure")
            yield table
            with VerticalScroll(id="reports-side"):
                yield Static("", id="reports-trend-title", markup=False)
                yield Static("", id="reports-trend", markup=False)
                yield Static("", id="reports-rule", markup=False)
        yield Static("Loading…", id="reports-note", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Quarterly return"
        self.query_one("#reports-table").focus()
        self.run_report()

    def run_report(self) -> None:
        text, unit = self.query_one("#reports-period", Input).value, self.offer_unit
        self.query_one("#reports-unit", Static).update(f"Offers counted by: {unit}")

        def call(ctx: ServiceContext) -> Report:
            period = reports.period_from_text(text, today=ctx.today())
            return reports.quarterly_return(ctx, period, offer_unit=unit)

        run_service(self, call, self.show_report, group="reports-run")

    def show_report(self, report: Report) -> None:
        self.report = report
        period_input = self.query_one("#reports-period", Input)
        if not period_input.value.strip():
            period_input.value = reports.period_typed(report.period)
        table = self.query_one("#reports-table", DataTable)
        row = table.cursor_row
        table.clear()
        for line in outputs.visible_lines(report):
            table.add_row(Text(outputs.shown(line), justify="right"), outputs.table_label(line), key=line.measure.id)
        table.move_cursor(row=min(row, table.row_count - 1))
        self.query_one("#reports-note", Static).update(f"{outputs.period_heading(report)}. {report.note}")
        self.show_measure()

    def current_line(self) -> Line | None:
        table = self.query_one("#reports-table", DataTable)
        if self.report is None or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.report.line(str(key))

    def show_measure(self) -> None:
        """The highlighted measure's rule, and its trend over eight quarters fetched in the background."""
        line, report = self.current_line(), self.report
        if line is None or report is None:
            return
        measure = line.measure
        self.query_one("#reports-rule", Static).update(f"Counted in {measure.unit}. {measure.explanation}")
        self.query_one("#reports-trend-title", Static).update(f"{measure.label}: the last 8 quarters")
        self.trend_measure = measure.id
        period, unit = report.period, self.offer_unit

        def call(ctx: ServiceContext) -> tuple[str, list[reports.TrendPoint]]:
            return measure.id, reports.trend(ctx, period, measure_ids=(measure.id,), offer_unit=unit)

        run_service(self, call, self.show_trend, group="reports-trend")

    def show_trend(self, found: tuple[str, list[reports.TrendPoint]]) -> None:
        measure_id, points = found
        if measure_id != self.trend_measure:
            return
        values = [(point.period.label, point.values.get(measure_id)) for point in points]
        trend = self.query_one("#reports-trend", Static)
        widest = max(len(label) + len(f"{value}") for label, value in values) + 4
        trend.update(bar_chart(values, width=max(trend.size.width - widest, 4)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.report is not None and event.row_key.value != self.trend_measure:
            self.show_measure()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_explain()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "reports-period":
            self.run_report()
            self.query_one("#reports-table").focus()

    def action_focus_period(self) -> None:
        self.query_one("#reports-period", Input).focus()

    def action_next_offer_unit(self) -> None:
        self.offer_unit = OFFER_UNITS[(OFFER_UNITS.index(self.offer_unit) + 1) % len(OFFER_UNITS)]
        self.run_report()

    def action_explain(self) -> None:
        line, report = self.current_line(), self.report
        if line is None or report is None:
            return
        self.app.push_screen(ExplainScreen(line.measure.id, report.period, self.offer_unit))

    def action_export(self, fmt: str) -> None:
        if self.report is None:
            return
        period, unit = self.report.period, self.offer_unit

        def call(ctx: ServiceContext) -> Path:
            return reports.export_file(ctx, period, cast("reports.ExportFormat", fmt), offer_unit=unit)

        written = f"The return for {reports.period_words(period)} was written"
        run_service(self, call, lambda path: show_written(self.app, written, [path]), group="reports-export")

    def action_census_checks(self) -> None:
        year = self.report.period.start if self.report is not None else None
        self.app.push_screen(CensusChecksScreen(year.year if year and year.month >= 4 else
                                                (year.year - 1 if year else None)))

    def action_back(self) -> None:
        self.app.pop_screen()


class CensusChecksScreen(Screen[None]):
    """The CIN census module 5 checks: each error and query with its DfE code, the children without an
    LAchildID, and Enter on a row to open the case and fix it."""

    CSS_PATH = Path(__file__).with_name("reports.tcss")
    ACTION_SCOPE = "census"
    BINDINGS = bindings_for("census")

    def __init__(self, first_year: int | None) -> None:
        super().__init__()
        self.first_year = first_year
        self.case_ids: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="census-title", markup=False)
        table: DataTable[str] = DataTable(id="census-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("Kind", "Code", "Child (LAchildID)", "Case", "Item", "What the census says")
        yield table
        yield Static("", id="census-note", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "CIN census module 5 checks"
        first_year = self.first_year

        def call(ctx: ServiceContext) -> reports.CinReturn:
            year = first_year if first_year is not None else ctx.today().year - (ctx.today().month < 4)
            return reports.cin_module5(ctx, reports.census_year(str(year)))

        run_service(self, call, self.show, group="census")

    def show(self, found: reports.CinReturn) -> None:
        self.query_one("#census-title", Static).update(
            f"CIN census {found.year.label}, module 5: {len(found.errors)} errors, {len(found.queries)} queries, "
            f"{len(found.without_id)} children without an LAchildID, {len(found.blocks)} blocks, "
            f"{len(found.overrides)} with an override, {len(found.warned)} with a warning from fgdm")
        table = self.query_one("#census-table", DataTable)
        for number, child in enumerate(found.without_id):
            key = f"id-{number}"
            self.case_ids[key] = child.case_id
            table.add_row("Problem", "", child.child_name, child.case_reference, "LAchildID",
                          "No LAchildID recorded: the census cannot take this child (Offers tab, i)", key=key)
        for number, finding in enumerate(sorted(found.findings, key=lambda f: (not f.is_error, f.code))):
            key = f"finding-{number}"
            if finding.case_id is not None:
                self.case_ids[key] = finding.case_id
            table.add_row("Error" if finding.is_error else "Query", finding.code, finding.la_child_id,
                          finding.case_reference, finding.element, finding.message, key=key)
        fgdm_rows = [("Warning", "fgdm", block, "FGDMMeetingOffer", warning)
                     for block in found.warned for warning in block.warnings]
        fgdm_rows += [("Override", "", block, element,
                       f"{block.items.get(element) or 'blank'} recorded where the case's records say {says}; reason: "
                       f"{block.override_reason or 'none recorded (Offers tab, enter on the episode)'}")
                      for block in found.overrides for element, says in block.overridden.items()]
        for number, (kind, code, block, element, said) in enumerate(fgdm_rows):
            key = f"fgdm-{number}"
            if block.case_id is not None:
                self.case_ids[key] = block.case_id
            table.add_row(kind, code, block.la_child_id, block.case_reference, element, said, key=key)
        self.query_one("#census-note", Static).update(
            "Errors must be fixed before the census is accepted; queries confirmed or explained; warnings and "
            "overrides are fgdm's, for you to check. Enter opens the case. `fgdm report cin-module5 --year "
            + found.year.label + "` writes the module." if table.row_count
            else "No problems: every check passes.")
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        case_id = self.case_ids.get(str(event.row_key.value))
        if case_id is not None:
            workbench(self).open_case(case_id)

    def action_back(self) -> None:
        self.app.pop_screen()


class ExplainScreen(Screen[None]):
    """The records behind one number: the same list the number was made from."""

    CSS_PATH = Path(__file__).with_name("reports.tcss")
    ACTION_SCOPE = "explain"
    BINDINGS = bindings_for("explain")

    def __init__(self, measure_id: str, period: Period, offer_unit: str) -> None:
        super().__init__()
        self.measure_id, self.period, self.offer_unit = measure_id, period, offer_unit
        self.case_ids: list[int | None] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="explain-title", markup=False)
        yield Static("", id="explain-rule", markup=False)
        yield DataTable(id="explain-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="explain-note", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Records behind a number"
        measure_id, period, unit = self.measure_id, self.period, self.offer_unit
        run_service(self, lambda ctx: reports.explain(ctx, measure_id, period, offer_unit=unit), self.show,
                    group="explain")

    def show(self, found: reports.Explanation) -> None:
        measure = found.line.measure
        self.query_one("#explain-title", Static).update(
            f"{measure.label}, {reports.period_words(found.period)}: {outputs.shown(found.line)} "
            f"({format_number(len(found.rows))} records)")
        self.query_one("#explain-rule", Static).update(f"Counted in {measure.unit}. {measure.explanation}")
        table = self.query_one("#explain-table", DataTable)
        headings, *rows = outputs.drill_table(found.rows, day=format_day)
        table.add_columns(*headings)
        for cells in rows:
            table.add_row(*cells)
        self.case_ids = [row.case_id for row in found.rows]
        empty = "Enter opens a record's case. " if rows else "No records: nothing in the period meets the rule. "
        self.query_one("#explain-note", Static).update(empty + found.note)
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_case()

    def action_open_case(self) -> None:
        table = self.query_one("#explain-table", DataTable)
        if not self.case_ids or table.row_count == 0:
            return
        case_id = self.case_ids[min(table.cursor_row, len(self.case_ids) - 1)]
        if case_id is None:
            self.notify("This record belongs to no case.", severity="warning")
            return
        workbench(self).open_case(case_id)

    def action_back(self) -> None:
        self.app.pop_screen()


def open_reports(app: App[None]) -> None:
    """Show the reports screen: the app's ``action_open_reports`` (key F9, "Reports" in the palette) calls this."""
    app.push_screen(ReportsScreen())
