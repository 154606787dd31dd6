"""A small yes/no question as a modal screen, dismissed with True (yes) or False (no)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from fgdm.tui.actions import bindings_for


class Confirmation(ModalScreen[bool]):
    """Ask before something that cannot be taken back with one key (discarding changes, closing a case)."""

    CSS_PATH = Path(__file__).with_name("dialogs.tcss")

    BINDINGS = bindings_for("confirm")

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="confirmation")
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirmation-dialog"):
            yield Static(self.question, id="confirmation-question", markup=False)
            with Horizontal(id="confirmation-buttons"):
                yield Button(f"{self.yes_label} (y)", id="confirmation-yes", variant="primary")
                yield Button(f"{self.no_label} (n)", id="confirmation-no")

    def on_mount(self) -> None:
        self.query_one("#confirmation-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirmation-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
