"""Home: my cases by stage, the next fortnight's meetings, and what needs action; every line opens its case."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from fgdm.domain.enums import CaseStatus
from fgdm.i18n import format_day, format_number
from fgdm.services import home
from fgdm.tui.actions import bindings_for
from fgdm.tui.startup import start_up_over
from fgdm.tui.widgets.case_lines import SHOWN, CaseLines, LineGroup
from fgdm.tui.widgets.key_bar import KeyBar
from fgdm.tui.widgets.service_call import run_service, workbench

if TYPE_CHECKING:
    from fgdm.services.shared.context import ServiceContext
    from fgdm.tui.app import FgdmApp

FIRST_READ_WAIT = 0.3
"""Seconds home, once made, waits for its first data before it is first laid out and drawn.

Drawn empty and then again with its data, home took half as long again: the data thread and the first layout
took turns at the interpreter, and everything was laid out twice (`docs/performance.md`). Home's widgets are made
and styled while the data are read. A database slower than this gets home at once, saying "Loading…", and the
same read fills it when it ends.
"""

FIRST_RUN = ("Welcome to fgdm. There are no cases yet.\n\n"
             "Press n to open a new case from a referral, or try fgdm with a fictional service first:\n"
             "quit (ctrl+q) and run  fgdm demo --open\n\n"
             "Press ? at any time to see every key.")


class HomeScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("home.tcss")
    ACTION_SCOPE = "home"
    BINDINGS = bindings_for("home")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    def __init__(self, first_read: asyncio.Future[home.HomeView] | None = None) -> None:
        super().__init__(classes=self._width_class(self.app.size.width))
        self._first_read = first_read

    @classmethod
    def _width_class(cls, width: int) -> str:
        """The breakpoint class for the width home opens at, given at once: Textual gives it at the first resize,
        and a class new then styled every widget of home again (a twentieth of a large service's start)."""
        return next(name for least, name in sorted(cls.HORIZONTAL_BREAKPOINTS, reverse=True) if width >= least)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="home-greeting", markup=False)
        yield Static(f"Files are written to {shown_folder(workbench(self).output_folder())}"
                     " · w my week", id="home-files", markup=False)
        yield Static(FIRST_RUN, id="first-run", markup=False)
        with Horizontal(id="home-columns"):
            yield self.panel("My cases by stage", CaseLines(empty="No open cases.", id="home-stages"),
                             id="home-left")
            with Vertical(id="home-right"):
                yield self.panel("Needs action", CaseLines(empty="Nothing needs action.", id="home-actions"))
                yield self.panel(f"Meetings in the next {home.UPCOMING_DAYS} days",
                                 CaseLines(empty="No meetings planned.", id="home-upcoming"))
        yield KeyBar()

    @staticmethod
    def panel(title: str, lines: CaseLines, *, id: str | None = None) -> Vertical:
        """A bordered panel titled in its border, so every row inside is a case line."""
        panel = Vertical(lines, id=id, classes="home-panel")
        panel.border_title = title
        return panel

    async def on_mount(self) -> None:
        """At start, wait here (up to `FIRST_READ_WAIT`) for home's first data: the widgets are made and styled
        while the data are read, and nothing is laid out or drawn until they are shown."""
        self.query_one("#first-run").display = False
        if self._first_read is not None:
            await asyncio.wait({self._first_read}, timeout=FIRST_READ_WAIT)

    def on_screen_resume(self) -> None:
        """Shown first, or again after a case was opened and perhaps changed: one read either way.

        Reading on mount as well started two full reads of home at once, each slowing the other.
        """
        first, self._first_read = self._first_read, None
        if first is None:
            self.refresh_home()
        elif first.done():
            self._show_first_read(first)
        else:
            first.add_done_callback(self._show_first_read)

    def _show_first_read(self, first: asyncio.Future[home.HomeView]) -> None:
        shown: home.HomeView | None = None
        try:
            # Asked even when closing, so a failed read's error is never left unretrieved (asyncio reports it).
            failed = first.cancelled() or first.exception() is not None
            if not self.is_attached:
                return
            if failed:
                self.refresh_home()  # read again through run_service, which tells the user what went wrong
                return
            shown = first.result()
            self.show_home(shown)
        finally:
            if shown is None:
                start_up_over()  # a first look shown ends the start once the full read is shown (`show_home`)

    def refresh_home(self) -> None:
        opened = self.query_one("#home-stages", CaseLines).opened
        run_service(self, _home_read(workbench(self), opened), self.show_home, group="home")

    def action_refresh(self) -> None:
        self.refresh_home()

    def show_home(self, view: home.HomeView) -> None:
        """Home's data; a first look (``view.complete`` false) shows the stages and has the records opened and
        home read whole once it is drawn."""
        if view.complete:
            start_up_over()
        else:
            self.call_after_refresh(workbench(self).open_records, self.refresh_home)
        today = format_day(workbench(self).today())
        self.query_one("#first-run").display = not view.any_cases
        self.query_one("#home-columns").display = view.any_cases
        greeting = self.query_one("#home-greeting", Static)
        if not view.any_cases:
            greeting.update(today)
            return
        open_cases = sum(group.total for group in view.my_cases)
        needing = (f"{_count(len(view.needs_action), bool(view.more_than_listed))} needing action" if view.complete
                   else "reading what needs action…")
        greeting.update(f"{today} · {format_number(open_cases)} open {'case' if open_cases == 1 else 'cases'} "
                        f"({view.scope}) · {needing}")
        self.query_one("#home-stages", CaseLines).show_groups(
            [LineGroup(f"{group.status.label} ({format_number(group.total)})", group.cases, group.status.value,
                       group.listed)
             for group in view.my_cases if group.total])
        if not view.complete:
            for waiting in ("#home-actions", "#home-upcoming"):
                self.query_one(waiting, CaseLines).show_waiting("Reading…")
            return
        by_kind: dict[str, list[home.CaseLine]] = {}
        titles: dict[str, str] = {}
        for item in view.needs_action:
            by_kind.setdefault(item.kind, []).append(item.line)
            titles[item.kind] = item.title
        self.query_one("#home-actions", CaseLines).show_groups(
            [LineGroup(f"{titles[kind]} ({_count(len(lines), kind in view.more_than_listed)})", lines, kind)
             for kind, lines in by_kind.items()])
        self.query_one("#home-upcoming", CaseLines).show_groups([LineGroup("", view.upcoming, "upcoming")])

    def on_case_lines_case_chosen(self, message: CaseLines.CaseChosen) -> None:
        workbench(self).open_case(message.case_id)

    def on_case_lines_lines_wanted(self, message: CaseLines.LinesWanted) -> None:
        """A stage's "more" line: its lines are read whole now, as they were read only in part for the start."""
        stages = self.query_one("#home-stages", CaseLines)
        run_service(self, partial(home.stage_cases, status=message.key),
                    partial(stages.show_lines, message.key), group="home-stage")


