"""The Offers & letters tab with real key presses: record offers and answers, write letters, see the duty."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from fgdm.domain.duty import DutyState
from fgdm.domain.enums import OfferResponse
from fgdm.i18n import format_day, set_interface_language
from fgdm.services import letters, offers
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens.case import CaseScreen
from fgdm.tui.widgets.form import FormScreen
from fgdm.tui.widgets.written import WrittenFiles
from tests.conftest import not_owner_only
from tests.documents.test_letters import build_family
from tests.tui.conftest import settle


def duty_shown(app: FgdmApp) -> str:
    return str(app.screen.query_one("#offers-duty", Static).render())


async def test_record_offers_answers_and_letters_with_the_keyboard(sqlite_workspace: Workspace, tmp_path,
                                                                   umask_022: None) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
    case_id = family.case.id
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(case_id)
        await settle(pilot)
        await pilot.press("4")                                  # the Offers & letters tab
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert "Pending" in duty_shown(app) and "offer an FGDM meeting to Siân O'Brien" in duty_shown(app)
        table = app.screen.query_one("#offers-table", DataTable)
        assert table.row_count == 3
        table.focus()
        await pilot.press("f")                                  # record the offer to Siân, the first row
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")                             # the LBP date and "in the LBP" are filled in
        await settle(pilot)
        await pilot.press("y")                                  # her answer: accepted is chosen, today's date
        await settle(pilot, 1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        with sqlite_workspace.context() as ctx:
            [first, *_rest] = offers.list_offers(ctx, case_id)
        assert first.response is OfferResponse.ACCEPTED and first.in_lbp
        assert first.offered_on == family.case.lbp_date
        await pilot.press("down", "y")                          # Łukasz has no offer yet: refused with a hint
        await settle(pilot, 1)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("t")                                  # a letter to Łukasz: the offer, in Polish
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab", "tab", *str(tmp_path / "lukasz.docx"), "ctrl+s")
        await settle(pilot)
        assert (tmp_path / "lukasz.docx").exists()
        assert isinstance(app.screen, WrittenFiles)             # where it went, until closed
        assert str(app.screen.query_one("#written-paths", Static).render()) == str(tmp_path / "lukasz.docx")
        await pilot.press("escape")
        await settle(pilot, 1)
        await pilot.press("p", "y")                             # every pending offer letter, after confirming
        await settle(pilot)
        assert isinstance(app.screen, WrittenFiles)
        pending = [Path(line) for line in str(app.screen.query_one("#written-paths", Static).render()).splitlines()]
        assert len(pending) == 2
        await pilot.press("escape")
        await settle(pilot, 1)
        with sqlite_workspace.context() as ctx:
            written = letters.list_letters(ctx, case_id)
            duty = offers.duty_status(ctx, case_id)
        assert [(w.recipient, w.language) for w in written] == [
            ("Łukasz Wójcik", "pl"), ("Łukasz Wójcik", "pl"), ("فاطمہ بی بی", "ur")]
        assert all(d.state is DutyState.PENDING for d in duty)
        shown = app.screen.query_one("#offers-letters", DataTable)
        assert shown.row_count == 3
        folders = {path.parent for path in pending}
        assert not_owner_only(tmp_path / "lukasz.docx", *pending, *folders) == {}   # each letter and folder: private
        assert "offer an FGDM meeting to Łukasz Wójcik" in duty_shown(app)


async def test_best_interests_decision_and_application_date(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(family.case.id)
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        app.screen.query_one("#offers-table", DataTable).focus()
        await pilot.press("b")                                  # decision form: "no offer" is chosen
        await settle(pilot, 1)
        await pilot.press("tab", "tab", *"Priya Shah, Head of Service")
        await pilot.press("tab", *"10/11/2026")                 # decided before the application, replacing today
        await pilot.press("tab", *"Contact with the family would expose the children to harm", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen), "the form closed after saving"
        assert duty_shown(app).count("Excepted") == 2
        await pilot.press("c", *"20/11/2026", "ctrl+s")        # the care application date
        await settle(pilot)
        with sqlite_workspace.context() as ctx:
            assert [d.state for d in offers.duty_status(ctx, family.case.id)] == [DutyState.EXCEPTED] * 2
        assert "Care application: 20 November 2026" in duty_shown(app)


async def test_the_tab_speaks_welsh_when_the_interface_does(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
    set_interface_language("cy")
    try:
        app = FgdmApp(sqlite_workspace)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.open_case(family.case.id)
            await settle(pilot)
            await pilot.press("4")
            await settle(pilot)
            assert "Yn aros" in duty_shown(app)
            titles = [str(s.render()) for s in app.screen.query(".offers-title").results(Static)]
            assert titles[0] == "Dyletswydd dan adran 31ZA"
    finally:
        set_interface_language(None)


async def test_the_pre_proceedings_panel_records_an_episode_and_speaks_in_words(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
    case_id = family.case.id
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.open_case(case_id)
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        panel = app.screen.query_one("#offers-episodes", Static)
        assert "No pre-proceedings episode is recorded" in str(panel.render())
        app.screen.query_one("#offers-table", DataTable).focus()
        await pilot.press("d")                                  # record an episode for the first child
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab", *"01/11/2026", "ctrl+s")
        await settle(pilot)
        await pilot.press("i")                                  # the child's id in the case system
        await settle(pilot, 1)
        await pilot.press("tab", *"AB1234567", "ctrl+s")
        await settle(pilot)
        with sqlite_workspace.context() as ctx:
            [episode] = offers.list_episodes(ctx, case_id)
            offers.update_episode(ctx, episode.id, {"pp_outcome": "B"})
        assert (episode.la_child_id, episode.block.pp_start_date.isoformat()) == ("AB1234567", "2026-11-01")
        await pilot.press("r")                                  # reload the case
        await settle(pilot)
        shown = str(app.screen.query_one("#offers-episodes", Static).render())
        assert "decided 1 November 2026" in shown and "(AB1234567)" in shown
        assert "outcome: Stepped down" in shown and "outcome: B" not in shown


async def test_an_episode_is_changed_overridden_with_a_reason_and_removed_from_the_table(
        sqlite_workspace: Workspace) -> None:
    """Enter on the pre-proceedings table opens the episode; a letter date other than the case's is refused
    until a reason is given, and shown as an override; delete removes the episode after asking."""
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
        child = offers.duty_status(ctx, family.case.id)[0]
        offers.record_episode(ctx, family.case.id, {"case_child_id": child.case_child_id,
                                                    "pp_start_date": "2026-11-01"})
    case_id, lbp = family.case.id, family.case.lbp_date
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.open_case(case_id)
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        app.screen.query_one("#offers-episode-table", DataTable).focus()
        await pilot.press("enter")                              # open the highlighted episode
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-pp_start_date").value == "01/11/2026"
        app.screen.query_one("#field-lbp_sent_date").focus()
        await pilot.press(*"03/11/2026", "ctrl+s")              # not the case's letter date, and no reason
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        error = str(app.screen.query_one("#error-override_reason", Static).render())
        assert "is required where what you record differs from the case's records" in error
        assert format_day(lbp) in error
        app.screen.query_one("#field-override_reason").focus()
        await pilot.press(*"sent copy dated 3 November", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        with sqlite_workspace.context() as ctx:
            [episode] = offers.list_episodes(ctx, case_id)
        assert episode.block.lbp_sent_date.isoformat() == "2026-11-03"
        assert episode.block.overridden == {"LBPSentDate": lbp}
        assert episode.override_reason == "sent copy dated 3 November"
        shown = str(app.screen.query_one("#offers-episodes", Static).render())
        assert (f"letter 3 November 2026 (overridden: the case's records say {format_day(lbp)}; sent copy dated "
                "3 November)") in shown
        await pilot.press("delete")                             # remove it: asked first
        await settle(pilot, 1)
        await pilot.press("y")
        await settle(pilot)
        with sqlite_workspace.context() as ctx:
            assert offers.list_episodes(ctx, case_id) == []
        assert "No pre-proceedings episode is recorded" in str(
            app.screen.query_one("#offers-episodes", Static).render())
