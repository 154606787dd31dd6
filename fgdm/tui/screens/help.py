"""The help screen: how to do the main things, then every key in every scope, from the action registry."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from fgdm.tui.actions import SCOPE_TITLES, Action, bindings_for, every_action

GETTING_STARTED: tuple[tuple[str, str], ...] = (
    ("n", "New case: family name, one child, referral date; ctrl+s saves"),
    ("/ or l", "Find a case: type part of a reference or any name in it"),
    ("enter", "From the search box to the list; enter again opens the case"),
    ("a", "On a case: advance it to its next stage"),
    ("x / o", "On a case: close it with a reason / reopen it"),
    ("e", "On a case: edit the overview (referral, consent, LBP date)"),
    ("1 to 9", "On a case: show a tab (Overview … History, 8 Notes, 9 Documents)"),
    ("m", "Meetings tab: move a meeting to a new day, time or venue"),
    ("h", "Home: your cases by stage and what needs action"),
    ("w / f7", "My week: meetings, visits, follow-ups and tasks due; enter opens the case"),
    ("ctrl+p", "Every action by name, and search for a case or person"),
)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = Path(__file__).with_name("help.tcss")
    BINDINGS = bindings_for("help")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static("fgdm help  (Esc to close)", id="help-title")
            yield Static("Getting started", classes="help-heading")
            yield Static(Content("\n").join(Content.from_markup("  [b]$key[/b]  $what", key=key.ljust(8), what=what)
                                             for key, what in GETTING_STARTED), id="help-getting-started")
            yield Static("Every key", classes="help-heading")
            table: DataTable[str] = DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            table.add_columns("Where", "Key", "Action", "What it does")
            for action in sorted(every_action(), key=lambda item: _scope_order(item.scope)):
                table.add_row(SCOPE_TITLES.get(action.scope, action.scope.replace("_", " ").capitalize()),
                              self.key_display(action), action.description, action.help)
            yield table

    def key_display(self, action: Action) -> str:
        return ", ".join(self.app.get_key_display(Binding(key.strip(), action.action))
                         for key in action.keys.split(","))


def _scope_order(scope: str) -> int:
    order = list(SCOPE_TITLES)
    return order.index(scope) if scope in order else len(order)
