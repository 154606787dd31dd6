"""TUI test helpers: the app on a frozen-clock SQLite workspace, optionally filled with the fixed dataset."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator

import pytest
from textual.pilot import Pilot

from fgdm.services.context import Workspace
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


async def settle(pilot: Pilot[None], rounds: int = 4) -> None:
    """Let workers finish and their results be drawn; a result may start another worker, hence rounds."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.fixture
def app(sqlite_workspace: Workspace) -> FgdmApp:
    return FgdmApp(sqlite_workspace)


@pytest.fixture
def filled_workspace(sqlite_workspace: Workspace) -> Iterator[Workspace]:
    with sqlite_workspace.context() as ctx:
        dataset.build(ctx)
    yield sqlite_workspace
