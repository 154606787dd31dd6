"""The workbench application shell: screens, the current coordinator, the clock, and the app-wide actions."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.geometry import Size
from textual.screen import Screen

from fgdm.services.shared.clock import london_today, system_clock
from fgdm.tui.actions import bindings_for
from fgdm.tui.commands import FgdmCommands
from fgdm.tui.opening import RecordsOpening
from fgdm.tui.screens.home import HomeScreen, start_first_read
from fgdm.tui.startup import postpone_full_collections, start_up_over
from fgdm.tui.textual_fixes import apply as apply_textual_fixes
from fgdm.tui.type_ahead import TypeAhead

if TYPE_CHECKING:
    from fgdm.services.home import HomeView
    from fgdm.services.shared.context import ServiceContext, Workspace

apply_textual_fixes()


class FgdmApp(App[None]):
    """The coordinator's workbench on one workspace, acting as `username` (or the local owner).

    Only home is imported with the app: every other screen, and the services, documents and reports behind it,
    is imported when first opened, so a start pays for what home shows and nothing else. Started by `fgdm` with
    the records still ``opening`` (`fgdm.tui.opening`), it draws home's first look and opens them after.
    """

    TITLE = "fgdm"
    SUB_TITLE = "Family group decision making"
    CSS_PATH = [Path(__file__).with_name("app.tcss"), HomeScreen.CSS_PATH]
    """Home's styles are read with the app's: the first screen's, read as it was shown, had Textual parse every
    stylesheet again and restyle the whole app (5 ms of a large service's start)."""
    BINDINGS = bindings_for("app")
    COMMANDS = App.COMMANDS | {FgdmCommands}

    def __init__(self, workspace: Workspace | None = None, *, username: str | None = None,
                 opening: RecordsOpening | None = None) -> None:
        super().__init__()
        if (workspace is None) == (opening is None):
            raise ValueError("the workbench needs either open records or records being opened")
        self._workspace = workspace
        self.opening = opening
        self.username = username
        self._terminal_size: Size | None = None
        self.type_ahead = TypeAhead(self)

    @property
    def workspace(self) -> Workspace:
        """The open records; while they are still being opened, waits for them (service calls run in threads of
        their own, so the screen goes on while one waits)."""
        if self._workspace is None:
            assert self.opening is not None
            self._workspace = self.opening.wait()
        return self._workspace

    def open_records(self, then: Callable[[], None]) -> None:
        """Open the records being opened (once), then ``then`` on the UI thread; if they cannot be opened, close
        the workbench, and `fgdm` reports why as it reports any failed start."""
        if self.opening is None:
            then()
            return

        def opened() -> None:
            if self.is_running:
                self.call_from_thread(self._records_opened, then)

        self.opening.start(opened)

    def _records_opened(self, then: Callable[[], None]) -> None:
        if self.opening is not None and self.opening.failure is not None:
            self.exit(return_code=1)
            return
        then()

    def output_folder(self) -> Path:
        """Where generated files go, as the settings say (known before the records are open)."""
        if self._workspace is None and self.opening is not None:
            return self.opening.output_folder
        return self.workspace.settings.output_folder()

    async def on_event(self, event: events.Event) -> None:
        """Keys wait behind an earlier key's action, or a form on its way (`fgdm.tui.type_ahead`)."""
        if self.type_ahead.arrived(event):
            return
        await super().on_event(event)
        self.type_ahead.handled(event)

    def push_screen(self, screen: Screen[object] | str, *args: object, **kwargs: object) -> object:
        """A screen that takes typing (a form) holds the keys typed before its first field has the focus."""
        if getattr(screen, "HOLDS_TYPE_AHEAD", False):
            self.type_ahead.focus_coming()
        return super().push_screen(screen, *args, **kwargs)  # type: ignore[arg-type]

    def service_context(self) -> AbstractContextManager[ServiceContext]:
        """A fresh service context as the current user; workers open one per call."""
        return self.workspace.context(self.username)

    def side_by_side(self) -> Callable[[], AbstractContextManager[ServiceContext]] | None:
        """What opens further contexts for a read in parts at once (home's), where the store allows it."""
        return self.service_context if self.workspace.reads_side_by_side else None

    def today(self) -> date:
        """Today in England by the workspace's clock, which tests freeze (the system's while records open)."""
        return london_today(self._workspace.clock if self._workspace is not None else system_clock)

    def on_load(self) -> None:
        postpone_full_collections()
        self._first_read = start_first_read(self) if self.opening is None else _ready(self.opening.first_look)

    def on_unmount(self) -> None:
        start_up_over()  # a workbench closed before home's first read ended

    def on_resize(self, event: events.Resize) -> None:
        """Pass on only a change of size: the terminal's first report repeats the size the app started with.

        Textual passes every report to the screen when next idle, which lays out and draws the whole screen
        again; at start that redrew home with its data a second time (40 ms of 110 on a large service).
        """
        if event.size == self._terminal_size:
            event.prevent_default()
        self._terminal_size = event.size

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self._first_read))

    def report_unexpected(self, error: BaseException) -> None:
        """The workbench's error boundary: a failure the user can fix (the database gone, a number too large, a
        file unreadable) as one line naming it; anything else as a fault to report."""
        from fgdm.services.shared.failures import explain

        explained = explain(error, database=self.workspace.url)
        if explained is not None:
            self.notify(explained, title="Not done", severity="error", timeout=12)
            return
        self.notify(f"Something went wrong and nothing was changed: {error!r}. Please report this.",
                    title="Unexpected error", severity="error", timeout=15)

    async def action_quit(self) -> None:
        """Leave fgdm; with typed changes in a form it asks first, as Esc on the form does."""
        if not any(getattr(screen, "has_unsaved_changes", lambda: False)() for screen in self.screen_stack):
            self.exit()
            return
        from fgdm.tui.widgets.confirmation import Confirmation

        if isinstance(self.screen, Confirmation):
            return  # a question is on screen already: answer it first
        self.push_screen(Confirmation("Quit fgdm and discard what you typed in the form?", yes="Quit",
                                      no="Keep editing"), lambda quit_now: self.exit() if quit_now else None)

    def open_case(self, case_id: int) -> None:
        from fgdm.tui.screens.case import CaseScreen

        self.push_screen(CaseScreen(case_id))

    def action_go_home(self) -> None:
        """Back to home (always at the bottom of the stack), which refreshes as it shows again."""
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_home()
            return
        while not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def _show_case_list(self, *, focus_search: bool) -> None:
        """Back to the case list if it is open beneath (keeping its search), otherwise open it."""
        from fgdm.tui.screens.case_list import CaseListScreen

        if any(isinstance(screen, CaseListScreen) for screen in self.screen_stack):
            while not isinstance(self.screen, CaseListScreen):
                self.pop_screen()
        else:
            self.push_screen(CaseListScreen())
        if focus_search:
            self.call_after_refresh(self._focus_case_search)

    def _focus_case_search(self) -> None:
        """Into the case list's search box, if the case list is still what shows (a key may have moved on)."""
        from fgdm.tui.screens.case_list import CaseListScreen

        if isinstance(self.screen, CaseListScreen):
            self.screen.query_one("#case-search").focus()

    def action_case_list(self) -> None:
        self._show_case_list(focus_search=False)

    def action_find_case(self) -> None:
        self._show_case_list(focus_search=True)

    def action_new_case(self) -> None:
        from fgdm.tui.screens.case_forms import open_new_case_form

        def created(case: object) -> None:
            case_id = getattr(case, "id", None)
            if case_id is not None:
                self.open_case(case_id)

        open_new_case_form(self.screen, created)

    def action_open_reports(self) -> None:
        from fgdm.tui.screens.reports import open_reports

        open_reports(self)

    def action_open_week(self) -> None:
        from fgdm.tui.screens.week import open_week

        open_week(self)

    def action_open_budget(self) -> None:
        from fgdm.tui.screens.budget import open_budget

        open_budget(self, self.today())

    def action_open_settings(self) -> None:
        from fgdm.tui.screens.settings import open_settings

        open_settings(self)

    def action_help(self) -> None:
        from fgdm.tui.screens.help import HelpScreen, scopes_in_view

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(scopes_in_view(self.screen)))


def _ready(view: HomeView) -> asyncio.Future[HomeView]:
    """Home's first look, read before the workbench started, as the first read home waits for."""
    future: asyncio.Future[HomeView] = asyncio.get_running_loop().create_future()
    future.set_result(view)
    return future
