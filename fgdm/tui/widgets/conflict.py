"""What to do when someone else saved a record since the form opened: show both values, then choose."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Static

from fgdm.services.shared.errors import Conflict
from fgdm.tui.actions import bindings_for

ConflictChoice = Literal["reload", "reapply", "cancel"]


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    return str(getattr(value, "label", value))


class ConflictDialog(ModalScreen[ConflictChoice]):
    """Reload (take theirs), reapply (save yours over theirs) or go back to the form."""

    CSS_PATH = Path(__file__).with_name("dialogs.tcss")

    BINDINGS = bindings_for("conflict")

    def __init__(self, conflict: Conflict) -> None:
        super().__init__(classes="conflict")
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-dialog"):
            yield Static(f"{self.conflict.record} was changed by someone else since you opened it.",
                         id="conflict-message", markup=False)
            table: DataTable[str] = DataTable(id="conflict-table", cursor_type="none", show_cursor=False)
            table.add_columns("Field", "Saved now", "Yours")
            for name, (theirs, yours) in self.conflict.differences.items():
                table.add_row(name.replace("_", " "), _shown(theirs), _shown(yours))
            yield table
            with Horizontal(id="conflict-buttons"):
                yield Button("Reload theirs (r)", id="conflict-reload")
                yield Button("Reapply mine (a)", id="conflict-reapply", variant="warning")
                yield Button("Back (esc)", id="conflict-cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(str(event.button.id).removeprefix("conflict-"))  # type: ignore[arg-type]

    def action_choose(self, choice: ConflictChoice) -> None:
        self.dismiss(choice)