def shown_folder(folder: Path) -> str:
    """A folder as the user would type it: their home folder as ~."""
    try:
        return str(Path("~") / folder.relative_to(Path.home()))
    except ValueError:
        return str(folder)


def _count(listed: int, more: bool) -> str:
    """How many are listed, or "more than" that where the read stopped short of them all."""
    return f"more than {format_number(listed)}" if more else format_number(listed)


def _home_read(app: FgdmApp, opened: frozenset[str] = frozenset()) -> Callable[[ServiceContext], home.HomeView]:
    """Home's read as the workbench makes it, first and on every return: its halves side by side if they can be,
    and of each stage the lines shown before its "more" line is chosen, or all of them once it was. The read
    and the records are looked up in the worker thread that runs it, never on the screen's."""
    lines = stage_lines(opened)

    def read(ctx: ServiceContext) -> home.HomeView:
        return home.home(ctx, side_by_side=app.side_by_side(), stage_lines=lines)

    return read


def stage_lines(opened: frozenset[str] = frozenset()) -> home.StageLines:
    """Of each stage, the lines home shows before its "more" line is chosen; all of those whose was."""
    return home.StageLines(first=SHOWN + 1, whole=frozenset(CaseStatus(key) for key in opened))


def first_look(url: str, username: str) -> home.HomeView | None:
    """Home's first look for `fgdm` to draw before the records are opened (`fgdm.services.home.glance`)."""
    from fgdm.services.home.glance import glance

    return glance(url, username, stage_lines())


def _read_home(app: FgdmApp) -> home.HomeView:
    with app.service_context() as ctx:
        return _home_read(app)(ctx)


def start_first_read(app: FgdmApp) -> asyncio.Future[home.HomeView]:
    """Home's first read, started as the workbench loads: it runs while the workbench sets up its screen."""
    worker = app.run_worker(partial(_read_home, app), thread=True, group="first-home", exit_on_error=False)
    return asyncio.ensure_future(worker.wait())
