"""The workbench application shell."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from fgdm.services.context import Workspace


class FgdmApp(App[None]):
    TITLE = "fgdm"
    SUB_TITLE = "Family group decision making"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, workspace: Workspace, *, username: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.username = username

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Welcome to fgdm.", id="welcome")
        yield Footer()
