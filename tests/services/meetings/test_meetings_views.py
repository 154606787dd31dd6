"""Reading meetings: the home screen's reminders with what is missing, and a coordinator's diary."""

from __future__ import annotations

from datetime import date

import pytest

from fgdm.domain.enums import MeetingKind
from fgdm.services import meetings, staff
from fgdm.services.shared.errors import NotFound, ValidationFailed
from tests.factories import make_case, make_staff
from tests.meetings_support import add_member, add_venue, schedule
from tests.statements import statements


def test_upcoming_with_gaps_lists_the_next_fortnight_with_what_is_missing(ctx) -> None:
    case = make_case(ctx, referral_date="2026-11-01")
    venue_id = add_venue(ctx)
    polish = add_member(ctx, case, "Agnieszka", "Nowak", interpreter_needed=True)
    bare = schedule(ctx, case, kind="preparation_visit", day="2026-11-24", start="09:00", end="10:00")
    ready = schedule(ctx, case, kind="baseline", day="2026-11-25", venue_id=venue_id, start="09:00", end="10:00")
    meetings.mark_invitations_sent(ctx, ready.id)
    needs_interpreter = schedule(ctx, case, day="2026-12-04", venue_id=venue_id, network_member_ids=[polish.id],
                                 overrides={"interpreter_not_booked": "Booking confirmed by phone on Monday"})
    schedule(ctx, case, kind="other", day="2026-12-08", start="09:00", end="10:00")  # 15 days away
    cancelled = schedule(ctx, case, kind="other", day="2026-11-27", start="09:00", end="10:00")
    meetings.cancel_meeting(ctx, cancelled.id, "Not needed")
    reminders = meetings.upcoming_with_gaps(ctx)
    assert [(r.meeting_id, r.gaps) for r in reminders] == [
        (bare.id, ["venue", "invitations"]), (ready.id, []), (needs_interpreter.id, ["interpreter", "invitations"])]
    assert reminders[0].case_reference == case.reference and reminders[0].kind is MeetingKind.PREPARATION_VISIT
    assert [r.meeting_id for r in meetings.upcoming_with_gaps(ctx, days=1)] == [bare.id]


def test_reminders_and_diary_only_show_cases_the_coordinator_may_open(workspace) -> None:
    with workspace.context() as owner:
        mine_staff = make_staff(owner, "cdavies", name="Cerys Davies")
        other_staff = make_staff(owner, "bjones", name="Bryn Jones")
        make_staff(owner, "boss", role="manager", name="Morwenna Price")
        mine = make_case(owner, referral_date="2026-11-01", coordinator_id=mine_staff.id)
        theirs = make_case(owner, family_name="Nowak", referral_date="2026-11-01", coordinator_id=other_staff.id)
        my_meeting = schedule(owner, mine, day="2026-11-24", start="09:00", end="10:00")
        schedule(owner, theirs, day="2026-11-24", start="11:00", end="12:00")
    with workspace.context("cdavies") as ctx:
        assert [r.meeting_id for r in meetings.upcoming_with_gaps(ctx)] == [my_meeting.id]
        week = meetings.diary(ctx, coordinator="cdavies", first_day=date(2026, 11, 23),
                                    last_day=date(2026, 11, 29))
        assert [v.meeting.id for v in week] == [my_meeting.id]
        with pytest.raises(ValidationFailed, match="your own diary"):
            meetings.diary(ctx, coordinator="bjones", first_day=date(2026, 11, 23),
                                 last_day=date(2026, 11, 29))
        with pytest.raises(NotFound):
            meetings.diary(ctx, coordinator="nobody", first_day=date(2026, 11, 23),
                                 last_day=date(2026, 11, 29))
    with workspace.context("boss") as manager:
        everything = meetings.diary(manager, coordinator=None, first_day=date(2026, 11, 24),
                                          last_day=date(2026, 11, 24))
        assert len(everything) == 2
        with pytest.raises(ValidationFailed, match="on or after"):
            meetings.diary(manager, coordinator=None, first_day=date(2026, 11, 24), last_day=date(2026, 11, 23))


def test_diary_includes_meetings_where_the_coordinator_is_a_staff_attendee(ctx) -> None:
    worker = make_staff(ctx, "sworker", role="referrer", name="Sam Worker")
    case = make_case(ctx, referral_date="2026-11-01")
    meeting = schedule(ctx, case, staff_ids=[worker.id])
    week = meetings.diary(ctx, coordinator="sworker", first_day=date(2026, 11, 23), last_day=date(2026, 11, 29))
    assert [v.meeting.id for v in week] == [meeting.id]


