"""My week: this week's meetings, visits, follow-ups due and tasks in my cases; Enter opens the line's case.

`[` and `]` move a week, `t` comes back to this week. It is read when opened (from home's `w`, F7 anywhere, or
the palette), never with home's own read, so home's start pays nothing for it.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header, Static

from fgdm.i18n import format_day
from fgdm.services import home
from fgdm.tui.actions import Action, bindings_for, register
from fgdm.tui.widgets.case_lines import CaseLines, LineGroup
from fgdm.tui.widgets.key_bar import KeyBar
from fgdm.tui.widgets.service_call import run_service, workbench

register(
    Action("week.previous", "week", "left_square_bracket", "move_week(-1)", "Previous week", "Show the week before"),
    Action("week.next", "week", "right_square_bracket", "move_week(1)", "Next week", "Show the week after"),
    Action("week.this_week", "week", "t", "this_week", "This week", "Back to the current week"),
    Action("week.back", "week", "escape", "back", "Back", "Return to the previous screen"),
)


class WeekScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("week.tcss")
    ACTION_SCOPE = "week"
    BINDINGS = bindings_for("week")

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading your week…", id="week-heading", markup=False)
        yield CaseLines(empty="Nothing this week in your cases.", id="week-lines")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "My week"
        self.read()

    def read(self) -> None:
        day = self.day
        run_service(self, lambda ctx: home.my_week(ctx, day), self.show_week, group="week-read")

    def show_week(self, week: home.WeekView) -> None:
        self.query_one("#week-heading", Static).update(
            f"{format_day(week.first_day)} to {format_day(week.last_day)} · {week.scope} · Enter opens the case")
        lines = self.query_one("#week-lines", CaseLines)
        lines.show_groups([LineGroup(f"{section.title} ({len(section.lines)})", section.lines, section.title)
                           for section in week.sections if section.lines])
        lines.focus()

    def on_case_lines_case_chosen(self, message: CaseLines.CaseChosen) -> None:
        workbench(self).open_case(message.case_id)

    def action_move_week(self, weeks: int) -> None:
        self.day += timedelta(weeks=weeks)
        self.read()

    def action_this_week(self) -> None:
        self.day = workbench(self).today()
        self.read()

    def action_back(self) -> None:
        self.app.pop_screen()


def open_week(app: object) -> None:
    """Show my week, or bring it back if it is already open beneath."""
    fgdm = workbench(app)  # type: ignore[arg-type]
    if isinstance(fgdm.screen, WeekScreen):
        return
    fgdm.push_screen(WeekScreen(fgdm.today()))
