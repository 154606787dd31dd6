"""The coordinator's week in the workbench, with real key presses: the Notes tab, a printed map's path said
until closed, the Documents tab that reprints it, my week from home, and where files go."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from fgdm.services import case_documents, notes
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens.case import CaseScreen
from fgdm.tui.screens.home import HomeScreen
from fgdm.tui.screens.week import WeekScreen
from fgdm.tui.widgets.case_lines import CaseLines
from fgdm.tui.widgets.form import FormScreen
from fgdm.tui.widgets.written import WrittenFiles
from tests.conftest import not_owner_only
from tests.factories import make_case
from tests.meetings_support import add_member, schedule
from tests.tui.conftest import settle


def text_of(app: FgdmApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_contact_is_recorded_and_corrected_on_the_notes_tab(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case(case.id)
        await settle(pilot)
        await pilot.press("8")                          # the Notes tab, into its table
        await settle(pilot)
        assert "press i to record" in text_of(app, "#notes-empty")
        await pilot.press("i")
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab", *"Grandad, Ron", "tab", "tab", *"Will drive the children", "tab", *"25/11/2026",
                          "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        table = app.screen.query_one("#notes-table", DataTable)
        assert [str(cell) for cell in table.get_row_at(0)] == ["23 Nov 2026", "Phone", "Grandad, Ron",
                                                               "Will drive the children", "25 Nov 2026"]
        await pilot.press("enter")                             # correct it: the follow-up is done
        await settle(pilot, 1)
        app.screen.query_one("#field-follow_up_on").focus()
        await pilot.press("ctrl+u", "ctrl+s")
        await settle(pilot)
    with sqlite_workspace.context() as ctx:
        (note,) = notes.list_notes(ctx, case.id)
    assert (note.who, note.follow_up_on, note.version) == ("Grandad, Ron", None, 2)


async def test_a_printed_map_is_said_until_closed_then_listed_and_reprinted_from_documents(
        sqlite_workspace: Workspace, documents_in_a_home_of_its_own: Path, umask_022: None) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
        add_member(ctx, case, "Ngozi")
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case(case.id)
        await settle(pilot)
        await pilot.press("2", "p")                     # Network tab: print the map
        await settle(pilot, 1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.pause(1)
        assert isinstance(app.screen, WrittenFiles)            # still said, long after a toast would have gone
        written = documents_in_a_home_of_its_own / f"{case.reference}-network-map-shareable-2026-11-23.docx"
        assert text_of(app, "#written-paths") == str(written) and written.is_file()
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("9")                          # the Documents tab
        await settle(pilot)
        table = app.screen.query_one("#documents-table", DataTable)
        assert [str(cell) for cell in table.get_row_at(0)] == ["23 Nov 2026", "Network map, shareable copy",
                                                               "The family", ""]
        assert text_of(app, "#documents-path") == str(written)
        written.unlink()
        await pilot.press("p")                                 # reprint, asked first
        await settle(pilot, 1)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, WrittenFiles) and written.is_file()
        assert not_owner_only(written.parent) == {}           # the reprint and its folder: the user's alone
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#documents-table", DataTable).row_count == 2
    with sqlite_workspace.context() as ctx:
        assert len(case_documents.list_documents(ctx, case.id)) == 2


async def test_my_week_opens_from_home_and_enter_opens_the_case(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx, family_name="Okafor", referral_date="2026-10-01")
        schedule(ctx, case, kind="baseline", day="2026-11-26")
        notes.add_note(ctx, case.id, {"who": "Head of year", "method": "email", "agreed": "Will reply",
                                      "follow_up_on": "2026-11-27"})
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert text_of(app, "#home-files") == "Files are written to ~/Documents/fgdm · w my week"
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)
        assert text_of(app, "#week-heading").startswith("23 November 2026 to 29 November 2026")
        shown = [str(option.prompt) for option in app.screen.query_one(CaseLines).options]
        assert shown == ["Meetings (1)", f"{case.reference}  Ada Okafor  · Thu 26 Nov 2026 10:00 · Baseline with "
                         "referrer", "Follow-ups due (1)", f"{case.reference}  Ada Okafor  · Fri 27 Nov 2026 · "
                         "follow up email with Head of year"]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen) and app.screen.case_id == case.id
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("f7")                                # from anywhere, as the palette offers it
        await settle(pilot)
        assert isinstance(app.screen, WeekScreen)


async def test_settings_say_where_files_are_written(sqlite_workspace: Workspace) -> None:
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        assert text_of(app, "#settings-output").startswith(
            "Yours, on this computer: generated files are written to ~/Documents/fgdm")
