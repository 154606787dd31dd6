"""A coordinator's day with real key presses: create a case, find it, open it, edit it, move it through
its stages, close and reopen it; bad input shows its message and saves nothing."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from fgdm.domain.enums import CaseStatus, ClosureReason
from fgdm.services import cases
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens.case import CaseScreen
from fgdm.tui.screens.case_list import CaseListScreen
from fgdm.tui.screens.home import HomeScreen
from fgdm.tui.widgets.confirmation import Confirmation
from fgdm.tui.widgets.form import FormScreen
from tests.tui.conftest import settle


def all_cases(workspace: Workspace) -> list[cases.CaseSummary]:
    with workspace.context() as ctx:
        return cases.list_cases(ctx).rows


def case_of(workspace: Workspace, case_id: int) -> cases.CaseDetail:
    with workspace.context() as ctx:
        return cases.get_case(ctx, case_id)


def error_text(app: FgdmApp, field: str) -> str:
    error = app.screen.query_one(f"#error-{field}", Static)
    return str(error.render()) if error.display else ""


async def test_create_find_open_edit_advance_close_reopen(app: FgdmApp, sqlite_workspace: Workspace) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "fgdm demo" in str(app.screen.query_one("#first-run", Static).render())

        await pilot.press("n")                                 # new case form
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Nowak-Ó Súilleabháin")             # family name (focused first)
        await pilot.press("tab", "tab")                        # past the referral date (today)
        await pilot.press(*"Zoë")                              # child's first name
        await pilot.press("tab", "tab")                        # past the child's family name
        await pilot.press(*"04/05/2018")                       # date of birth, day first
        await pilot.press("ctrl+s")
        await settle(pilot)
        [row] = all_cases(sqlite_workspace)
        assert (row.family_name, row.children, row.status) == ("Nowak-Ó Súilleabháin", "Zoë", CaseStatus.REFERRED)
        assert isinstance(app.screen, CaseScreen) and app.screen.case_id == row.id

        await pilot.press("h")                                 # home
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("slash")                             # find
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)
        await pilot.press(*"zoë")                              # search as you type
        await settle(pilot)
        table = app.screen.query_one("#case-table", DataTable)
        assert table.row_count == 1
        await pilot.press("enter")                             # Enter in the search opens the case found
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)

        await pilot.press("e")                                 # edit the overview
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#field-lbp_date").focus()
        await pilot.press(*"2026-11-20")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert str(case_of(sqlite_workspace, row.id).case.lbp_date) == "2026-11-20"
        assert "20 November 2026" in str(app.screen.query_one("#overview-referral", Static).render())

        await pilot.press("a", "y")                            # advance, confirm
        await settle(pilot)
        assert case_of(sqlite_workspace, row.id).case.status is CaseStatus.PREPARING
        assert "Preparing" in str(app.screen.query_one("#case-heading", Static).render())

        await pilot.press("x")                                 # close with a reason
        await settle(pilot)
        app.screen.query_one("#field-closure_reason").focus()
        await pilot.press("enter")                             # open the reasons
        await pilot.press("down", "down", "enter")             # the second reason
        await pilot.press("ctrl+s")
        await settle(pilot)
        closed = case_of(sqlite_workspace, row.id).case
        assert (closed.status, closed.closure_reason) == (CaseStatus.CLOSED, ClosureReason.FAMILY_DECLINED)

        await pilot.press("o", "y")                            # reopen, confirm
        await settle(pilot)
        assert case_of(sqlite_workspace, row.id).case.status is CaseStatus.PREPARING


async def test_bad_input_shows_the_message_and_saves_nothing(app: FgdmApp, sqlite_workspace: Workspace) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Okafor", "tab")
        await pilot.press("ctrl+a", "ctrl+k")                  # clear the referral date
        await pilot.press(*"2030-01-01", "tab")                # a referral date in the future
        await pilot.press(*"Ada", "tab", "tab")
        await pilot.press(*"31/02/2018")                       # no such day
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert error_text(app, "child_date_of_birth") == (
            "Child's date of birth is not a day in the calendar (that month has no such day): write it as "
            "DD/MM/YYYY, for example 23/11/2026.")
        assert all_cases(sqlite_workspace) == []

        app.screen.query_one("#field-child_date_of_birth", Input).value = ""
        app.screen.query_one("#field-child_date_of_birth").focus()
        await pilot.press(*"2018-02-28", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert error_text(app, "child_date_of_birth") == ""
        assert "cannot be in the future" in error_text(app, "referral_date")
        assert all_cases(sqlite_workspace) == []


async def test_cancelling_a_changed_form_asks_first(app: FgdmApp, sqlite_workspace: Workspace) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Khan", "escape")                   # changed: asks
        assert isinstance(app.screen, Confirmation)
        await pilot.press("n")                                 # keep editing
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape", "y")                       # discard
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert all_cases(sqlite_workspace) == []
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")                            # unchanged: closes at once
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
