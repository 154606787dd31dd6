"""Moving a meeting: the same calendar identity at a new time, judged again, audited, and invitations due again."""

from __future__ import annotations

import pytest
from sqlmodel import select

from fgdm.domain.enums import MeetingStatus
from fgdm.domain.scheduling import WarningCode
from fgdm.models import Meeting, WarningOverride
from fgdm.services import meetings, records
from fgdm.services.meetings import WarningsNeedOverride
from fgdm.services.shared.clock import LONDON
from fgdm.services.shared.errors import Conflict, ValidationFailed
from tests.factories import make_case
from tests.meetings_support import add_venue, schedule

SATURDAY = {"day": "2026-11-28", "start_time": "10:00", "end_time": "12:00"}
FRIDAY = {"day": "2026-11-27", "start_time": "14:00", "end_time": "16:00"}


def _case(ctx):  # type: ignore[no-untyped-def]
    """Referred on 15 October: the FGDM meeting's eight weeks run to 10 December, clear of every day here."""
    return make_case(ctx, referral_date="2026-10-15")


def _local(meeting: Meeting) -> str:
    return f"{meeting.starts_at.astimezone(LONDON):%d %H:%M}–{meeting.ends_at.astimezone(LONDON):%H:%M}"


def test_a_move_keeps_the_uid_raises_the_sequence_and_wants_invitations_again(ctx) -> None:
    meeting = schedule(ctx, _case(ctx))
    uid = meeting.ical_uid
    meetings.mark_invitations_sent(ctx, meeting.id)
    moved = meetings.move_meeting(ctx, meeting.id, FRIDAY)
    assert (moved.ical_uid, moved.ical_sequence, moved.invitations_sent_at) == (uid, 1, None)
    assert _local(moved) == "27 14:00–16:00"
    assert _local(Meeting(starts_at=moved.moved_from_starts_at, ends_at=moved.moved_from_ends_at)) == "26 10:00–13:00"
    assert moved.status is MeetingStatus.PLANNED


def test_the_time_kept_is_the_one_invitees_last_heard_of(ctx) -> None:
    meeting = schedule(ctx, _case(ctx))
    meetings.mark_invitations_sent(ctx, meeting.id)
    meetings.move_meeting(ctx, meeting.id, FRIDAY)
    meetings.move_meeting(ctx, meeting.id, {"day": "2026-11-30", "start_time": "10:00", "end_time": "12:00"})
    assert meeting.moved_from_starts_at.astimezone(LONDON).day == 26, "nobody was sent the Friday"
    meetings.mark_invitations_sent(ctx, meeting.id)
    meetings.move_meeting(ctx, meeting.id, {"day": "2026-12-01", "start_time": "10:00", "end_time": "12:00"})
    assert meeting.moved_from_starts_at.astimezone(LONDON).day == 30
    meetings.move_meeting(ctx, meeting.id, {"day": "2026-11-30", "start_time": "10:00", "end_time": "12:00"})
    assert meeting.moved_from_starts_at is None, "back at the time they know: nothing to replace"


def test_a_warning_stops_the_move_until_accepted_with_a_reason(ctx) -> None:
    meeting = schedule(ctx, _case(ctx))
    with pytest.raises(WarningsNeedOverride) as error:
        meetings.move_meeting(ctx, meeting.id, SATURDAY)
    assert {w.code for w in error.value.warnings} == {WarningCode.WEEKEND}
    ctx.session.expire_all()
    stored = ctx.session.get(Meeting, meeting.id)
    assert (stored.ical_sequence, _local(stored), stored.moved_from_starts_at) == (0, "26 10:00–13:00", None)
    assert [entry for entry in records.case_history(ctx, stored.case_id) if entry.action == "moved"] == []
    meetings.move_meeting(ctx, meeting.id, SATURDAY, overrides={"weekend": "Father works weekdays"})
    override = ctx.session.exec(select(WarningOverride).where(WarningOverride.meeting_id == meeting.id)).one()
    assert (override.code, override.reason) == ("weekend", "Father works weekdays")


