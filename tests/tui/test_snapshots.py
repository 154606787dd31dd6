"""Snapshots of the main screens on `fgdm demo` data (a fixed seed) with the frozen clock, at 80×24 and 120×40.

Regenerate with `pytest tests/tui/test_snapshots.py --snapshot-update` and look at the SVGs before
committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from fgdm import demo
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens import home as home_screen
from tests.tui.conftest import settle

DEMO_SEED = 7
DEMO_CASES = 60
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
SnapCompare = Callable[..., bool]


@pytest.fixture
def demo_workspace(sqlite_workspace: Workspace) -> Workspace:
    """The demo service as `fgdm demo --seed 7` makes it (60 cases) on the frozen day."""
    with sqlite_workspace.context() as ctx:
        demo.generate_service(ctx, seed=DEMO_SEED, cases=DEMO_CASES)
    return sqlite_workspace


async def settle_still(pilot: Pilot[None]) -> None:
    """Settle, and stop text cursors blinking so a snapshot never catches one half-way."""
    await settle(pilot)
    for text_input in pilot.app.screen.query(Input):
        text_input.cursor_blink = False
    await pilot.pause()


def steps(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Wait for the home screen, press the keys, and wait for every query they start."""
    async def run(pilot: Pilot[None]) -> None:
        await settle_still(pilot)
        for key in keys:
            await pilot.press(key)
            await settle_still(pilot)
    return run


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare: SnapCompare, demo_workspace: Workspace, size: tuple[int, int]) -> None:
    assert snap_compare(FgdmApp(demo_workspace), terminal_size=size, run_before=steps())


def test_home_drawn_before_its_data_arrive(snap_compare: SnapCompare, demo_workspace: Workspace,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A slow database: home is drawn at once and filled later. It must look as home drawn with its data does
    (lines wrapped before the scrollbar appeared were once cut short)."""
    monkeypatch.setattr(home_screen, "FIRST_READ_WAIT", 0.0)
    assert snap_compare(FgdmApp(demo_workspace), terminal_size=(120, 40), run_before=steps())


@pytest.mark.parametrize("size", SIZES)
def test_case_list(snap_compare: SnapCompare, demo_workspace: Workspace, size: tuple[int, int]) -> None:
    # l: the case list, every open case sorted by reference
    assert snap_compare(FgdmApp(demo_workspace), terminal_size=size, run_before=steps("l"))


@pytest.mark.parametrize("size", SIZES)
def test_case_overview(snap_compare: SnapCompare, demo_workspace: Workspace, size: tuple[int, int]) -> None:
    # l: the case list; enter: from the search box to the table; enter: open the first case
    assert snap_compare(FgdmApp(demo_workspace), terminal_size=size, run_before=steps("l", "enter"))


def test_case_overview_light_theme(snap_compare: SnapCompare, demo_workspace: Workspace) -> None:
    # ctrl+t: the light theme; then open the first case as above
    assert snap_compare(FgdmApp(demo_workspace), terminal_size=(120, 40),
                        run_before=steps("ctrl+t", "l", "enter"))


def test_first_run(snap_compare: SnapCompare, sqlite_workspace: Workspace) -> None:
    assert snap_compare(FgdmApp(sqlite_workspace), terminal_size=(80, 24), run_before=steps())


def test_support_budget(snap_compare: SnapCompare, demo_workspace: Workspace) -> None:
    # f8: this quarter's support spend by kind and by case (the owner may see it)
    assert snap_compare(FgdmApp(demo_workspace), terminal_size=(80, 24), run_before=steps("f8"))
