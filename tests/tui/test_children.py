"""Children on the Overview tab with real key presses: add an unborn baby, record the birth, refuse a date of
birth in the future, and remove a child added by mistake after asking."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from fgdm.services import cases
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp
from fgdm.tui.widgets.confirmation import Confirmation
from fgdm.tui.widgets.form import FormScreen
from tests.factories import make_case
from tests.tui.conftest import settle


def children(workspace: Workspace, case_id: int) -> dict[str, cases.ChildView]:
    with workspace.context() as ctx:
        return {child.name: child for child in cases.children_of(ctx, case_id)}


async def open_children(app: FgdmApp, pilot: Pilot[None], case_id: int) -> DataTable:
    await settle(pilot)
    app.open_case(case_id)
    await settle(pilot)
    table = app.screen.query_one("#overview-children", DataTable)
    table.focus()
    await settle(pilot)
    return table


async def test_add_an_unborn_baby_record_the_birth_and_remove_a_mistake(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx, family_name="Nowak")
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_children(app, pilot, case.id)
        assert table.row_count == 1

        await pilot.press("c")                                 # add a child: the form opens on the first name
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Zofia", "tab", "tab", *"01/01/2099", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)              # refused: a date of birth cannot be in the future
        error = app.screen.query_one("#error-date_of_birth", Static)
        assert error.display and "Date of birth cannot be in the future (1 January 2099)" in str(error.render())
        await pilot.press("end", *["backspace"] * 10, "tab", *"01/03/2027", "ctrl+s")   # the focus is on it
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        zofia = children(sqlite_workspace, case.id)["Zofia Nowak"]
        assert zofia.unborn and str(zofia.due_date) == "2027-03-01"
        table = app.screen.query_one("#overview-children", DataTable)
        assert table.row_count == 2
        assert "due 1 March 2027" in [str(cell) for cell in table.get_row_at(1)]

        table.focus()
        await pilot.press("down", "enter")                     # edit Zofia: record the birth
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab", "tab", *"20/11/2026", "ctrl+s")
        await settle(pilot)
        zofia = children(sqlite_workspace, case.id)["Zofia Nowak"]
        assert str(zofia.date_of_birth) == "2026-11-20" and zofia.due_date is None

        app.screen.query_one("#overview-children", DataTable).focus()
        await pilot.press("down", "delete")                    # remove her: asked first
        await settle(pilot)
        assert isinstance(app.screen, Confirmation)
        await pilot.press("y")
        await settle(pilot)
        assert set(children(sqlite_workspace, case.id)) == {"Ada Nowak"}
        assert app.screen.query_one("#overview-children", DataTable).row_count == 1
