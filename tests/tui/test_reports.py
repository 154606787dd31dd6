"""The reports screen, driven by real key presses: period, measures, trend bars, drill-down, export."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from fgdm.domain.enums import OfferResponse
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens.case import CaseScreen
from fgdm.tui.screens.reports import CensusChecksScreen, ExplainScreen, ReportsScreen, bar_chart, open_reports
from fgdm.tui.widgets.written import WrittenFiles
from tests.conftest import not_owner_only
from tests.reports.builder import Builder
from tests.tui.conftest import settle


@pytest.fixture
def reports_workspace(sqlite_workspace: Workspace) -> Workspace:
    with sqlite_workspace.context() as ctx:
        b = Builder(ctx)
        case = b.case(children=2, family="Ní Bhriain", lbp="2026-08-03")
        b.offer(case, b.member(case, relationship="mother"), on="2026-07-03", response=OfferResponse.ACCEPTED)
        b.offer(case, b.member(case, relationship="father"), on="2026-08-03")
        earlier = b.case(family="Haddad", lbp="2026-05-02")
        b.offer(earlier, on="2026-05-02")
        b.meeting(earlier, on="2026-06-20")
        b.commit()
    return sqlite_workspace


@asynccontextmanager
async def reports_shown(workspace: Workspace, size: tuple[int, int]) -> AsyncIterator[tuple[FgdmApp, Pilot[None]]]:
    """The workbench at `size` with the reports screen opened and settled: where each test here starts."""
    app = FgdmApp(workspace)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        open_reports(app)
        await settle(pilot)
        yield app, pilot


def _cell(screen: ReportsScreen, measure_id: str) -> str:
    table = screen.query_one("#reports-table", DataTable)
    return str(table.get_cell(measure_id, "value"))


def test_bars_are_in_proportion_and_gaps_show_a_dash() -> None:
    chart = bar_chart([("2026-Q1", 4), ("2026-Q2", 8), ("2026-Q3", None)], width=8).splitlines()
    assert chart[0] == "2026-Q1  ████      4"
    assert chart[1] == "2026-Q2  ████████  8"
    assert chart[2] == "2026-Q3            –"


async def test_the_return_shows_the_last_quarter_and_its_trend(reports_workspace: Workspace) -> None:
    async with reports_shown(reports_workspace, (120, 40)) as (app, _pilot):
        screen = app.screen
        assert isinstance(screen, ReportsScreen)
        assert screen.query_one("#reports-period", Input).value == "2026-Q2"
        assert _cell(screen, "offers_made") == "2"
        assert "as they stand at 23 November 2026, 10:00" in str(screen.query_one("#reports-note", Static).render())
        trend = str(screen.query_one("#reports-trend", Static).render()).splitlines()
        assert len(trend) == 8 and trend[-2].startswith("2026-Q1") and trend[-1].endswith("  2")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_measure_is_named_whole_and_each_bar_is_one_line(reports_workspace: Workspace,
                                                                      size: tuple[int, int]) -> None:
    """Beside the trend, at 80 and at 120 columns, the measures' names were cut ("FGDM meetings offered at or
    befo"), and a scrollbar arriving after the bars were drawn wrapped each of them onto a second line."""
    async with reports_shown(reports_workspace, size) as (app, _pilot):
        table = app.screen.query_one("#reports-table", DataTable)
        assert table.max_scroll_x == 0 and table.virtual_size.width <= table.size.width, (table.virtual_size,
                                                                                         table.size)
        trend = app.screen.query_one("#reports-trend", Static)
        bars = str(trend.render()).splitlines()
        assert len(bars) == 8 and all(len(bar) <= trend.content_size.width for bar in bars), (
            trend.content_size, bars)


async def test_f9_opens_the_reports_from_anywhere(reports_workspace: Workspace) -> None:
    app = FgdmApp(reports_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, ReportsScreen)


