"""The case list: search as you type over every name in a case, filters, sortable columns, one page at a time.

Queries run in a worker, one at a time, so typing never waits for the database; keys typed while a query
runs are gathered into the next one, so a fast typist on a slow database costs one query, not one per key.
A page is at most PAGE_SIZE rows, so the table stays instant however many cases exist. Column widths are
measured from the page itself (up to MAX_WIDTH), so a long name is shortened, not wrapped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Select, Static

from fgdm.domain.enums import CaseStatus, LegalStatus
from fgdm.i18n import format_day_short, format_number
from fgdm.models import Staff
from fgdm.services import cases
from fgdm.services import staff as staff_service
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import FgdmError
from fgdm.tui.actions import bindings_for
from fgdm.tui.widgets.key_bar import KeyBar
from fgdm.tui.widgets.service_call import run_service, workbench

PAGE_SIZE = 100
OPEN, ALL = "open", "all"

MAX_WIDTH = 30
COLUMNS: tuple[tuple[str, str, cases.CaseSort | None], ...] = (
    ("reference", "Reference", "reference"),
    ("family", "Family", "family_name"),
    ("children", "Children", None),
    ("stage", "Stage", "status"),
    ("coordinator", "Coordinator", "coordinator"),
    ("referred", "Referred", "referral_date"),
)
SORTABLE: tuple[cases.CaseSort, ...] = tuple(sort for _, _, sort in COLUMNS if sort is not None)
SORT_LABELS = {sort: label for _, label, sort in COLUMNS if sort is not None}


@dataclass(frozen=True)
class CaseQuery:
    """Everything that decides which page of cases is shown."""

    search: str = ""
    coordinator_id: int | None = None
    stage: str = OPEN
    legal_status: LegalStatus | None = None
    sort: cases.CaseSort = "reference"
    descending: bool = False
    page: int = 0

    def run(self, ctx: ServiceContext) -> cases.CasePage:
        status = None if self.stage in (OPEN, ALL) else CaseStatus(self.stage)
        return cases.list_cases(ctx, search=self.search, coordinator_id=self.coordinator_id, status=status,
                                legal_status=self.legal_status, include_closed=self.stage != OPEN,
                                sort=self.sort, descending=self.descending, limit=PAGE_SIZE,
                                offset=self.page * PAGE_SIZE)


def stage_choices() -> list[tuple[str, str]]:
    return [("Open cases", OPEN), *((status.label, status.value) for status in CaseStatus), ("All cases", ALL)]


class CaseListScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("case_list.tcss")
    ACTION_SCOPE = "case_list"
    BINDINGS = bindings_for("case_list")

    def __init__(self) -> None:
        super().__init__()
        self.query_state = CaseQuery()
        self.fetching = False
        self.open_first = False
        """Enter was pressed in the search before its results came: open the first of them when they do."""
        self.total = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search: reference, child, family or network member name", id="case-search")
        with Horizontal(id="case-filters"):
            yield Select[Any]([], prompt="Any coordinator", id="filter-coordinator", compact=True)
            yield Select(stage_choices(), value=OPEN, allow_blank=False, id="filter-stage", compact=True)
            yield Select([(status.label, status.value) for status in LegalStatus], prompt="Any legal status",
                         id="filter-legal-status", compact=True)
        yield DataTable(id="case-table", cursor_type="row", zebra_stripes=True)
        yield Static("Loading…", id="case-list-status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Cases"
        run_service(self, staff_service.list_staff, self.show_coordinators, group="case-list-staff")

    def on_screen_resume(self) -> None:
        """Shown first, or again after a case was opened and perhaps changed: fetch the page afresh."""
        self.run_query()

    def show_coordinators(self, staff: list[Staff]) -> None:
        self.query_one("#filter-coordinator", Select).set_options(
            [(member.name, member.id) for member in staff])

    def run_query(self, **changes: Any) -> None:
        """Change the query (back to the first page unless the page is what changed) and fetch."""
        if changes and "page" not in changes:
            changes["page"] = 0
        self.query_state = replace(self.query_state, **changes)
        if not self.fetching:
            self.fetch(self.query_state)

    def fetch(self, query: CaseQuery) -> None:
        """One query at a time: keys typed meanwhile only change `query_state`, fetched when this returns."""
        self.fetching = True

        def failed(error: FgdmError) -> None:
            self.fetching = False
            self.notify(error.in_words(), title="Cases", severity="error")

        run_service(self, query.run, lambda page: self.show_page(query, page), failed=failed,
                    group="case-list-query", exclusive=False)

    def show_page(self, query: CaseQuery, page: cases.CasePage) -> None:
        self.fetching = False
        if query != self.query_state:
            self.fetch(self.query_state)
            return
        self.total = page.total
        table = self.query_one("#case-table", DataTable)
        selected = table.cursor_row
        rows = [(row.reference, row.family_name, row.children, row.status.label, row.coordinator,
                 format_day_short(row.referral_date)) for row in page.rows]
        table.clear(columns=True)
        for index, (key, label, sort) in enumerate(COLUMNS):
            if sort == query.sort:
                label = f"{label} {'↓' if query.descending else '↑'}"
            width = max([cell_len(label), *(cell_len(cells[index]) for cells in rows)])
            table.add_column(label, key=key, width=min(width, MAX_WIDTH))
        for row, cells in zip(page.rows, rows, strict=True):
            table.add_row(*cells, key=str(row.id))
        if page.rows:
            table.move_cursor(row=min(selected, len(page.rows) - 1))
        self.query_one("#case-list-status", Static).update(self.status_text(query, page))
        if self.open_first:
            self.open_first = False
            if page.rows:
                workbench(self).open_case(page.rows[0].id)

    def status_text(self, query: CaseQuery, page: cases.CasePage) -> str:
        if page.total == 0:
            return ("No cases match. Clear the search or filters, or press n for a new case."
                    if query.search or query.coordinator_id or query.legal_status or query.stage != OPEN
                    else "No open cases yet. Press n for a new case, or run fgdm demo to try fgdm out.")
        first = query.page * PAGE_SIZE + 1
        last = first + len(page.rows) - 1
        pages = (page.total + PAGE_SIZE - 1) // PAGE_SIZE
        order = "↓" if query.descending else "↑"
        paging = f" · page {query.page + 1} of {pages} ([ ])" if pages > 1 else ""
        return (f"{format_number(first)}–{format_number(last)} of {format_number(page.total)} · sorted by "
                f"{SORT_LABELS[query.sort].lower()} {order}{paging}")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "case-search":
            self.run_query(search=event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search opens the first case found (once the search typed so far has its results)."""
        if event.input.id != "case-search":
            return
        table = self.query_one("#case-table", DataTable)
        if self.fetching:
            self.open_first = True
        elif table.row_count:
            table.move_cursor(row=0)
            workbench(self).open_case(int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))
        else:
            table.focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else event.value
        if event.select.id == "filter-coordinator":
            self.run_query(coordinator_id=value)
        elif event.select.id == "filter-stage":
            self.run_query(stage=value or OPEN)
        elif event.select.id == "filter-legal-status":
            self.run_query(legal_status=LegalStatus(value) if value else None)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        sort = dict((key, sort) for key, _, sort in COLUMNS).get(str(event.column_key.value))
        if sort is None:
            return
        if sort == self.query_state.sort:
            self.run_query(descending=not self.query_state.descending)
        else:
            self.run_query(sort=sort, descending=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            workbench(self).open_case(int(event.row_key.value))

    def action_sort_next(self) -> None:
        index = SORTABLE.index(self.query_state.sort)
        self.run_query(sort=SORTABLE[(index + 1) % len(SORTABLE)], descending=False)

    def action_sort_reverse(self) -> None:
        self.run_query(descending=not self.query_state.descending)

    def action_focus_filters(self) -> None:
        self.query_one("#filter-coordinator").focus()

    def action_next_page(self) -> None:
        if (self.query_state.page + 1) * PAGE_SIZE < self.total:
            self.run_query(page=self.query_state.page + 1)

    def action_previous_page(self) -> None:
        if self.query_state.page > 0:
            self.run_query(page=self.query_state.page - 1)

    def action_back(self) -> None:
        self.app.pop_screen()
