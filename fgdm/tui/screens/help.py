"""The help screen: the keys of the screen and tab in view first, how to do the main things, then every other key.

Everything comes from the action registry, and each key's words wrap to the terminal's width, so nothing is
cut at 80 columns and `?` is enough to find any key the workbench has.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path

from textual.app import ComposeResult, RenderResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from fgdm.tui.actions import SCOPE_TITLES, Action, bindings_for, every_action

GETTING_STARTED: tuple[tuple[str, str], ...] = (
    ("n", "New case: family name, one child, referral date; ctrl+s saves"),
    ("/ or l", "Find a case: type part of a reference or any name in it"),
    ("enter", "From the search box to the list; enter again opens the case"),
    ("a", "On a case: advance it to its next stage"),
    ("x / o", "On a case: close it with a reason / reopen it"),
    ("e", "On a case: edit the overview (referral, consent, LBP date)"),
    ("1 to 9", "On a case: show a tab (Overview … History, 8 Notes, 9 Documents); its keys work at once"),
    ("m", "Meetings tab: move a meeting to a new day, time or venue"),
    ("h", "Home: your cases by stage and what needs action"),
    ("w / f7", "My week: meetings, visits, follow-ups and tasks due; enter opens the case"),
    ("ctrl+p", "Every action by name, and search for a case or person"),
)


KEY_WIDTH = 14


class KeyList(Widget):
    """Keys and their words in two columns, the words wrapped within the widget's width under their own column
    (one widget for a list: a widget per key made the help take seconds to open)."""

    DEFAULT_CSS = "KeyList { height: auto; }"

    def __init__(self, rows: list[tuple[str, str]], *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.rows = rows

    def lines(self, width: int) -> list[Content]:
        room = max(width - KEY_WIDTH, 10)
        lines: list[Content] = []
        for key, words in self.rows:
            for number, part in enumerate(textwrap.wrap(words, room) or [""]):
                shown = (key if number == 0 else "").ljust(KEY_WIDTH)
                lines.append(Content.assemble((shown, "bold"), part))
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> RenderResult:
        return Content("\n").join(self.lines(self.size.width))

    def text(self) -> str:
        """The list as drawn at the widget's width, for reading back."""
        return "\n".join(line.plain for line in self.lines(self.size.width))


def scopes_in_view(screen: Screen[object]) -> list[str]:
    """The scopes whose keys work on the screen as shown: a tab's (only the tab on show), the screen's, the app's."""
    scopes: list[str] = []
    for widget in screen.query("*"):
        scope = getattr(widget, "ACTION_SCOPE", None)
        if scope and widget.region.area and scope not in scopes:
            scopes.append(scope)
    screen_scope = getattr(screen, "ACTION_SCOPE", None)
    return [*scopes, *([screen_scope] if screen_scope else []), "app"]


def scope_title(scope: str) -> str:
    return SCOPE_TITLES.get(scope, scope.replace("_", " ").capitalize())


class HelpScreen(ModalScreen[None]):
    CSS_PATH = Path(__file__).with_name("help.tcss")
    BINDINGS = bindings_for("help")

    def __init__(self, here: Sequence[str] = ("app",)) -> None:
        super().__init__()
        self.here = list(dict.fromkeys(here))

    def compose(self) -> ComposeResult:
        actions = every_action()
        with VerticalScroll(id="help-dialog"):
            yield Static("fgdm help  (Esc to close)", id="help-title")
            for scope in self.here:
                yield from self._keys(f"Keys here: {scope_title(scope)}", (a for a in actions if a.scope == scope))
            yield Static("Getting started", classes="help-heading")
            yield self._table(GETTING_STARTED)
            order = list(SCOPE_TITLES)
            elsewhere = sorted({a.scope for a in actions} - set(self.here),
                               key=lambda scope: (order.index(scope) if scope in order else len(order), scope))
            for scope in elsewhere:
                yield from self._keys(f"Elsewhere: {scope_title(scope)}", (a for a in actions if a.scope == scope))

    def _keys(self, heading: str, actions: Iterable[Action]) -> ComposeResult:
        listed = list(actions)
        if listed:
            yield Static(heading, classes="help-heading", markup=False)
            yield self._table((self.key_display(action), action.description if action.help in ("", action.description)
                               else f"{action.description}: {action.help}") for action in listed)

    @staticmethod
    def _table(rows: Iterable[tuple[str, str]]) -> KeyList:
        return KeyList(list(rows), classes="help-keys")

    def key_display(self, action: Action) -> str:
        return ", ".join(self.app.get_key_display(Binding(key.strip(), action.action))
                         for key in action.keys.split(","))