async def test_another_period_and_offer_unit(reports_workspace: Workspace) -> None:
    async with reports_shown(reports_workspace, (120, 40)) as (app, pilot):
        screen = app.screen
        await pilot.press("u")  # count each parent once
        await settle(pilot)
        assert _cell(screen, "offers_made") == "2"
        await pilot.press("u")  # per child
        await settle(pilot)
        assert _cell(screen, "offers_made") == "2"
        await pilot.press("u")  # per family
        await settle(pilot)
        assert _cell(screen, "offers_made") == "1"
        await pilot.press("p")  # the period box
        screen.query_one("#reports-period", Input).value = ""
        await pilot.press(*"2026-Q1", "enter")
        await settle(pilot)
        assert _cell(screen, "offers_made") == "1"
        assert _cell(screen, "meetings_after_offer") == "1"


async def test_a_period_typed_as_two_british_dates_is_read_and_shown_in_words(reports_workspace: Workspace) -> None:
    async with reports_shown(reports_workspace, (80, 24)) as (app, pilot):
        screen = app.screen
        await pilot.press("p")  # the period box, typed as every date field is
        screen.query_one("#reports-period", Input).value = ""
        await pilot.press(*"01/07/2026 to 31/08/2026", "enter")
        await settle(pilot)
        assert not [n.message for n in app._notifications if n.severity == "error"]
        assert _cell(screen, "offers_made") == "2"
        note = str(screen.query_one("#reports-note", Static).render())
        assert note.startswith("1 July 2026 to 31 August 2026."), note
        assert "2026-07-01" not in note
        await pilot.press("p")  # the wrong way round: said in the period's words
        screen.query_one("#reports-period", Input).value = ""
        await pilot.press(*"31/08/2026 to 01/07/2026", "enter")
        await settle(pilot)
        assert any("ends on 1 July 2026, before it starts on 31 August 2026" in n.message
                   for n in app._notifications), [n.message for n in app._notifications]


async def test_a_bad_period_is_explained_and_nothing_breaks(reports_workspace: Workspace) -> None:
    async with reports_shown(reports_workspace, (120, 40)) as (app, pilot):
        await pilot.press("p")
        app.screen.query_one("#reports-period", Input).value = ""
        await pilot.press(*"2026-Q7", "enter")
        await settle(pilot)
        assert any("Quarter 7 does not exist" in notice.message for notice in app._notifications)
        assert _cell(app.screen, "offers_made") == "2"


async def test_enter_lists_the_records_behind_a_number(reports_workspace: Workspace) -> None:
    async with reports_shown(reports_workspace, (120, 40)) as (app, pilot):
        app.screen.query_one("#reports-table", DataTable).focus()
        await pilot.press("enter")  # the first line: offers made
        await settle(pilot)
        assert isinstance(app.screen, ExplainScreen)
        table = app.screen.query_one("#explain-table", DataTable)
        assert table.row_count == 2
        assert [str(table.get_row_at(i)[1]) for i in range(2)] == ["Ní Bhriain", "Ní Bhriain"]
        assert "2026-Q2: 2 (2 records)" in str(app.screen.query_one("#explain-title", Static).render())
        assert sorted(str(table.get_row_at(i)[3]) for i in range(2)) == ["3 August 2026", "3 July 2026"]
        await pilot.press("escape")  # back to the return
        assert isinstance(app.screen, ReportsScreen)


async def test_enter_on_a_record_behind_a_number_opens_its_case(reports_workspace: Workspace) -> None:
    async with reports_shown(reports_workspace, (80, 24)) as (app, pilot):
        app.screen.query_one("#reports-table", DataTable).focus()
        await pilot.press("enter")                              # the records behind "offers made"
        await settle(pilot)
        assert isinstance(app.screen, ExplainScreen)
        await pilot.press("enter")                              # the first record: its case opens
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert "Ní Bhriain" in str(app.screen.sub_title)
        await pilot.press("escape")                             # back to the records
        await settle(pilot)
        assert isinstance(app.screen, ExplainScreen)


