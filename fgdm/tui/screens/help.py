"""The help screen: how to do the main things, then every key in every scope, from the action registry."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from fgdm.tui.actions import SCOPE_TITLES, Action, all_actions

GETTING_STARTED = """\
Getting started
  n            open a new case: fill in the family, one child and the referral date, then ctrl+s to save
  / or l       find a case: type any part of a reference, a child's, family or network member's name;
               Enter moves to the list, Enter again opens the highlighted case
  a            on a case: advance it to its next stage (Referred → Preparing → Meeting held → Plan agreed
               → Reviewing)
  x / o        on a case: close it with a reason / reopen it
  e            on a case: edit the overview (referral, consent, letter before proceedings date)
  h            back to home: your cases by stage and what needs action
  ctrl+p       the command palette: every action by name, and search for a case or person
"""


class HelpScreen(ModalScreen[None]):
    CSS_PATH = Path(__file__).with_name("help.tcss")
    BINDINGS = [Binding("escape,q,question_mark,f1", "app.pop_screen", "Close help", id="help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static("fgdm help  (Esc to close)", id="help-title")
            yield Static(GETTING_STARTED, id="help-getting-started", markup=False)
            table: DataTable[str] = DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            table.add_columns("Where", "Key", "Action", "What it does")
            for action in sorted(all_actions(), key=lambda item: _scope_order(item.scope)):
                table.add_row(SCOPE_TITLES.get(action.scope, action.scope.replace("_", " ").capitalize()),
                              self.key_display(action), action.description, action.help)
            yield table

    def key_display(self, action: Action) -> str:
        return ", ".join(self.app.get_key_display(Binding(key.strip(), action.action))
                         for key in action.keys.split(","))


def _scope_order(scope: str) -> int:
    order = list(SCOPE_TITLES)
    return order.index(scope) if scope in order else len(order)
