"""The Notes tab: the case's contact log, the latest first; `i` records a contact, Enter corrects one.

A contact with a follow-up date shows in the coordinator's week (`w` on home) on that day; clearing the date
once it is done takes it off.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from fgdm.domain.enums import ContactMethod
from fgdm.i18n import format_day_short
from fgdm.services import notes
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.actions import Action, bindings_for, register
from fgdm.tui.widgets.case_tab import CaseTab
from fgdm.tui.widgets.form import FormField, FormScreen

register(
    Action("notes.add", "notes", "i", "add_note", "Add note", "Record a contact: who, how, what was agreed"),
    Action("notes.edit", "notes", "enter", "edit_note", "Edit note",
           "Correct the highlighted note, or change or clear its follow-up date"),
)

NOTE_FIELDS = [
    FormField("noted_on", "Date of the contact", "date", required=True),
    FormField("who", "Who you were in touch with", required=True, placeholder="e.g. Mother, Sarah"),
    FormField("method", "How", "choice", [(method.label, method.value) for method in ContactMethod], required=True),
    FormField("agreed", "What was said and agreed", "long_text", required=True),
    FormField("follow_up_on", "Follow up on (blank: no follow-up)", "date"),
]


class NotesTab(CaseTab):
    ACTION_SCOPE = "notes"
    BINDINGS = bindings_for("notes")

    def __init__(self, case_id: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(case_id, id=id, classes=classes)
        self.notes: list[notes.NoteView] | None = None

    def compose(self) -> ComposeResult:
        table: DataTable[str] = DataTable(id="notes-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("Date", "How", "Who", "What was agreed", "Follow up")
        yield table
        yield Static(id="notes-empty", markup=False)

    def fetch(self, ctx: ServiceContext) -> list[notes.NoteView]:
        return notes.list_notes(ctx, self.case_id)

    def show(self, data: list[notes.NoteView]) -> None:
        self.notes = data
        table = self.query_one("#notes-table", DataTable)
        row = table.cursor_row
        table.clear()
        for note in data:
            table.add_row(format_day_short(note.noted_on), note.method.label, note.who[:24],
                          note.agreed.replace("\n", " ")[:36], format_day_short(note.follow_up_on), key=str(note.id))
        if data:
            table.move_cursor(row=min(row, len(data) - 1))
        self.query_one("#notes-empty", Static).update(
            "" if data else "No contacts recorded yet: press i to record a phone call, visit, letter or email.")

    def _saved(self, result: Any) -> None:
        if result is not None:
            self.reload()

    def action_add_note(self) -> None:
        self.app.push_screen(
            FormScreen("Record a contact", NOTE_FIELDS,
                       lambda ctx, values, _version: notes.add_note(ctx, self.case_id, values),
                       initial={"noted_on": self.fgdm.today(), "method": ContactMethod.PHONE.value},
                       saved_message=lambda note: f"Noted: {note.method.label.lower()} with {note.who}"),
            self._saved)

    def action_edit_note(self) -> None:
        if not self.notes:
            self.notify("There are no notes yet: press i to record a contact.", severity="warning")
            return
        note = self.notes[min(self.query_one("#notes-table", DataTable).cursor_row, len(self.notes) - 1)]
        initial = {"noted_on": note.noted_on, "who": note.who, "method": note.method.value, "agreed": note.agreed,
                   "follow_up_on": note.follow_up_on}
        self.app.push_screen(
            FormScreen("Edit the note", NOTE_FIELDS,
                       lambda ctx, values, version: notes.update_note(ctx, note.id, values, expected_version=version),
                       initial=initial, version=note.version, saved_message=lambda _note: "Note saved"),
            self._saved)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_note()