def test_a_case_s_meetings_are_read_in_the_same_few_queries_however_many(ctx) -> None:
    """The Meetings tab lists every meeting with its invitees, venue and coordinator: not five queries each."""
    case = make_case(ctx, referral_date="2026-11-01")
    venue_id = add_venue(ctx)
    ada = add_member(ctx, case, "Ada", interpreter_needed=True)
    bola = add_member(ctx, case, "Bola")
    staff = make_staff(ctx, "cdavies", name="Cerys Davies")
    schedule(ctx, case, day="2026-11-24", start="09:00", end="10:00", venue_id=venue_id, coordinator_id=staff.id)
    with statements(ctx) as one_meeting:
        meetings.list_meetings(ctx, case.id)
    for day in ("2026-11-25", "2026-11-26", "2026-11-27"):
        schedule(ctx, case, kind="other", day=day, start="09:00", end="10:00", venue_id=venue_id,
                 coordinator_id=staff.id, network_member_ids=[bola.id, ada.id], staff_ids=[staff.id],
                 overrides={"interpreter_not_booked": f"Booked by phone for the {day[-2:]}th"})
    with statements(ctx) as four_meetings:
        views = meetings.list_meetings(ctx, case.id)
    assert len(four_meetings) == len(one_meeting) + 1     # their overrides: asked for once a meeting has one
    assert [view.meeting.starts_at.day for view in views] == [24, 25, 26, 27]
    assert views[0].attendees == [] and views[0].overrides == []
    assert all(view.venue is not None and view.venue.id == venue_id for view in views)
    assert all(view.coordinator is not None and view.coordinator.name == "Cerys Davies" for view in views)
    for view in views[1:]:
        assert [(a.name, a.is_staff) for a in view.attendees] == [
            ("Ada Okafor", False), ("Bola Okafor", False), ("Cerys Davies", True)]
    assert [[o.reason for o in view.overrides] for view in views[1:]] == [
        ["Booked by phone for the 25th"], ["Booked by phone for the 26th"], ["Booked by phone for the 27th"]]
    assert meetings.get_meeting(ctx, views[3].meeting.id).attendees == views[3].attendees


@pytest.mark.parametrize("count", [1, 4])
def test_the_meetings_tab_reads_staff_venues_and_the_case_once(ctx, count: int) -> None:
    """`case_meetings` gives what the separate reads give, in eight statements however many meetings (nine
    when a meeting is at a venue no longer active)."""
    coordinator = make_staff(ctx, "cdavies", name="Cerys Davies")
    gone = make_staff(ctx, "gone", name="Gwen Gone", active=False)
    make_staff(ctx, "bjones", name="Bryn Jones", job_title="Social worker")
    case = make_case(ctx, referral_date="2026-11-01", coordinator_id=coordinator.id)
    venue_id, closed_id = add_venue(ctx), add_venue(ctx, "Old Hall")
    meetings.update_venue(ctx, closed_id, {"name": "Old Hall", "address": "1 High St", "active": False})
    ada = add_member(ctx, case, "Ada", interpreter_needed=True)
    add_member(ctx, case, "Dean", not_to_be_told=True)
    held = schedule(ctx, case, day="2026-11-12", start="09:00", end="12:00", venue_id=closed_id,
                    coordinator_id=gone.id)
    meetings.mark_held(ctx, held.id, held_on="2026-11-12")
    for day in range(count):
        schedule(ctx, case, kind="other", day=f"2026-11-2{day + 4}", start="09:00", end="10:00", venue_id=venue_id,
                 coordinator_id=coordinator.id, network_member_ids=[ada.id], staff_ids=[coordinator.id],
                 overrides={"interpreter_not_booked": "Booked by phone"})
    ctx.session.expunge_all()
    with statements(ctx) as sent:
        found = meetings.case_meetings(ctx, case.id)
    assert len(sent) == 9, sent                   # eight, and the closed venue
    assert found.reference == case.reference
    assert found.views == meetings.list_meetings(ctx, case.id) and len(found.views) == count + 1
    assert found.views[0].venue.name == "Old Hall" and found.views[0].coordinator.name == "Gwen Gone"
    assert found.review == meetings.review_due(ctx, case.id) and found.review is not None
    assert found.venues == meetings.list_venues(ctx) and [v.id for v in found.venues] == [venue_id]
    assert [(i.member_id, i.name, i.attends_separately) for i in found.members] == [
        (m.id, p.full_name, m.attends_separately) for m, p in meetings.invitable_members(ctx, case.id)]
    assert [i.name for i in found.members] == ["Ada Okafor"]
    assert found.staff == [(s.id, s.name, s.job_title) for s in staff.list_staff(ctx) if s.id != coordinator.id]
    assert [s.name for s in found.staff] == ["Bryn Jones"]


def test_the_review_clock_starts_at_the_first_dated_fgdm_meeting_held_in_both_reads(ctx) -> None:
    """A held meeting whose day was never recorded (an old import) does not stop the clock in one read and not
    the other: SQLite sorts a missing day first, PostgreSQL last."""
    case = make_case(ctx, referral_date="2026-09-01")
    dated = schedule(ctx, case, day="2026-10-05", start="09:00", end="12:00")
    meetings.mark_held(ctx, dated.id, held_on="2026-10-05")
    undated = schedule(ctx, case, day="2026-10-01", start="09:00", end="12:00")
    meetings.mark_held(ctx, undated.id, held_on="2026-10-01")
    undated.held_on = None
    ctx.session.commit()
    window = meetings.review_due(ctx, case.id)
    assert window is not None and window.held_on == date(2026, 10, 5)
    assert window == meetings.case_meetings(ctx, case.id).review
