"""`fgdm` draws home's first look (my cases by stage) before the records are opened, then opens them and shows
home whole; keys pressed meanwhile wait for the records, and records that cannot be opened end the workbench
with the usual one-line report."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from textual.widgets import Static

from fgdm.cli import workbench
from fgdm.cli.state import CliState
from fgdm.services.shared.context import Workspace
from fgdm.services.shared.errors import PermissionDenied
from fgdm.tui.app import FgdmApp
from fgdm.tui.opening import RecordsOpening
from fgdm.tui.screens.case_list import CaseListScreen
from fgdm.tui.screens.home import HomeScreen, first_look
from fgdm.tui.widgets.case_lines import CaseLines
from tests.tui.conftest import settle


def _opening(workspace: Workspace, url: str, open_records=None) -> RecordsOpening:  # type: ignore[no-untyped-def]
    look = first_look(url, "")
    assert look is not None
    return RecordsOpening(look, workspace.settings.output_folder(), open_records or (lambda: workspace))


def greeting(app: FgdmApp) -> str:
    return str(app.screen.query_one("#home-greeting", Static).render())


def stage_lines(app: FgdmApp) -> list[str]:
    stages = app.screen.query_one("#home-stages", CaseLines)
    return [str(stages.get_option_at_index(index).prompt) for index in range(stages.option_count)]


async def test_home_shows_its_first_look_then_itself_whole(filled_workspace: Workspace, sqlite_url: str) -> None:
    opened: list[str] = []

    def open_records() -> Workspace:
        opened.append(greeting(app))  # what the screen said while the records were being opened
        return filled_workspace

    app = FgdmApp(opening=_opening(filled_workspace, sqlite_url, open_records))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert opened and "6 open cases (all open cases) · reading what needs action…" in opened[0]
        assert "6 open cases (all open cases) · 4 needing action" in greeting(app)
        first = stage_lines(app)
    whole = FgdmApp(filled_workspace)
    async with whole.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert stage_lines(whole) == first  # the first look's stages are the full read's


async def test_a_key_pressed_at_once_waits_for_the_records(filled_workspace: Workspace, sqlite_url: str) -> None:
    app = FgdmApp(opening=_opening(filled_workspace, sqlite_url))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)
        assert app.opening is not None and app.opening.opened() is not None


async def test_records_that_cannot_be_opened_end_the_workbench_with_the_usual_report(
        filled_workspace: Workspace, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    refusal = PermissionDenied("the records are locked for maintenance; try again shortly")

    def refused() -> Workspace:
        raise refusal

    opening = _opening(filled_workspace, sqlite_url, refused)
    monkeypatch.setattr(workbench, "_opening", lambda state: opening)
    started: list[FgdmApp] = []
    monkeypatch.setattr(FgdmApp, "run", lambda self: started.append(self) or _run_until_closed(self))
    with pytest.raises(PermissionDenied) as raised:
        workbench.open_tui(CliState(db=sqlite_url))
    assert raised.value is refusal and started and started[0].return_code == 1


def _run_until_closed(app: FgdmApp) -> None:
    """The workbench run as `fgdm` runs it, in a thread of its own (the test's event loop is running)."""

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(50):
                if not app.is_running:
                    return
                await pilot.pause(0.05)

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, run()).result()


FIRST_FRAME = """
import json, sys, asyncio
from fgdm.cli.state import CliState
from fgdm.cli.workbench import _opening
from fgdm.tui.app import FgdmApp
from fgdm.tui.opening import RecordsOpening

at_first_frame = []
start = RecordsOpening.start
def started(self, when_open):
    if not at_first_frame:
        at_first_frame.append(sorted(sys.modules))
    start(self, when_open)
RecordsOpening.start = started

async def main():
    opening = _opening(CliState(db=sys.argv[1]))
    assert opening is not None, "no first look"
    app = FgdmApp(opening=opening)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if at_first_frame:
                return
            await pilot.pause(0.02)
asyncio.run(main())
print(json.dumps(at_first_frame[0]))
"""


def test_the_first_frame_is_drawn_before_the_database_layer_is_imported(filled_workspace: Workspace,
                                                                        sqlite_url: str) -> None:
    done = subprocess.run([sys.executable, "-c", FIRST_FRAME, sqlite_url], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert [name for name in modules if name.split(".")[0] in ("sqlalchemy", "sqlmodel", "pydantic", "typer",
                                                               "alembic")] == []
