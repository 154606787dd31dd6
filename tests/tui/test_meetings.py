"""The Meetings tab and the diary with real key presses: schedule, see a double-booking, accept it with a
reason, export the invitation, hold the meeting, and find it in the week's diary."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import cast

from icalendar import Calendar
from sqlmodel import select
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from fgdm.domain.enums import CaseStatus, MeetingStatus
from fgdm.models import WarningOverride
from fgdm.services import cases, meetings, network
from fgdm.services.meetings import MeetingView
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens.diary import DiaryScreen, DiaryWeek, diary_heading
from fgdm.tui.widgets.form import FormScreen
from fgdm.tui.widgets.written import WrittenFiles
from tests.conftest import not_owner_only
from tests.factories import make_case, make_staff
from tests.meetings_support import add_member, schedule
from tests.tui.conftest import settle


def _setup(workspace: Workspace):  # type: ignore[no-untyped-def]
    with workspace.context() as ctx:
        coordinator = make_staff(ctx, "cdavies", name="Cerys Davies", email="cerys@example.org")
        case = make_case(ctx, referral_date="2026-10-15", coordinator_id=coordinator.id)
        other = make_case(ctx, family_name="Nowak", referral_date="2026-10-15", coordinator_id=coordinator.id)
        schedule(ctx, other, day="2026-11-26", start="10:00", end="13:00")
        grandmother = add_member(ctx, case, "Ngozi", email="ngozi@example.org")
    return case, grandmother


@asynccontextmanager
async def meetings_tab(workspace: Workspace, case_id: int,
                      size: tuple[int, int]) -> AsyncIterator[tuple[FgdmApp, Pilot[None]]]:
    """The workbench on a case's Meetings tab, the focus in its table, as a coordinator gets there."""
    app = FgdmApp(workspace)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.open_case(case_id)
        await settle(pilot)
        await pilot.press("3")                                     # the Meetings tab: its table has the focus
        await settle(pilot)
        yield app, pilot


def _text(app: FgdmApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_schedule_see_double_booking_override_and_export(sqlite_workspace: Workspace,
                                                              documents_in_a_home_of_its_own: Path,
                                                               umask_022: None) -> None:
    case, grandmother = _setup(sqlite_workspace)
    async with meetings_tab(sqlite_workspace, case.id, (120, 40)) as (app, pilot):
        assert "No meetings yet" in _text(app, "#meetings-summary")
        await pilot.press("s")                                     # schedule: the form opens on the kind
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab", *"26/11/2026")                    # kind stays "Baseline"; the day
        await pilot.press("tab", *"11:00", "tab", *"12:00")        # start and end, UK time
        app.screen.query_one(f"#field-member_{grandmother.id}").focus()
        await pilot.press("space")                                 # invite the grandmother
        await pilot.press("ctrl+s")                                # save: refused with the clash
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        warnings = _text(app, "#error-override_reason")
        assert "The coordinator is double-booked" in warnings and "Cerys Davies" in warnings
        assert "warning." not in warnings and "coordinator_double_booked" not in warnings
        assert app.focused is app.screen.query_one("#field-override_reason")   # the reason is focused, in view
        assert app.focused.region.bottom <= app.screen.region.bottom
        with sqlite_workspace.context() as ctx:
            assert meetings.list_meetings(ctx, case.id) == []
        await pilot.press(*"Co-worker chairs the other meeting", "ctrl+s")   # accept it with a reason
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        with sqlite_workspace.context() as ctx:
            [view] = meetings.list_meetings(ctx, case.id)
            override = ctx.session.exec(select(WarningOverride)).one()
        assert (override.code, override.reason) == ("coordinator_double_booked", "Co-worker chairs the other meeting")
        assert [a.name for a in view.attendees] == ["Ngozi Okafor"]
        table = app.screen.query_one("#meetings-table", DataTable)
        assert table.row_count == 1
        assert "Needs venue, invitations" in str(table.get_row_at(0)[3])

        await pilot.press("i")                                     # export the invitation
        await settle(pilot, 1)
        await pilot.press("ctrl+s")                                # the professionals' copy, default folder
        await settle(pilot)
        path = documents_in_a_home_of_its_own / f"{case.reference}-meeting-{view.meeting.id}.ics"
        event = Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]
        assert str(event["UID"]) == view.meeting.ical_uid
        assert "DTSTART;TZID=Europe/London:20261126T110000" in path.read_text()
        assert isinstance(app.screen, WrittenFiles)                # where it went, until closed
        await pilot.press("escape")
        await settle(pilot)
        assert not_owner_only(path.parent) == {}                   # the folder and the file: the user's alone

        await pilot.press("v")                                     # invitations sent
        await settle(pilot)
        assert str(table.get_row_at(0)[3]) == "Needs venue"


