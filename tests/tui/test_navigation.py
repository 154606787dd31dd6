"""Getting around: home lines open their case, the list sorts and filters, help lists every key, the palette
finds cases and actions, `--user` chooses whose cases are "mine", and errors never end the session."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, Select, Static

from fgdm.domain.enums import CaseStatus
from fgdm.services import cases
from fgdm.services import staff as staff_service
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.tui.actions import all_actions
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens.case import CaseScreen
from fgdm.tui.screens.case_list import CaseListScreen, CaseQuery
from fgdm.tui.screens.help import HelpScreen, KeyList
from fgdm.tui.screens.home import HomeScreen
from fgdm.tui.widgets.case_lines import CaseLines
from fgdm.tui.widgets.conflict import ConflictDialog
from fgdm.tui.widgets.form import FormScreen
from fgdm.tui.widgets.service_call import run_service
from tests.tui.conftest import settle


def column(table: DataTable[str], index: int) -> list[str]:
    return [str(table.get_row_at(row)[index]) for row in range(table.row_count)]


async def test_a_needs_action_line_opens_its_case(filled_workspace: Workspace) -> None:
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        actions = app.screen.query_one("#home-actions", CaseLines)
        prompts = [str(actions.get_option_at_index(i).prompt) for i in range(actions.option_count)]
        assert any("Offer with no answer" in prompt for prompt in prompts)
        assert any("FG-2026-0001  Ada Okafor, Chidi Okafor" in prompt and "Grace Okafor" in prompt
                   for prompt in prompts)
        assert any("Support awaiting approval" in prompt for prompt in prompts)
        assert any("s.31ZA duty not yet met" in prompt for prompt in prompts)
        upcoming = app.screen.query_one("#home-upcoming", CaseLines)
        assert "30 November 2026" in str(upcoming.get_option_at_index(0).prompt)
        actions.focus()
        await pilot.press("enter")                             # the first line: the stale offer on Okafor
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert "FG-2026-0001" in str(app.screen.query_one("#case-heading", Static).render())


async def test_opening_a_case_reads_it_once_for_the_heading_and_the_overview(
        filled_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    read = cases.get_case
    calls: list[int] = []

    def counted(ctx: ServiceContext, case_id: int) -> cases.CaseDetail:
        calls.append(case_id)
        return read(ctx, case_id)

    monkeypatch.setattr(cases, "get_case", counted)
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(1)
        await settle(pilot)
        assert "FG-2026-0001" in str(app.screen.query_one("#case-heading", Static).render())
        assert str(app.screen.query_one("#overview-lifecycle", Static).render()).strip()
        assert calls == [1]


async def test_user_option_chooses_my_cases(filled_workspace: Workspace) -> None:
    app = FgdmApp(filled_workspace, username="jo")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        greeting = str(app.screen.query_one("#home-greeting", Static).render())
        assert "1 open case (cases allocated to you)" in greeting
        stages = app.screen.query_one("#home-stages", CaseLines)
        prompts = [str(stages.get_option_at_index(i).prompt) for i in range(stages.option_count)]
        assert prompts == ["Plan agreed (1)", "FG-2026-0004  Mateusz Kowalski  · since 23 Nov 2026"]


async def test_an_unknown_user_is_told_and_the_app_keeps_running(filled_workspace: Workspace) -> None:
    app = FgdmApp(filled_workspace, username="nobody")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert any("No active member of staff has the username 'nobody'" in n.message
                   for n in app._notifications)
        await pilot.press("l")                                 # still usable
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)


async def test_case_list_sorts_and_filters(filled_workspace: Workspace) -> None:
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        table = app.screen.query_one("#case-table", DataTable)
        assert column(table, 0) == [f"FG-2026-000{n}" for n in range(1, 7)]
        table.focus()
        await pilot.press("s")                                 # sort by family name
        await settle(pilot)
        assert column(table, 1) == sorted(column(table, 1))
        await pilot.press("S")                                 # reversed
        await settle(pilot)
        assert column(table, 1) == sorted(column(table, 1), reverse=True)
        await pilot.click("#case-table", offset=(3, 0))         # click the Reference header
        await settle(pilot)
        assert column(table, 0)[0] == "FG-2026-0001"
        app.screen.query_one("#filter-stage", Select).value = CaseStatus.REFERRED.value
        await settle(pilot)
        assert column(table, 0) == ["FG-2026-0001", "FG-2026-0005"]
        with filled_workspace.context() as ctx:
            jo = next(s for s in staff_service.list_staff(ctx) if s.username == "jo")
        app.screen.query_one("#filter-stage", Select).value = "all"
        app.screen.query_one("#filter-coordinator", Select).value = jo.id
        await settle(pilot)
        assert column(table, 0) == ["FG-2026-0004"]
        assert "1–1 of 1" in str(app.screen.query_one("#case-list-status", Static).render())


async def test_help_lists_every_registered_action(app: FgdmApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        words = " ".join(" ".join(keys.text().split()) for keys in app.screen.query(KeyList))
        headings = [str(static.render()) for static in app.screen.query(".help-heading").results(Static)]
        assert headings[:3] == ["Keys here: Home", "Keys here: Anywhere", "Getting started"]
        for action in all_actions():
            assert action.description in words, action.description
        assert "Meetings tab: move a meeting to a new day, time or venue" in words
        assert "Elsewhere: Meetings" in headings
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_palette_finds_a_case_by_a_network_members_name(filled_workspace: Workspace) -> None:
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"emeka")                            # the Okafor children's father
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert "FG-2026-0001" in str(app.screen.query_one("#case-heading", Static).render())


async def test_palette_runs_a_registered_action(app: FgdmApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"new case")
        await pilot.pause(0.5)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)


async def test_a_conflicting_save_offers_reload_and_reapply(filled_workspace: Workspace) -> None:
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(1)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        with filled_workspace.context() as ctx:                # someone else saves first
            cases.update_case(ctx, 1, {"desired_outcome": "Theirs"})
        app.screen.query_one("#field-desired_outcome").focus()
        await pilot.press(*"Mine", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        table = app.screen.query_one("#conflict-table", DataTable)
        assert [str(cell) for cell in table.get_row_at(0)] == ["desired outcome", "Theirs", "Mine"]
        await pilot.press("r")                                 # reload theirs into the form
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.read_value(app.screen.fields[3]) == "Theirs"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        with filled_workspace.context() as ctx:
            cases.update_case(ctx, 1, {"desired_outcome": "Theirs again"})
        app.screen.query_one("#field-desired_outcome").focus()
        await pilot.press("end", *" and mine", "ctrl+s")
        await settle(pilot)
        await pilot.press("a")                                 # reapply mine over theirs
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        with filled_workspace.context() as ctx:
            assert cases.get_case(ctx, 1).case.desired_outcome == "Theirs and mine"


async def test_a_failing_result_handler_is_reported_not_lost(app: FgdmApp) -> None:
    def broken(_result: object) -> None:
        raise LookupError("a screen bug")

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        run_service(app.screen, lambda ctx: ctx.today(), broken)
        await settle(pilot)
        assert any("LookupError('a screen bug')" in n.message for n in app._notifications)
        assert isinstance(app.screen, HomeScreen)


async def test_find_returns_to_the_open_list_with_its_search(filled_workspace: Workspace) -> None:
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"khan", "enter")           # find, type, Enter opens the first found
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("slash")                             # find again: the same list, same search
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)
        assert [type(screen) for screen in app.screen_stack[1:]] == [HomeScreen, CaseListScreen]
        assert app.screen.query_one("#case-search", Input).value == "khan"
        assert app.screen.query_one("#case-search", Input).has_focus
        await pilot.press("enter", "h")                        # open it again, then home
        await settle(pilot)
        assert [type(screen) for screen in app.screen_stack[1:]] == [HomeScreen]


async def test_keys_typed_during_a_query_are_gathered_into_the_next(filled_workspace: Workspace,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    searched: list[str] = []
    run = CaseQuery.run

    def recording(self: CaseQuery, ctx: ServiceContext) -> cases.CasePage:
        searched.append(self.search)
        return run(self, ctx)

    monkeypatch.setattr(CaseQuery, "run", recording)
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseListScreen)
        for typed in ("k", "kh", "kha", "khan"):               # four keys while the first query runs
            screen.run_query(search=typed)
        await settle(pilot)
        assert searched == ["", "k", "khan"]
        assert column(screen.query_one("#case-table", DataTable), 1) == ["Khan"]


async def test_a_database_failure_is_one_line_naming_it_and_the_session_carries_on(app: FgdmApp) -> None:
    """The workbench's error boundary: a database gone from under it reads as the command line's one line."""
    import sqlite3

    def gone(_ctx: object) -> None:
        raise sqlite3.DatabaseError("file is not a database")

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        run_service(app.screen, gone, lambda _result: None)
        await settle(pilot)
        [note] = [n for n in app._notifications if n.title == "Not done"]
        assert "is not an fgdm database, or it is damaged" in note.message and "Traceback" not in note.message
        assert isinstance(app.screen, HomeScreen)


async def test_enter_typed_before_the_search_has_its_results_opens_the_first_found(
        filled_workspace: Workspace) -> None:
    app = FgdmApp(filled_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"khan", "enter")           # no pause: Enter may come before the results
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert "Khan" in str(app.screen.sub_title)