def test_a_postponed_meeting_moves_back_to_planned_and_replan_is_that_move(ctx) -> None:
    case = _case(ctx)
    first, second = schedule(ctx, case), schedule(ctx, case, day="2026-11-24")
    for meeting in (first, second):
        meetings.postpone_meeting(ctx, meeting.id, "Interpreter unavailable")
    meetings.move_meeting(ctx, first.id, FRIDAY)
    meetings.replan_meeting(ctx, second.id, {"day": "2026-11-25", "start_time": "10:00", "end_time": "12:00"})
    assert [(m.status, m.status_reason, m.ical_sequence) for m in (first, second)] == [
        (MeetingStatus.PLANNED, "", 2)] * 2
    with pytest.raises(ValidationFailed, match="planned, so you cannot replan it"):
        meetings.replan_meeting(ctx, first.id, FRIDAY)


@pytest.mark.parametrize("status", [MeetingStatus.HELD, MeetingStatus.CANCELLED])
def test_a_held_or_cancelled_meeting_cannot_move(ctx, status) -> None:
    meeting = schedule(ctx, _case(ctx), day="2026-11-20")
    if status is MeetingStatus.HELD:
        meetings.mark_held(ctx, meeting.id)
    else:
        meetings.cancel_meeting(ctx, meeting.id, "Family withdrew")
    with pytest.raises(ValidationFailed, match=f"is {status.value}, so you cannot move it"):
        meetings.move_meeting(ctx, meeting.id, FRIDAY)


def test_a_new_venue_alone_is_a_move_and_nothing_at_all_is_refused(ctx) -> None:
    meeting = schedule(ctx, _case(ctx))
    same = {"day": "2026-11-26", "start_time": "10:00", "end_time": "13:00"}
    with pytest.raises(ValidationFailed, match="already then and there"):
        meetings.move_meeting(ctx, meeting.id, same)
    venue_id = add_venue(ctx)
    meetings.move_meeting(ctx, meeting.id, {**same, "venue_id": venue_id})
    assert (meeting.venue_id, meeting.ical_sequence, meeting.moved_from_starts_at) == (venue_id, 1, None)
    with pytest.raises(ValidationFailed, match="no venue has id 999"):
        meetings.move_meeting(ctx, meeting.id, {**FRIDAY, "venue_id": 999})


@pytest.mark.parametrize(("data", "field", "hint"), [
    ({**FRIDAY, "start_time": "half ten"}, "start_time", "HH:MM"),
    ({**FRIDAY, "end_time": "13:00"}, "input", "the meeting must end after it starts"),
    ({**FRIDAY, "day": "31/11/2026"}, "day", "DD/MM/YYYY"),
    ({"day": "2027-03-28", "start_time": "01:30", "end_time": "03:00"}, "start_time", "clocks go forward"),
])
def test_bad_times_name_the_field_and_move_nothing(ctx, data, field, hint) -> None:
    meeting = schedule(ctx, _case(ctx))
    with pytest.raises(ValidationFailed) as error:
        meetings.move_meeting(ctx, meeting.id, data)
    assert field in error.value.errors and hint in error.value.errors[field]
    ctx.session.expire_all()
    assert ctx.session.get(Meeting, meeting.id).ical_sequence == 0


def test_a_move_over_someone_elses_change_is_refused(ctx) -> None:
    meeting = schedule(ctx, _case(ctx))
    opened = meeting.version
    meetings.update_meeting(ctx, meeting.id, {"notes": "room changed"})
    with pytest.raises(Conflict):
        meetings.move_meeting(ctx, meeting.id, FRIDAY, expected_version=opened)


def test_the_history_says_the_move_in_words(ctx) -> None:
    case = _case(ctx)
    meeting = schedule(ctx, case)
    meetings.move_meeting(ctx, meeting.id, FRIDAY)
    meetings.update_meeting(ctx, meeting.id, {"start_time": "15:00", "end_time": "17:00"})
    moves = [entry for entry in records.case_history(ctx, case.id) if entry.action == "moved"]
    assert [(entry.record, entry.summary) for entry in moves] == [
        ("meeting", "from: 27 November 2026, 14:00–16:00; to: 27 November 2026, 15:00–17:00"),
        ("meeting", "from: 26 November 2026, 10:00–13:00; to: 27 November 2026, 14:00–16:00")]
