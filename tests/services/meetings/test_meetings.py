"""Scheduling meetings: times in England, attendees and safety, edits, status moves and the review clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from fgdm.domain.enums import Attendance, CaseStatus, ContactStatus, MeetingStatus
from fgdm.domain.scheduling import WarningCode
from fgdm.models import AuditEvent, Meeting, MeetingAttendee
from fgdm.services import cases, meetings
from fgdm.services.meetings import WarningsNeedOverride
from fgdm.services.shared.clock import LONDON
from fgdm.services.shared.errors import NotFound, SafetyBreach, ValidationFailed
from tests.factories import make_case, make_staff
from tests.meetings_support import add_member, add_venue, schedule


def test_schedule_stores_london_wall_clock_as_utc(ctx) -> None:
    case = make_case(ctx)
    meeting = schedule(ctx, case, day="2026-11-26", start="10:00", end="13:00")
    assert meeting.starts_at.tzinfo is not None
    assert meeting.starts_at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M") == "2026-11-26 10:00"
    assert meeting.ends_at - meeting.starts_at == timedelta(hours=3)
    assert meeting.ical_uid.endswith("@fgdm")
    assert meeting.ical_sequence == 0
    assert meeting.status is MeetingStatus.PLANNED


def test_meeting_after_october_clock_change_stays_at_ten_local(ctx) -> None:
    case = make_case(ctx, referral_date="2026-09-20")
    meeting = schedule(ctx, case, day="2026-10-26", start="10:00", end="13:00")
    ctx.session.expire_all()
    stored = ctx.session.get(Meeting, meeting.id)
    local = stored.starts_at.astimezone(LONDON)
    assert (local.hour, local.minute, local.utcoffset()) == (10, 0, timedelta(0))
    assert stored.starts_at.hour == 10  # GMT: UTC and local agree after the change
    assert stored.ends_at - stored.starts_at == timedelta(hours=3)
    view = meetings.get_meeting(ctx, meeting.id)
    assert view.local_start.strftime("%H:%M") == "10:00"


def test_summer_meeting_is_an_hour_ahead_of_utc(ctx) -> None:
    case = make_case(ctx, referral_date="2026-09-20")
    meeting = schedule(ctx, case, day="2026-10-23", start="10:00", end="13:00")
    assert meeting.starts_at.hour == 9
    assert meeting.starts_at.astimezone(LONDON).hour == 10


def test_time_that_does_not_exist_in_spring_is_refused(ctx) -> None:
    case = make_case(ctx)
    with pytest.raises(ValidationFailed) as error:
        meetings.local_instant(date(2027, 3, 28), datetime(2027, 3, 28, 1, 30).time(), "start_time")
    assert "clocks go forward" in error.value.errors["start_time"]
    assert case.id


@pytest.mark.parametrize(("data", "field", "hint"), [
    ({"start_time": "25:00"}, "start_time", "HH:MM"),
    ({"end_time": "09:00"}, "input", "end_time must be after start_time"),
    ({"day": "26/11/2026"}, "day", "YYYY-MM-DD"),
    ({"kind": "party"}, "kind", "fgdm_meeting"),
])
def test_bad_input_names_the_field_and_saves_nothing(ctx, data, field, hint) -> None:
    case = make_case(ctx)
    base = {"kind": "fgdm_meeting", "day": "2026-11-26", "start_time": "10:00", "end_time": "13:00"}
    with pytest.raises(ValidationFailed) as error:
        meetings.schedule_meeting(ctx, case.id, base | data)
    assert hint in error.value.errors[field]
    assert ctx.session.exec(select(Meeting)).all() == []


def test_attendees_from_network_and_staff_with_attendance_after(ctx) -> None:
    case = make_case(ctx)
    grandmother = add_member(ctx, case, "Ngozi", email="ngozi@example.org")
    social_worker = make_staff(ctx, "sw1", role="referrer", name="Sam Worker", email="sam@example.org")
    meeting = schedule(ctx, case, network_member_ids=[grandmother.id], staff_ids=[social_worker.id])
    view = meetings.get_meeting(ctx, meeting.id)
    assert sorted(a.name for a in view.attendees) == ["Ngozi Okafor", "Sam Worker"]
    with pytest.raises(ValidationFailed, match="record it as held first"):
        meetings.record_attendance(ctx, meeting.id, {view.attendees[0].id: "attended"})
    meetings.mark_held(ctx, meeting.id, held_on=date(2026, 11, 23))
    by_name = {a.name: a.id for a in view.attendees}
    meetings.record_attendance(ctx, meeting.id, {by_name["Ngozi Okafor"]: "attended",
                                                 by_name["Sam Worker"]: Attendance.SENT_APOLOGIES})
    after = {a.name: a.attendance for a in meetings.get_meeting(ctx, meeting.id).attendees}
    assert after == {"Ngozi Okafor": Attendance.ATTENDED, "Sam Worker": Attendance.SENT_APOLOGIES}


@pytest.mark.parametrize("unsafe", [{"not_to_be_told": True}, {"contact_status": ContactStatus.EXCLUDED}])
def test_excluded_or_not_to_be_told_member_is_refused_outright(ctx, unsafe) -> None:
    case = make_case(ctx)
    member = add_member(ctx, case, "Tunde", **unsafe)
    with pytest.raises(SafetyBreach, match="Tunde Okafor"):
        schedule(ctx, case, network_member_ids=[member.id],
                 overrides={"outside_hours": "even with every warning overridden"})
    assert ctx.session.exec(select(Meeting)).all() == []
    assert member.id not in [m.id for m, _ in meetings.invitable_members(ctx, case.id)]


def test_member_of_another_case_is_not_an_attendee(ctx) -> None:
    case, other = make_case(ctx), make_case(ctx, family_name="Nowak")
    stranger = add_member(ctx, other, "Piotr", "Nowak")
    with pytest.raises(ValidationFailed, match="not a member of the network"):
        schedule(ctx, case, network_member_ids=[stranger.id])


def test_a_separate_session_is_a_meeting_of_its_own_at_another_venue_and_time(ctx) -> None:
    case = make_case(ctx)
    mother = add_member(ctx, case, "Chioma", attends_separately=True)
    aunt = add_member(ctx, case, "Ifeoma")
    centre, library = add_venue(ctx), add_venue(ctx, "Exampleton Library", "1 Book Street, Exampleton")
    with pytest.raises(ValidationFailed, match="Chioma Okafor attends a separate session"):
        schedule(ctx, case, venue_id=centre, network_member_ids=[mother.id, aunt.id])
    meeting = schedule(ctx, case, venue_id=centre, network_member_ids=[aunt.id])
    with pytest.raises(ValidationFailed, match="held apart from"):
        schedule(ctx, case, kind="separate_session", network_member_ids=[mother.id])
    with pytest.raises(WarningsNeedOverride) as warned:
        schedule(ctx, case, kind="separate_session", separate_from=meeting.id, venue_id=centre,
                 start="13:00", end="14:00", network_member_ids=[mother.id])
    assert {w.code for w in warned.value.warnings} == {WarningCode.SEPARATE_SAME_VENUE, WarningCode.SEPARATE_TOO_CLOSE}
    separate = schedule(ctx, case, kind="separate_session", separate_from=meeting.id, venue_id=library,
                        start="15:30", end="16:30", network_member_ids=[mother.id])
    assert separate.linked_meeting_id == meeting.id and separate.venue_id == library
    close = schedule(ctx, case, kind="separate_session", separate_from=meeting.id, venue_id=centre, day="2026-11-27",
                     network_member_ids=[mother.id],
                     overrides={WarningCode.SEPARATE_SAME_VENUE: "the only step-free venue in the town"})
    assert close.venue_id == centre
    with pytest.raises(WarningsNeedOverride, match="separate_too_close"):
        meetings.update_meeting(ctx, meeting.id, {"start_time": "14:00", "end_time": "15:00"})


def test_edit_bumps_sequence_keeps_uid_and_resets_invitations(ctx) -> None:
    case = make_case(ctx)
    venue_id = add_venue(ctx)
    meeting = schedule(ctx, case)
    uid = meeting.ical_uid
    meetings.mark_invitations_sent(ctx, meeting.id)
    assert meeting.invitations_sent_at == ctx.now()
    meetings.update_meeting(ctx, meeting.id, {"venue_id": venue_id, "start_time": "10:30"})
    assert (meeting.ical_uid, meeting.ical_sequence) == (uid, 1)
    assert meeting.invitations_sent_at is None
    assert meeting.starts_at.astimezone(LONDON).strftime("%H:%M") == "10:30"
    assert meeting.ends_at.astimezone(LONDON).strftime("%H:%M") == "13:00"
    meetings.update_meeting(ctx, meeting.id, {"venue_id": venue_id})
    assert meeting.ical_sequence == 1, "saving without a change is not a new version of the invitation"
    meetings.update_meeting(ctx, meeting.id, {"advocate_name": "Ama Mensah"})
    assert meeting.ical_sequence == 2


def test_edit_with_stale_version_is_refused(ctx) -> None:
    from fgdm.services.shared.errors import Conflict

    case = make_case(ctx)
    meeting = schedule(ctx, case)
    opened = meeting.version
    meetings.update_meeting(ctx, meeting.id, {"notes": "first"})
    with pytest.raises(Conflict):
        meetings.update_meeting(ctx, meeting.id, {"notes": "second"}, expected_version=opened)


def test_cancel_needs_a_reason_and_bumps_sequence(ctx) -> None:
    case = make_case(ctx)
    meeting = schedule(ctx, case)
    with pytest.raises(ValidationFailed, match="say why"):
        meetings.cancel_meeting(ctx, meeting.id, "  ")
    meetings.cancel_meeting(ctx, meeting.id, "Family asked to wait until after the court hearing")
    assert (meeting.status, meeting.ical_sequence) == (MeetingStatus.CANCELLED, 1)
    assert meeting.status_reason.startswith("Family asked")
    with pytest.raises(ValidationFailed, match="cancelled"):
        meetings.update_meeting(ctx, meeting.id, {"notes": "x"})
    with pytest.raises(ValidationFailed, match="cancelled"):
        meetings.mark_held(ctx, meeting.id)


def test_postpone_then_replan_with_new_times(ctx) -> None:
    case = make_case(ctx)
    meeting = schedule(ctx, case)
    meetings.postpone_meeting(ctx, meeting.id, "Interpreter unavailable")
    assert meeting.status is MeetingStatus.POSTPONED
    with pytest.raises(ValidationFailed, match="replan"):
        meetings.update_meeting(ctx, meeting.id, {"start_time": "11:00"})
    meetings.replan_meeting(ctx, meeting.id, {"day": "2026-11-25", "start_time": "09:30", "end_time": "12:30"})
    assert meeting.status is MeetingStatus.PLANNED
    assert meeting.status_reason == ""
    assert meeting.ical_sequence == 2
    assert meeting.starts_at.astimezone(LONDON).strftime("%d %H:%M") == "25 09:30"


def test_fgdm_meeting_held_moves_the_case_forward_and_starts_the_review_clock(ctx) -> None:
    case = make_case(ctx)
    assert meetings.review_due(ctx, case.id) is None
    meeting = schedule(ctx, case, day="2026-11-23", start="08:00", end="09:30")
    with pytest.raises(ValidationFailed, match="future"):
        meetings.mark_held(ctx, meeting.id, held_on="2026-11-24")
    with pytest.raises(ValidationFailed, match="YYYY-MM-DD"):
        meetings.mark_held(ctx, meeting.id, held_on="23/11/2026")
    meetings.mark_held(ctx, meeting.id)
    assert meeting.held_on == date(2026, 11, 23)
    assert cases.get_case(ctx, case.id).case.status is CaseStatus.MEETING_HELD
    window = meetings.review_due(ctx, case.id)
    assert (window.earliest, window.latest) == (date(2027, 1, 4), date(2027, 2, 22))


def test_holding_the_meeting_never_moves_the_case_back(ctx) -> None:
    case = make_case(ctx)
    for _ in range(4):
        cases.advance_stage(ctx, case.id)
    assert case.status is CaseStatus.REVIEWING
    meeting = schedule(ctx, case, day="2026-11-23", start="08:00", end="09:00")
    meetings.mark_held(ctx, meeting.id)
    assert cases.get_case(ctx, case.id).case.status is CaseStatus.REVIEWING


def test_review_held_after_plan_agreed_moves_case_to_reviewing(ctx) -> None:
    case = make_case(ctx, referral_date="2026-08-01")
    for _ in range(3):
        cases.advance_stage(ctx, case.id)
    review = schedule(ctx, case, kind="review", day="2026-11-23", start="08:00", end="09:00")
    meetings.mark_held(ctx, review.id)
    assert case.status is CaseStatus.REVIEWING


def test_changes_are_in_the_audit_trail(ctx) -> None:
    case = make_case(ctx)
    meeting = schedule(ctx, case)
    meetings.cancel_meeting(ctx, meeting.id, "No longer needed")
    actions = ctx.session.exec(select(AuditEvent.action).where(AuditEvent.table_name == "meeting",
                                                               AuditEvent.record_id == meeting.id)).all()
    assert actions == ["create", "update"]


def test_unknown_meeting_is_not_found(ctx) -> None:
    with pytest.raises(NotFound):
        meetings.get_meeting(ctx, 999)


def test_names_round_trip(ctx) -> None:
    case = make_case(ctx)
    member = add_member(ctx, case, "Zoë 🌟", "O'Brien-ناصر")
    meeting = schedule(ctx, case, network_member_ids=[member.id], location_note="{{ room }}; DROP TABLE meeting;--",
                       advocate_name="Siân Ó Dónaill")
    ctx.session.expire_all()
    view = meetings.get_meeting(ctx, meeting.id)
    assert view.attendees[0].name == "Zoë 🌟 O'Brien-ناصر"
    assert view.meeting.location_note == "{{ room }}; DROP TABLE meeting;--"
    assert view.meeting.advocate_name == "Siân Ó Dónaill"


def test_removing_an_attendee_deletes_the_invitation(ctx) -> None:
    case = make_case(ctx)
    one, two = add_member(ctx, case, "Ngozi"), add_member(ctx, case, "Emeka")
    meeting = schedule(ctx, case, network_member_ids=[one.id, two.id])
    meetings.update_meeting(ctx, meeting.id, {"network_member_ids": [two.id]})
    left = ctx.session.exec(select(MeetingAttendee.network_member_id)
                            .where(MeetingAttendee.meeting_id == meeting.id)).all()
    assert left == [two.id]
    assert meeting.ical_sequence == 1


def test_emptied_fields_clear_text_but_not_the_kind(ctx) -> None:
    case = make_case(ctx)
    meeting = schedule(ctx, case, location_note="Room 2", venue_id=add_venue(ctx))
    meetings.update_meeting(ctx, meeting.id, {"location_note": None, "venue_id": None})
    assert (meeting.location_note, meeting.venue_id) == ("", None)
    with pytest.raises(ValidationFailed, match="cannot be empty"):
        meetings.update_meeting(ctx, meeting.id, {"kind": None})
