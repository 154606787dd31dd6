"""The service-wide support budget: one financial quarter's spend against its budget, by kind and by case.

A manager checks it before approving a large item and at each quarter's end: `[` and `]` step through the
quarters, Enter on a case opens it. Money counts in the quarter its payment dates fall in, as the
service's `budget_view` explains, so a weekly item over New Year shows in two quarters.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from fgdm.domain.support_money import Quarter
from fgdm.i18n import format_day, format_money
from fgdm.services import support
from fgdm.services.shared.errors import FgdmError
from fgdm.tui.actions import Action, bindings_for, register
from fgdm.tui.widgets.key_bar import KeyBar
from fgdm.tui.widgets.service_call import run_service, workbench

register(
    Action("budget.previous", "budget", "left_square_bracket", "quarter(-1)", "Previous quarter",
           "Show the quarter before"),
    Action("budget.next", "budget", "right_square_bracket", "quarter(1)", "Next quarter", "Show the quarter after"),
    Action("budget.back", "budget", "escape", "back", "Back", "Return to the previous screen"),
)

MONEY_COLUMNS = ("Approved", "Paid", "Awaiting decision")


def summary(view: support.BudgetView) -> Text:
    """The quarter in one line a manager reads first: budget, approved, and what is left (red when over)."""
    text = Text.assemble(
        (f"{view.quarter}", "bold"), f"  {format_day(view.quarter.first_day)} to {format_day(view.quarter.last_day)}\n",
        ("Budget ", "bold"), format_money(view.budget), ("   Approved ", "bold"), format_money(view.approved),
        ("   Left ", "bold"))
    text.append(format_money(view.remaining), "bold red" if view.remaining < 0 else "bold green")
    text.append_text(Text.assemble("\n", ("Paid ", "bold"), format_money(view.paid),
                                   ("   Awaiting decision ", "bold"), format_money(view.requested)))
    return text


class BudgetScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("budget.tcss")
    ACTION_SCOPE = "budget"
    BINDINGS = bindings_for("budget")

    def __init__(self, quarter: Quarter) -> None:
        super().__init__()
        self.quarter = quarter
        self.view: support.BudgetView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="budget-summary")
        yield DataTable(id="budget-categories", cursor_type="row", zebra_stripes=True)
        yield DataTable(id="budget-cases", cursor_type="row", zebra_stripes=True)
        yield Static("", id="budget-note", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Support budget"
        self.query_one("#budget-categories", DataTable).add_columns("Kind of support", *MONEY_COLUMNS)
        self.query_one("#budget-cases", DataTable).add_columns("Case", *MONEY_COLUMNS)
        self.load()

    def load(self) -> None:
        quarter = self.quarter
        run_service(self, lambda ctx: support.budget_view(ctx, quarter), self.show, failed=self.refused,
                    group="budget")

    def refused(self, error: FgdmError) -> None:
        """A coordinator who opens the budget is told who may see it, and taken back."""
        self.app.notify(error.in_words(), title="Not shown", severity="warning", timeout=8)
        self.app.pop_screen()

    def show(self, view: support.BudgetView) -> None:
        self.view = view
        self.query_one("#budget-summary", Static).update(summary(view))
        kinds = self.query_one("#budget-categories", DataTable)
        kinds.clear()
        for kind in view.categories:
            kinds.add_row(kind.category, *(format_money(v) for v in (kind.approved, kind.paid, kind.requested)))
        cases = self.query_one("#budget-cases", DataTable)
        cases.clear()
        for line in view.lines:
            cases.add_row(line.reference, *(format_money(v) for v in (line.approved, line.paid, line.requested)),
                          key=str(line.case_id))
        self.query_one("#budget-note", Static).update(
            "No support falls in this quarter." if not view.lines else
            "[ and ] change the quarter; Enter on a case opens it.")
        cases.focus()

    def action_quarter(self, step: int) -> None:
        self.quarter = self.quarter.next() if step > 0 else self.quarter.previous()
        self.load()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "budget-cases" and event.row_key.value is not None:
            event.stop()
            workbench(self).open_case(int(event.row_key.value))

    def action_back(self) -> None:
        self.app.pop_screen()


def open_budget(app: App[None], today: date) -> None:
    """Show the budget for the quarter holding ``today``: the app's ``action_open_budget`` (F8) calls this."""
    app.push_screen(BudgetScreen(Quarter.of(today)))
