"""The support budget screen: a manager steps through quarters and opens a case; a coordinator is refused."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from fgdm.services import support
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens.budget import BudgetScreen
from fgdm.tui.screens.case import CaseScreen
from fgdm.tui.screens.home import HomeScreen
from tests.factories import make_case, make_staff
from tests.services.plans.test_plans_fixtures import hold_meeting
from tests.tui.conftest import settle


async def open_budget(pilot: Pilot[None]) -> None:
    """From home, as a person would: wait for it, press F8, wait for the budget's read."""
    await settle(pilot)
    await pilot.press("f8")
    await settle(pilot)


def _rows(table: DataTable) -> list[list[str]]:  # type: ignore[type-arg]
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def test_a_manager_reads_the_quarter_steps_through_quarters_and_opens_a_case(
        sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        make_staff(ctx, "mani", role="manager", name="Mani Patel")
        case = make_case(ctx, reference="FG-BUDGET-1")
        hold_meeting(ctx, case.id)
        weekly = support.add_item(ctx, case.id, {
            "category": "childcare", "description": "After-school club", "amount": "30.00",
            "frequency": "weekly", "start_date": "2026-12-21", "end_date": "2027-01-11"})
        support.approve_item(ctx, weekly.id)
        support.add_item(ctx, case.id, {"category": "travel", "description": "Bus fares", "amount": "12.50"})
    app = FgdmApp(sqlite_workspace, username="mani")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_budget(pilot)
        assert isinstance(app.screen, BudgetScreen)
        summary = str(app.screen.query_one("#budget-summary", Static).render())
        assert "2026-Q3" in summary and "Approved £60.00" in summary and "Awaiting decision £12.50" in summary
        assert "Left £24,940.00" in summary
        assert _rows(app.screen.query_one("#budget-categories", DataTable)) == [
            ["Travel", "£0.00", "£0.00", "£12.50"], ["Childcare", "£60.00", "£0.00", "£0.00"]]
        await pilot.press("right_square_bracket")              # January: the two weekly payments left
        await settle(pilot)
        summary = str(app.screen.query_one("#budget-summary", Static).render())
        assert "2026-Q4  1 January 2027 to 31 March 2027" in summary and "Approved £60.00" in summary
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert "No support falls in this quarter." in str(app.screen.query_one("#budget-note", Static).render())
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert _rows(app.screen.query_one("#budget-cases", DataTable)) == [
            ["FG-BUDGET-1", "£60.00", "£0.00", "£12.50"]]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen) and app.screen.case_id == case.id


async def test_a_coordinator_is_told_who_may_see_the_budget(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        make_staff(ctx, "cora")
    app = FgdmApp(sqlite_workspace, username="cora")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_budget(pilot)
        assert isinstance(app.screen, HomeScreen)
        [note] = [n for n in app._notifications if n.title == "Not shown"]
        assert "Only a manager or administrator may see the service-wide budget." in note.message
