"""TUI test helpers: the app on a frozen-clock SQLite workspace, optionally filled with the fixed dataset."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from fgdm.services import home
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.tui.app import FgdmApp
from tests.tui import dataset


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop: Textual's pilot needs one, and no plugin is required."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


@pytest.fixture(autouse=True)
def documents_in_a_home_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The workbench's default output folder (fgdm in the documents folder) in a home folder of the test's
    own: files land in the test's folder, and every screen says ~/Documents/fgdm whatever the machine."""
    home_folder = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home_folder))
    for name in ("FGDM_OUTPUT_DIR", "XDG_DOCUMENTS_DIR", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    return home_folder / "Documents" / "fgdm"


async def settle(pilot: Pilot[None], rounds: int = 4) -> None:
    """Let workers finish and their results be drawn; a result may start another worker, hence rounds."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def open_case_tab(app: FgdmApp, pilot: Pilot[None], case_id: int, tab: str) -> None:
    """From a workbench just started: the case opened, then its tab by number (`tab`, "1" to "9"), settled."""
    await settle(pilot)
    app.open_case(case_id)
    await settle(pilot)
    await pilot.press(tab)
    await settle(pilot)


def before_home_reads(monkeypatch: pytest.MonkeyPatch,
                      before: Callable[[ServiceContext, home.Contexts | None], object]) -> None:
    """Home's read with `before(ctx, side_by_side)` run first: to count, record, hold up or fail it."""
    read = home.home

    def wrapped(ctx: ServiceContext, side_by_side: home.Contexts | None = None,
                stage_lines: home.StageLines = home.StageLines()) -> home.HomeView:
        before(ctx, side_by_side)
        return read(ctx, side_by_side, stage_lines)

    monkeypatch.setattr(home, "home", wrapped)


@pytest.fixture
def app(sqlite_workspace: Workspace) -> FgdmApp:
    return FgdmApp(sqlite_workspace)


@pytest.fixture
def filled_workspace(sqlite_workspace: Workspace) -> Iterator[Workspace]:
    with sqlite_workspace.context() as ctx:
        dataset.build(ctx)
    yield sqlite_workspace
