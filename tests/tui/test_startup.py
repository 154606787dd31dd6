"""The first start postpones Python's full collections until home has its data, then freezes what it made."""

from __future__ import annotations

import gc
import threading

import pytest

from fgdm.services.shared.context import Workspace
from fgdm.tui import startup
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens import home as home_screen
from tests.tui.conftest import before_home_reads, settle


@pytest.fixture
def first_start(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """This process as if no workbench had started in it yet, with `gc.freeze` recorded rather than done (a
    real freeze would keep the test run's objects for good)."""
    freezes: list[str] = []
    monkeypatch.setattr(startup._StartUp, "frozen", False)
    monkeypatch.setattr(startup._StartUp, "usual", None)
    monkeypatch.setattr(startup.gc, "freeze", lambda: freezes.append("freeze"))
    usual = gc.get_threshold()
    yield freezes
    gc.set_threshold(*usual)


def test_full_collections_wait_for_the_end_of_the_first_start_only(first_start: list[str]) -> None:
    usual = gc.get_threshold()
    startup.postpone_full_collections()
    assert gc.get_threshold() == (usual[0], usual[1], startup.POSTPONED)
    startup.start_up_over()
    assert gc.get_threshold() == usual and first_start == ["freeze"]
    startup.postpone_full_collections()
    startup.start_up_over()
    assert gc.get_threshold() == usual and first_start == ["freeze"], "a later start changes nothing"


async def test_the_first_start_ends_when_home_shows_its_data(filled_workspace: Workspace,
                                                             first_start: list[str]) -> None:
    usual = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    with pytest.MonkeyPatch.context() as patch:
        before_home_reads(patch, lambda _ctx, _side_by_side: seen.append(gc.get_threshold()))
        app = FgdmApp(filled_workspace)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert seen == [(usual[0], usual[1], startup.POSTPONED)]
            assert gc.get_threshold() == usual and first_start == ["freeze"]


async def test_a_workbench_closed_before_its_first_read_ends_restores_the_collector(
        filled_workspace: Workspace, first_start: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    usual = gc.get_threshold()
    monkeypatch.setattr(home_screen, "FIRST_READ_WAIT", 0.01)
    release = threading.Event()
    before_home_reads(monkeypatch, lambda _ctx, _side_by_side: release.wait(5))
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.05)
        assert gc.get_threshold()[2] == startup.POSTPONED
        app.exit()
        release.set()
    assert gc.get_threshold() == usual and first_start == ["freeze"]