async def test_export_writes_the_return_to_the_output_folder(reports_workspace: Workspace, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             documents_in_a_home_of_its_own: Path,
                                                             umask_022: None) -> None:
    """Into the output folder, said until closed, the user's alone; never into the folder fgdm was started in."""
    (tmp_path / "clone").mkdir()
    monkeypatch.chdir(tmp_path / "clone")
    folder = documents_in_a_home_of_its_own
    async with reports_shown(reports_workspace, (120, 40)) as (app, pilot):
        await pilot.press("c")  # CSV
        await settle(pilot)
        assert isinstance(app.screen, WrittenFiles)
        assert str(app.screen.query_one("#written-paths", Static).render()) == str(
            folder / "quarterly-return-2026-Q2.csv")
        await pilot.press("escape", "j")  # JSON
        await settle(pilot)
        await pilot.press("escape", "w")  # the manager's Word summary
        for _ in range(100):
            await settle(pilot)
            if list(folder.glob("*.docx")):
                break
            await pilot.pause(0.2)
    assert "offers_made" in (folder / "quarterly-return-2026-Q2.csv").read_text(encoding="utf-8")
    assert (folder / "quarterly-return-2026-Q2.json").exists()
    assert list((tmp_path / "clone").iterdir()) == []
    exported = [*folder.glob("quarterly-*")]
    assert len(exported) == 3 and not_owner_only(folder, *exported) == {}   # the user's alone, under umask 022


async def test_the_census_checks_tell_errors_from_queries_and_enter_opens_the_case(sqlite_workspace) -> None:
    from fgdm.models import PreProceedingsEpisode
    from fgdm.services import offers
    from tests.reports.builder import day

    with sqlite_workspace.context() as ctx:
        b = Builder(ctx)
        case = b.case(children=2, family="Kowalczyk", lbp="2026-08-03")
        first, second = b.children(case)
        b.offer(case, b.member(case, relationship="mother"), on="2026-08-03", in_lbp=True,
                response=OfferResponse.ACCEPTED)
        b._add(PreProceedingsEpisode(case_id=case.id, case_child_id=first.id, pp_start_date=day("2026-07-20"),
                                     lbp_sent_date=day("2026-07-01"), initial_pp_meeting_date=day("2026-08-10")))
        b._add(PreProceedingsEpisode(case_id=case.id, case_child_id=second.id, pp_start_date=day("2026-07-20")))
        b.tie(b.member(case, parent=False, pr=False, relationship="father"), first)  # a tie, and no parent flag
        b.commit()
        offers.set_la_child_id(ctx, case.id, first.id, "KW1")
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        await pilot.press("m")                                  # the CIN census module 5 checks
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CensusChecksScreen)
        title = str(screen.query_one("#census-title", Static).render())
        assert title.startswith("CIN census 2026-27, module 5: 1 errors, 2 queries, 1 children without an LAchildID")
        assert title.endswith("1 with an override, 1 with a warning from fgdm")
        table = screen.query_one("#census-table", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]
        assert [row[:5] for row in rows] == [["Problem", "", "Child1-2 Kowalczyk", "FG-0001", "LAchildID"],
                                             ["Error", "9006", "KW1", "FG-0001", "LBPSentDate"],
                                             ["Query", "9010Q", "KW1", "FG-0001", "FGDMMeetingFac"],
                                             ["Query", "9015Q", "KW1", "FG-0001", "ReviewMeetingsCount"],
                                             ["Warning", "fgdm", "KW1", "FG-0001", "FGDMMeetingOffer"],
                                             ["Override", "", "KW1", "FG-0001", "LBPSentDate"]]
        assert rows[4][5].startswith("Father Kowalczyk recorded as Child1-1 Kowalczyk's parent (a 'parent of' tie)")
        assert rows[5][5] == ("2026-07-01 recorded where the case's records say 2026-08-03; reason: none recorded "
                              "(Offers tab, enter on the episode)")
        await pilot.press("down", "enter")                      # open the case to fix the error
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen) and app.screen.case_id == case.id
