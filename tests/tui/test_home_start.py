"""Home reads its data once when the workbench starts, and again each time it is shown after another screen."""

from __future__ import annotations

import gc

import pytest

from fgdm.services import home
from fgdm.services.context import ServiceContext, Workspace
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens.case import CaseScreen
from fgdm.tui.screens.home import HomeScreen
from tests.tui.conftest import settle


async def test_home_is_read_once_on_start_and_again_on_return(filled_workspace: Workspace,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Two reads at start (on mount and on first showing) ran side by side and took twice as long."""
    calls: list[str] = []
    read = home.home

    def counted(ctx: ServiceContext) -> home.HomeView:
        calls.append(ctx.actor.username)
        return read(ctx)

    monkeypatch.setattr(home, "home", counted)
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(calls) == 1
        app.open_case(1)
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and len(calls) == 2


async def test_start_up_objects_are_frozen_once_home_has_shown(filled_workspace: Workspace) -> None:
    """Full garbage collections skip what start-up made (fgdm.tui.startup); a second start freezes nothing more."""
    first = FgdmApp(filled_workspace)
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    frozen = gc.get_freeze_count()
    assert frozen > 0
    again = FgdmApp(filled_workspace)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    assert gc.get_freeze_count() <= frozen  # frozen objects may still be freed; none are added
