"""The coordinator's diary: one week of meetings across all their cases, in UK local time.

`[` and `]` move a week, `t` comes back to this week, enter opens the meeting's case, `e` saves the week
as one calendar file. A coordinator sees their own diary; the single user of a desktop database (who has
no staff record) sees every meeting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from fgdm.i18n import format_day, format_number, format_time_of_day
from fgdm.services import meetings
from fgdm.services.meetings import MeetingView
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.actions import Action, bindings_for, register
from fgdm.tui.widgets.form import FormField, FormScreen
from fgdm.tui.widgets.key_bar import KeyBar
from fgdm.tui.widgets.service_call import run_service, workbench
from fgdm.tui.widgets.written import show_written

register(
    Action("diary.previous", "diary", "left_square_bracket", "move_week(-1)", "Previous week",
           "Show the week before"),
    Action("diary.next", "diary", "right_square_bracket", "move_week(1)", "Next week", "Show the week after"),
    Action("diary.this_week", "diary", "t", "this_week", "This week", "Back to the current week"),
    Action("diary.export", "diary", "e", "export", "Save .ics", "Save this week as one calendar file"),
    Action("diary.back", "diary", "escape", "back", "Back", "Return to the previous screen"),
)


EXPORT_FIELDS = [FormField("output", "Save as", required=True)]


@dataclass
class DiaryWeek:
    monday: date
    coordinator: str | None
    views: list[MeetingView]


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_rows(week: DiaryWeek) -> list[tuple[str | None, tuple[str, ...]]]:
    """One row per meeting, and a quiet row for each day with none, so the week reads as a week."""
    rows: list[tuple[str | None, tuple[str, ...]]] = []
    for offset in range(7):
        day = week.monday + timedelta(days=offset)
        todays = [v for v in week.views if v.local_start.date() == day]
        label = f"{day:%a} {format_day(day)}"
        if not todays:
            rows.append((None, (label, "", "", "No meetings", "", "")))
        for view in todays:
            meeting = view.meeting
            rows.append((str(meeting.id), (
                label, f"{format_time_of_day(meeting.starts_at)}–{format_time_of_day(meeting.ends_at)}",
                f"{view.case_reference} {view.family_name}", meeting.kind.label,
                view.venue.name if view.venue else meeting.location_note, meeting.status.label)))
            label = ""
    return rows


def diary_heading(week: DiaryWeek) -> str:
    whose = f"{week.coordinator}'s diary" if week.coordinator else "Diary"
    count = len(week.views)
    return (f"{whose}: week of {format_day(week.monday)} · {format_number(count)} meeting{'s' if count != 1 else ''}"
            " · UK time")


class DiaryScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("diary.tcss")
    ACTION_SCOPE = "diary"
    BINDINGS = bindings_for("diary")

    def __init__(self) -> None:
        super().__init__(classes="diary-screen")
        self.monday: date | None = None
        self.week: DiaryWeek | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the diary…", id="diary-heading", markup=False)
        table: DataTable[str] = DataTable(id="diary-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("Day", "Time", "Case", "Meeting", "Where", "Status")
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        self.monday = week_of(self.app.today())  # type: ignore[attr-defined]
        self.load()

    def _coordinator(self, ctx: ServiceContext) -> str | None:
        return ctx.actor.username if ctx.actor.staff_id is not None else None

    def load(self) -> None:
        monday = self.monday
        assert monday is not None

        def fetch(ctx: ServiceContext) -> DiaryWeek:
            coordinator = self._coordinator(ctx)
            views = meetings.diary(ctx, coordinator=coordinator, first_day=monday,
                                         last_day=monday + timedelta(days=6))
            return DiaryWeek(monday=monday, coordinator=coordinator, views=views)

        run_service(self, fetch, self.show_week, group="diary-fetch")

    def show_week(self, week: DiaryWeek) -> None:
        self.week = week
        self.query_one("#diary-heading", Static).update(diary_heading(week))
        table = self.query_one("#diary-table", DataTable)
        table.clear()
        for key, cells in week_rows(week):
            table.add_row(*cells, key=key)

    def action_move_week(self, weeks: int) -> None:
        if self.monday is not None:
            self.monday += timedelta(weeks=weeks)
            self.load()

    def action_this_week(self) -> None:
        self.monday = week_of(self.app.today())  # type: ignore[attr-defined]
        self.load()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.week is None or event.row_key.value is None:
            return
        meeting_id = int(event.row_key.value)
        view = next(v for v in self.week.views if v.meeting.id == meeting_id)
        self.app.open_case(view.meeting.case_id)  # type: ignore[attr-defined]

    def action_export(self) -> None:
        week = self.week
        if week is None:
            return
        default = workbench(self).workspace.settings.output_folder() / f"diary-{week.monday.isoformat()}.ics"

        def save(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> Path:
            data = meetings.diary_ics(ctx, coordinator=week.coordinator, first_day=week.monday,
                                                  last_day=week.monday + timedelta(days=6))
            return meetings.write_file(data, Path(values["output"] or default).expanduser())

        self.app.push_screen(FormScreen("Save the week as a calendar", EXPORT_FIELDS,
                                        save, initial={"output": str(default)},
                                        saved_message=lambda _path: "Diary saved"),
                             lambda path: show_written(self.app, "The week was saved as a calendar", [path])
                             if path is not None else None)

    def action_back(self) -> None:
        self.app.pop_screen()
