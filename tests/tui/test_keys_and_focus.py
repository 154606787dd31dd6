"""Keys on the case screen at 80×24, as a coordinator presses them: a tab's keys work as it shows, 1–7 switch
tabs from a table, the row is kept after a form, ctrl+q asks before losing typing, `?` lists the keys here
wrapped to the screen, and the key bar keeps `?` in view when keys are left out."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from fgdm.services import cases
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens.case import CaseScreen
from fgdm.tui.screens.help import HelpScreen, KeyList
from fgdm.tui.widgets.confirmation import Confirmation
from fgdm.tui.widgets.form import FormScreen
from fgdm.tui.widgets.key_bar import KeyBar
from tests.factories import make_case, make_staff
from tests.meetings_support import schedule
from tests.tui.conftest import settle


def _case_with_meetings(workspace: Workspace) -> int:
    with workspace.context() as ctx:
        coordinator = make_staff(ctx, "cdavies", name="Cerys Davies", email="cerys@example.org")
        case = make_case(ctx, referral_date="2026-10-15", coordinator_id=coordinator.id)
        for day in ("2026-11-24", "2026-11-25", "2026-11-26"):
            schedule(ctx, case, day=day, start="10:00", end="11:00")
    return case.id


async def test_tab_keys_work_as_the_tab_shows_and_the_row_is_kept_after_a_form(sqlite_workspace: Workspace) -> None:
    case_id = _case_with_meetings(sqlite_workspace)
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case(case_id)
        await settle(pilot)
        await pilot.press("3")                                     # Meetings: no Tab needed
        await settle(pilot)
        table = app.screen.query_one("#meetings-table", DataTable)
        assert app.focused is table
        await pilot.press("down", "down", "enter")                 # edit the third meeting
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape")                                # unchanged: closes at once
        await settle(pilot)
        assert app.focused is table and table.cursor_row == 2
        await pilot.press("5")                                     # 1–7 work with the table focused
        await settle(pilot)
        assert app.screen.query_one("#plan-actions", DataTable) is app.focused
        await pilot.press("3", "s")                                # schedule at once on the Meetings tab
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)


async def test_ctrl_q_asks_before_discarding_typing(sqlite_workspace: Workspace) -> None:
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Khan", "ctrl+q")
        assert isinstance(app.screen, Confirmation)
        await pilot.press("ctrl+q")                                # asked once, not twice
        assert len([s for s in app.screen_stack if isinstance(s, Confirmation)]) == 1
        await pilot.press("n")                                     # keep editing: nothing lost
        assert isinstance(app.screen, FormScreen)
        assert app.screen.values()["family_name"] == "Khan"
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert app._exit


async def test_help_lists_the_tab_s_keys_first_wrapped_to_80_columns(sqlite_workspace: Workspace) -> None:
    case_id = _case_with_meetings(sqlite_workspace)
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case(case_id)
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot, 1)
        assert isinstance(app.screen, HelpScreen)
        headings = [str(static.render()) for static in app.screen.query(".help-heading").results(Static)]
        assert headings[:3] == ["Keys here: Meetings", "Keys here: Case", "Keys here: Anywhere"]
        dialog = app.screen.query_one("#help-dialog")
        assert dialog.max_scroll_x == 0, "nothing runs past the right edge"
        here = app.screen.query(KeyList).first()
        assert here.region.right <= 80
        lines = here.text().splitlines()
        assert all(len(line.rstrip()) <= here.size.width for line in lines)
        assert lines[0].split() == ["s", "Schedule:", "Plan", "a", "meeting", "for", "this", "case"]
        assert "venue: the same calendar event, invitations again" in " ".join(" ".join(lines).split())


async def test_the_plan_key_bar_keeps_help_in_view_at_80_columns(sqlite_workspace: Workspace) -> None:
    case_id = _case_with_meetings(sqlite_workspace)
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case(case_id)
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.query_one(KeyBar).render_line(0).text.endswith(" ? Help ▏^p palette ")


async def test_history_is_read_again_each_time_it_shows(sqlite_workspace: Workspace) -> None:
    case_id = _case_with_meetings(sqlite_workspace)
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case(case_id)
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        history = app.screen.query_one("#history-table", DataTable)
        before = history.row_count
        with sqlite_workspace.context() as ctx:
            cases.update_case(ctx, case_id, {"desired_outcome": "Ada stays with her aunt"})
        await pilot.press("1", "7")                                # away and back: the change is listed
        await settle(pilot)
        assert history.row_count == before + 1
        assert str(history.get_row_at(0)[3]) == "desired outcome: — → Ada stays with her aunt"