async def test_hold_the_fgdm_meeting_and_see_the_review_clock_and_diary(sqlite_workspace: Workspace,
                                                                        umask_022: None) -> None:
    case, grandmother = _setup(sqlite_workspace)
    with sqlite_workspace.context() as ctx:
        schedule(ctx, case, day="2026-11-23", start="08:00", end="09:30", network_member_ids=[grandmother.id])
    async with meetings_tab(sqlite_workspace, case.id, (120, 40)) as (app, pilot):
        await pilot.press("d")                                     # held: the day defaults to its planned day
        await settle(pilot, 1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        with sqlite_workspace.context() as ctx:
            assert cases.get_case(ctx, case.id).case.status is CaseStatus.MEETING_HELD
            [view] = meetings.list_meetings(ctx, case.id)
        assert view.meeting.status is MeetingStatus.HELD
        assert "Review due between 4 January 2027 and 22 February 2027" in _text(app, "#meetings-detail")
        await pilot.press("w")                                     # the diary for this week
        await settle(pilot)
        assert isinstance(app.screen, DiaryScreen)
        assert "week of 23 November 2026" in _text(app, "#diary-heading")
        diary = app.screen.query_one("#diary-table", DataTable)
        cells = [str(diary.get_row_at(i)[3]) for i in range(diary.row_count)]
        assert cells.count("FGDM meeting") == 2                    # this case's and the Nowak case's
        await pilot.press("e")                                     # save the week as one calendar file
        await settle(pilot, 1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, WrittenFiles)                # where it went, until closed
        await pilot.press("escape")
        await settle(pilot)
        output = sqlite_workspace.settings.output_folder()
        assert (output / "diary-2026-11-23.ics").exists()
        assert not_owner_only(output) == {}                        # the folder and the file: the user's alone
        await pilot.press("right_square_bracket")                  # next week is empty
        await settle(pilot)
        assert "0 meetings" in _text(app, "#diary-heading")


def test_the_diary_heading_counts_a_large_service_s_week_in_british_figures() -> None:
    """A manager's week on a large service has over a thousand meetings: "1,542", not "1542"."""
    views = cast("list[MeetingView]", [None] * 1_542)
    assert diary_heading(DiaryWeek(monday=date(2026, 11, 23), coordinator=None, views=views)) == (
        "Diary: week of 23 November 2026 · 1,542 meetings · UK time")
    assert diary_heading(DiaryWeek(monday=date(2026, 11, 23), coordinator="Sam Patel", views=views[:1])) == (
        "Sam Patel's diary: week of 23 November 2026 · 1 meeting · UK time")


async def test_move_a_meeting_through_a_warning_and_see_it_in_history_and_the_invitation(
        sqlite_workspace: Workspace, documents_in_a_home_of_its_own: Path) -> None:
    case, grandmother = _setup(sqlite_workspace)
    with sqlite_workspace.context() as ctx:
        meeting = schedule(ctx, case, day="2026-11-27", start="10:00", end="12:00", network_member_ids=[grandmother.id])
        meetings.mark_invitations_sent(ctx, meeting.id)
    async with meetings_tab(sqlite_workspace, case.id, (80, 24)) as (app, pilot):
        await pilot.press("m")                                     # move: the form opens on the day
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)
        assert [f.name for f in app.screen.fields] == ["override_reason", "day", "start_time", "end_time",
                                                       "venue_id"]
        await pilot.press(*"28/11/2026", "tab", *"11:00", "tab", *"13:00")   # a Saturday, 11:00 to 13:00
        await pilot.press("ctrl+s")                                # refused: the weekend warning
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "The meeting falls on a Saturday." in _text(app, "#error-override_reason")
        assert app.focused is app.screen.query_one("#field-override_reason")   # typed into at once, at 80×24
        assert app.focused.region.bottom <= app.screen.region.bottom
        with sqlite_workspace.context() as ctx:
            assert meetings.get_meeting(ctx, meeting.id).meeting.ical_sequence == 0
        await pilot.press(*"Grandmother works weekdays", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        with sqlite_workspace.context() as ctx:
            moved = meetings.get_meeting(ctx, meeting.id).meeting
        assert (moved.ical_uid, moved.ical_sequence, moved.invitations_sent_at) == (meeting.ical_uid, 1, None)
        table = app.screen.query_one("#meetings-table", DataTable)
        assert str(table.get_row_at(0)[0]).startswith("28 Nov 2026 11:00")
        assert "Needs venue, invitations" in str(table.get_row_at(0)[3])

        await pilot.press("i")                                     # export an invitation
        await settle(pilot, 1)
        await pilot.press("enter")                                 # open the list of recipients
        await settle(pilot, 1)
        await pilot.press("down", "enter")                         # the grandmother's own copy
        await settle(pilot, 1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        folder = documents_in_a_home_of_its_own
        path = folder / f"{case.reference}-meeting-{meeting.id}-person-{grandmother.person_id}.ics"
        event = Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]
        await pilot.press("escape")                                # the message saying where it went
        await settle(pilot)
        assert (str(event["UID"]), event["SEQUENCE"]) == (meeting.ical_uid, 1)
        assert "This replaces the earlier time: 27 November 2026, 10:00 to 12:00." in str(event["DESCRIPTION"])

        await pilot.press("7")                                     # History: the move in words
        await settle(pilot)
        history = app.screen.query_one("#history-table", DataTable)
        rows = [[str(cell) for cell in history.get_row_at(i)] for i in range(history.row_count)]
        assert any(row[2] == "meeting moved" and row[3] == "from: 27 November 2026, 10:00–12:00; "
                                                          "to: 28 November 2026, 11:00–13:00" for row in rows)


async def test_holding_the_meeting_while_the_baseline_is_planned_needs_a_reason(sqlite_workspace: Workspace) -> None:
    case, _grandmother = _setup(sqlite_workspace)
    with sqlite_workspace.context() as ctx:
        schedule(ctx, case, kind="baseline", day="2026-11-27", start="10:00", end="11:00")
        schedule(ctx, case, day="2026-11-23", start="10:00", end="13:00", overrides={"before_baseline": "Urgent"})
    async with meetings_tab(sqlite_workspace, case.id, (80, 24)) as (app, pilot):
        await pilot.press("home", "d")                             # the FGDM meeting (first in time): held
        await settle(pilot, 1)
        await pilot.press("ctrl+s")                                # refused: the baseline is still planned
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert ("The baseline with referrer on 27 November 2026 is still planned; record it as held, cancelled or "
                "moved first") in _text(app, "#form-errors")
        with sqlite_workspace.context() as ctx:
            assert cases.get_case(ctx, case.id).case.status is CaseStatus.REFERRED
        app.screen.query_one("#field-override_reason").focus()
        await pilot.press(*"Baseline held by phone; recorded later", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        with sqlite_workspace.context() as ctx:
            assert cases.get_case(ctx, case.id).case.status is CaseStatus.MEETING_HELD
            override = ctx.session.exec(select(WarningOverride).where(
                WarningOverride.code == "earlier_meetings_planned")).one()
        assert override.reason == "Baseline held by phone; recorded later"


async def test_a_welsh_grandmother_s_own_invitation_from_the_workbench_is_in_welsh(
        sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        coordinator = make_staff(ctx, "cdavies", name="Cerys Davies", email="cerys@example.org")
        case = make_case(ctx, family_name="Pritchard", referral_date="2026-10-15", coordinator_id=coordinator.id)
        nain = add_member(ctx, case, "Gwen", "Pritchard", email="gwen@example.org", preferred_language="cy")
        meeting = schedule(ctx, case, day="2026-11-26", network_member_ids=[nain.id])
    async with meetings_tab(sqlite_workspace, case.id, (80, 24)) as (app, pilot):
        await pilot.press("i")                                     # the invitation: for whom?
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter", "down", "enter", "ctrl+s")      # Gwen's own invitation, default folder
        await settle(pilot)
        with sqlite_workspace.context() as ctx:
            path = meetings.default_ics_path(ctx, meeting.id, nain.person_id)
        event = Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]
        assert str(event["SUMMARY"]) == "Cyfarfod FGDM: teulu Pritchard"
        assert "Dewch â: eich syniadau ar gyfer cynllun y teulu" in str(event["DESCRIPTION"])


async def _tick(app: FgdmApp, pilot: Pilot[None], *names: str) -> None:
    """Tick the named boxes of the open form, moving through it with tab as a coordinator does, then save."""
    assert isinstance(app.screen, FormScreen)
    fields = [field.name for field in app.screen.fields]
    at = 0
    for name in sorted(names, key=fields.index):
        await pilot.press(*["tab"] * (fields.index(name) - at), "space")
        at = fields.index(name)
    await pilot.press("ctrl+s")
    await settle(pilot, 2)


async def test_keep_a_meeting_s_venue_and_time_from_a_named_member(sqlite_workspace: Workspace) -> None:
    case, grandmother = _setup(sqlite_workspace)
    with sqlite_workspace.context() as ctx:
        father = add_member(ctx, case, "Dan", "Penhallow", relationship="Father")
        meeting = schedule(ctx, case, day="2026-11-27", start="10:00", end="12:00", network_member_ids=[grandmother.id])
    async with meetings_tab(sqlite_workspace, case.id, (100, 40)) as (app, pilot):
        await pilot.press("f")                                     # keep from: a tick per member, venue and time
        await settle(pilot, 2)
        assert isinstance(app.screen, FormScreen)
        assert {f.name for f in app.screen.fields} == {f"{fact}_from_{person}" for fact in ("venue", "time")
                                                       for person in (grandmother.person_id, father.person_id)}
        await _tick(app, pilot, f"venue_from_{father.person_id}", f"time_from_{father.person_id}")
        assert not isinstance(app.screen, FormScreen)
        detail = _text(app, "#meetings-detail")
        assert "Venue kept from: Dan Penhallow (f to change)" in detail
        assert "Date and time kept from: Dan Penhallow" in detail

        await pilot.press("f")                                     # the ticks stand; untick the venue
        await settle(pilot, 2)
        await _tick(app, pilot, f"venue_from_{father.person_id}")
        assert "Venue kept from" not in _text(app, "#meetings-detail")
    with sqlite_workspace.context() as ctx:
        kept = network.confidential_list(ctx, case.id)
    assert [(view.fact.value, view.meeting_id, view.hidden_from) for view in kept] == [
        ("time", meeting.id, "Dan Penhallow")]
