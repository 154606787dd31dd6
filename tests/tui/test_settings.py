"""The council's settings in the workbench: an administrator changes one at 80×24 with keys only, and it is
audited; a coordinator reads them and is told who may change them."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import select
from textual.widgets import DataTable

from fgdm.models import AuditEvent
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens.settings import SettingsScreen
from fgdm.tui.widgets.form import FormScreen
from tests.factories import make_staff
from tests.tui.conftest import settle


def _row(table: DataTable, key: str) -> list[str]:  # type: ignore[type-arg]
    return [str(cell) for cell in table.get_row(key)]


async def _change_threshold(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """F10, down to the approval threshold (the seventh setting), Enter, replace the value, ctrl+s."""
    await settle(pilot)
    await pilot.press("f10")
    await settle(pilot)
    await pilot.press(*(["down"] * 6), "enter")
    await settle(pilot)
    await pilot.press("ctrl+a", "ctrl+k", *text, "ctrl+s")  # to the start, delete to the end, type
    await settle(pilot)


async def test_an_administrator_changes_the_threshold_with_keys_at_80_by_24(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        make_staff(ctx, "ada", role="administrator", name="Ada Lovelace")
    app = FgdmApp(sqlite_workspace, username="ada")
    async with app.run_test(size=(80, 24)) as pilot:
        await _change_threshold(pilot, "£750")
        assert isinstance(app.screen, SettingsScreen)
        row = _row(app.screen.query_one(DataTable), "support_approval_threshold")
        assert row[1] == "£750.00" and row[2].startswith("ada, ")
        assert app.screen.query_one(DataTable).cursor_row == 6  # still on the row the user was on
    with sqlite_workspace.context() as ctx:
        assert ctx.settings.support_approval_threshold == Decimal("750.00")
        assert ctx.session.exec(select(AuditEvent.actor).where(AuditEvent.table_name == "council_setting")).all() \
            == ["ada"]


async def test_a_bad_value_stays_in_the_form_with_the_fix_beside_it(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        make_staff(ctx, "ada", role="administrator")
    app = FgdmApp(sqlite_workspace, username="ada")
    async with app.run_test(size=(80, 24)) as pilot:
        await _change_threshold(pilot, "-5")
        assert isinstance(app.screen, FormScreen)
        shown = " ".join(str(w.render()) for w in app.screen.query(".field-error"))
        assert "Approval threshold: Give an amount in pounds of 0 or more" in shown


async def test_a_coordinator_reads_the_settings_and_cannot_change_them(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        make_staff(ctx, "cora")
    app = FgdmApp(sqlite_workspace, username="cora")
    async with app.run_test(size=(80, 24)) as pilot:
        await _change_threshold(pilot, "1000000")
        assert isinstance(app.screen, FormScreen)  # kept open, typing not lost
        told = " ".join([str(app.screen.query_one("#form-errors").render()),
                         *(n.message for n in app._notifications)])
        assert "Only an administrator may change the council's settings." in told
    with sqlite_workspace.context() as ctx:
        assert ctx.settings.support_approval_threshold == Decimal("500.00")
