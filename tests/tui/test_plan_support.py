"""The Support tab with real key presses: request, approve with an exception, pay, decline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from textual.widgets import Static

from fgdm.domain.enums import SupportStatus
from fgdm.services import support
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens.budget import BudgetScreen
from fgdm.tui.screens.case import CaseScreen
from fgdm.tui.widgets.form import FormScreen
from tests.factories import make_case
from tests.services.plans.test_plans_fixtures import add_member
from tests.tui.conftest import settle


def items(workspace: Workspace, case_id: int) -> list[support.SupportItemView]:
    with workspace.context() as ctx:
        return support.list_items(ctx, case_id)


async def test_request_approve_pay_and_decline_with_the_keyboard(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
        add_member(ctx, case.id, "Ngozi")
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(case.id)
        await settle(pilot)
        await pilot.press("6")                                 # the Support tab: its table has the focus
        await settle(pilot)
        for description, amount in (("Bunk bed", "£1,250"), ("Taxi", "12.345"), ("Taxi", "12.34")):
            if not isinstance(app.screen, FormScreen):
                await pilot.press("i")                         # request support: the kind is first
                await settle(pilot, 1)
                await pilot.press("enter", "down", "enter")    # the first kind in the list
                await pilot.press("tab", *description, "tab", *amount, "ctrl+s")
            else:                                              # the refused amount has the focus: retype it
                await pilot.press("ctrl+u", *amount, "ctrl+s")
            await settle(pilot)
            if amount == "12.345":
                assert isinstance(app.screen, FormScreen)
                said = str(app.screen.query_one("#error-amount", Static).render())
                assert said.startswith("Amount") and "pounds and pence" in said and "decimal" not in said
        assert isinstance(app.screen, CaseScreen)
        assert [(v.item.description, v.item.amount) for v in items(sqlite_workspace, case.id)] == [
            ("Bunk bed", Decimal("1250.00")), ("Taxi", Decimal("12.34"))]

        await pilot.press("ctrl+home", "y")                    # approve the bed: no meeting yet, so say why
        await settle(pilot, 1)
        await pilot.press(*"Ada moves in on Friday", "ctrl+s")
        await settle(pilot)
        await pilot.press("p", "ctrl+s")                       # paid today
        await settle(pilot)
        await pilot.press("down", "d", *"The school pays for taxis", "ctrl+s")
        await settle(pilot)
        bed, taxi = items(sqlite_workspace, case.id)
        assert (bed.item.status, bed.item.approval_exception, bed.item.paid_on) == (
            SupportStatus.PAID, "Ada moves in on Friday", date(2026, 11, 23))
        assert (taxi.item.status, taxi.item.declined_reason) == (SupportStatus.DECLINED, "The school pays for taxis")
        assert "£1,250.00" in str(app.screen.query_one("#support-totals", Static).render())

        await pilot.press("b")                                 # this quarter's budget (the owner may see it)
        await settle(pilot)
        assert isinstance(app.screen, BudgetScreen)
        shown = str(app.screen.query_one("#budget-summary", Static).render())
        assert "2026-Q3  1 October 2026 to 31 December 2026" in shown
        assert "Budget £25,000.00   Approved £1,250.00   Left £23,750.00" in shown
