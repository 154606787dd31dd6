"""Reading meetings: the home screen's reminders with what is missing, and a coordinator's diary."""

from __future__ import annotations

from datetime import date

import pytest

from fgdm.domain.enums import MeetingKind
from fgdm.services import meetings, meetings_views
from fgdm.services.errors import NotFound, ValidationFailed
from tests.factories import make_case, make_staff
from tests.meetings_support import add_member, add_venue, schedule


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
    reminders = meetings_views.upcoming_with_gaps(ctx)
    assert [(r.meeting_id, r.gaps) for r in reminders] == [
        (bare.id, ["venue", "invitations"]), (ready.id, []), (needs_interpreter.id, ["interpreter", "invitations"])]
    assert reminders[0].case_reference == case.reference and reminders[0].kind is MeetingKind.PREPARATION_VISIT
    assert [r.meeting_id for r in meetings_views.upcoming_with_gaps(ctx, days=1)] == [bare.id]


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
        assert [r.meeting_id for r in meetings_views.upcoming_with_gaps(ctx)] == [my_meeting.id]
        week = meetings_views.diary(ctx, coordinator="cdavies", first_day=date(2026, 11, 23),
                                    last_day=date(2026, 11, 29))
        assert [v.meeting.id for v in week] == [my_meeting.id]
        with pytest.raises(ValidationFailed, match="your own diary"):
            meetings_views.diary(ctx, coordinator="bjones", first_day=date(2026, 11, 23),
                                 last_day=date(2026, 11, 29))
        with pytest.raises(NotFound):
            meetings_views.diary(ctx, coordinator="nobody", first_day=date(2026, 11, 23),
                                 last_day=date(2026, 11, 29))
    with workspace.context("boss") as manager:
        everything = meetings_views.diary(manager, coordinator=None, first_day=date(2026, 11, 24),
                                          last_day=date(2026, 11, 24))
        assert len(everything) == 2
        with pytest.raises(ValidationFailed, match="on or after"):
            meetings_views.diary(manager, coordinator=None, first_day=date(2026, 11, 24), last_day=date(2026, 11, 23))


def test_diary_includes_meetings_where_the_coordinator_is_a_staff_attendee(ctx) -> None:
    worker = make_staff(ctx, "sworker", role="referrer", name="Sam Worker")
    case = make_case(ctx, referral_date="2026-11-01")
    meeting = schedule(ctx, case, staff_ids=[worker.id])
    week = meetings_views.diary(ctx, coordinator="sworker", first_day=date(2026, 11, 23), last_day=date(2026, 11, 29))
    assert [v.meeting.id for v in week] == [meeting.id]
