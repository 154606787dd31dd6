"""Each scheduling warning stops the save until overridden with a reason, and the override is stored."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from fgdm.domain.enums import CaseStatus
from fgdm.domain.scheduling import WarningCode
from fgdm.models import Meeting, WarningOverride
from fgdm.services import cases, meetings
from fgdm.services.meetings import WarningsNeedOverride
from fgdm.services.shared.errors import PermissionDenied, ValidationFailed
from tests.factories import make_case, make_staff
from tests.meetings_support import add_member, schedule


def _codes(error: pytest.ExceptionInfo[WarningsNeedOverride]) -> set[str]:
    return {w.code for w in error.value.warnings}


def _refused(ctx, case, **kwargs) -> set[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(WarningsNeedOverride) as error:
        schedule(ctx, case, **kwargs)
    assert all(key.startswith("warning.") and message[:1].isupper() and message.endswith(".")
               for key, message in error.value.errors.items())
    assert "warning." not in error.value.in_words() and "_" not in error.value.in_words()
    return _codes(error)


@pytest.mark.parametrize(("referral", "day", "start", "end", "expected"), [
    ("2026-10-15", "2026-11-26", "07:30", "10:00", {WarningCode.OUTSIDE_HOURS}),
    ("2026-10-15", "2026-11-26", "18:00", "20:30", {WarningCode.OUTSIDE_HOURS}),
    ("2026-10-15", "2026-11-28", "10:00", "13:00", {WarningCode.WEEKEND}),
    ("2026-11-15", "2026-12-28", "10:00", "13:00", {WarningCode.BANK_HOLIDAY}),
    ("2026-10-01", "2026-12-01", "10:00", "13:00", {WarningCode.FGDM_MEETING_LATE}),
])
def test_time_warnings(ctx, referral, day, start, end, expected) -> None:
    case = make_case(ctx, referral_date=referral)
    assert _refused(ctx, case, day=day, start=start, end=end) == expected
    assert ctx.session.exec(select(Meeting)).all() == []


def test_working_day_boundaries_are_fine(ctx) -> None:
    case = make_case(ctx)
    assert schedule(ctx, case, start="08:00", end="20:00").id


def test_override_with_reason_saves_and_stores_who_and_why(ctx) -> None:
    case = make_case(ctx, referral_date="2026-10-15")
    with pytest.raises(ValidationFailed, match="give a reason"):
        schedule(ctx, case, day="2026-11-28", overrides={WarningCode.WEEKEND: "  "})
    with pytest.raises(ValidationFailed, match="not a warning fgdm gives"):
        schedule(ctx, case, day="2026-11-28", overrides={"too_sunny": "why not"})
    meeting = schedule(ctx, case, day="2026-11-28",
                       overrides={WarningCode.WEEKEND: "Father works weekdays", WarningCode.OUTSIDE_HOURS: "unused"})
    rows = ctx.session.exec(select(WarningOverride).where(WarningOverride.meeting_id == meeting.id)).all()
    assert [(r.code, r.reason, r.decided_by) for r in rows] == [("weekend", "Father works weekdays", "Local user")]
    assert [o.code for o in meetings.get_meeting(ctx, meeting.id).overrides] == ["weekend"]
    meetings.update_meeting(ctx, meeting.id, {"start_time": "11:00"})
    assert meeting.ical_sequence == 1, "an override already given holds for later edits"


def test_coordinator_double_booked_across_cases(ctx) -> None:
    coordinator = make_staff(ctx, "cdavies", name="Cerys Davies")
    first = make_case(ctx, coordinator_id=coordinator.id)
    second = make_case(ctx, family_name="Nowak", coordinator_id=coordinator.id)
    schedule(ctx, first, start="10:00", end="13:00")
    schedule(ctx, second, start="13:00", end="15:00")  # back to back is no clash
    with pytest.raises(WarningsNeedOverride) as error:
        schedule(ctx, second, start="12:00", end="14:00")
    assert _codes(error) == {WarningCode.COORDINATOR_DOUBLE_BOOKED}
    message = error.value.warnings[0].message
    assert "Cerys Davies" in message and first.reference in message and "26 November 2026, 10:00" in message
    meeting = schedule(ctx, second, start="12:00", end="14:00",
                       overrides={WarningCode.COORDINATOR_DOUBLE_BOOKED: "Co-worker chairs the first hour"})
    assert meeting.id


def test_coordinator_as_staff_attendee_elsewhere_counts(ctx) -> None:
    coordinator = make_staff(ctx, "cdavies")
    case = make_case(ctx, coordinator_id=coordinator.id)
    other = make_case(ctx, family_name="Nowak")
    schedule(ctx, other, staff_ids=[coordinator.id])
    assert _refused(ctx, case) == {WarningCode.COORDINATOR_DOUBLE_BOOKED}


def test_cancelled_meetings_do_not_clash(ctx) -> None:
    case = make_case(ctx)
    coordinator = make_staff(ctx, "cdavies")
    first = schedule(ctx, case, coordinator_id=coordinator.id)
    meetings.cancel_meeting(ctx, first.id, "Moved")
    assert schedule(ctx, case, coordinator_id=coordinator.id).id


def test_attendee_double_booked_as_the_same_person(ctx) -> None:
    case = make_case(ctx)
    grandmother = add_member(ctx, case, "Ngozi")
    schedule(ctx, case, kind="preparation_visit", start="11:00", end="12:00", network_member_ids=[grandmother.id])
    with pytest.raises(WarningsNeedOverride) as error:
        schedule(ctx, case, network_member_ids=[grandmother.id], coordinator_id=None)
    assert _codes(error) == {WarningCode.ATTENDEE_DOUBLE_BOOKED}
    assert "Ngozi Okafor" in error.value.warnings[0].message


def test_staff_attendee_double_booked(ctx) -> None:
    case = make_case(ctx)
    worker = make_staff(ctx, "sworker", role="referrer", name="Sam Worker")
    schedule(ctx, case, staff_ids=[worker.id], start="09:00", end="11:00")
    assert _refused(ctx, case, staff_ids=[worker.id]) == {WarningCode.ATTENDEE_DOUBLE_BOOKED}


def test_interpreter_needed_but_not_booked(ctx) -> None:
    case = make_case(ctx)
    member = add_member(ctx, case, "Agnieszka", "Nowak", interpreter_needed=True, preferred_language="pl")
    with pytest.raises(WarningsNeedOverride) as error:
        schedule(ctx, case, network_member_ids=[member.id])
    assert _codes(error) == {WarningCode.INTERPRETER_NOT_BOOKED}
    assert "Agnieszka Nowak needs an interpreter" in error.value.warnings[0].message
    meeting = schedule(ctx, case, network_member_ids=[member.id], interpreter_languages="Polish",
                       interpreter_booked=True)
    assert meeting.interpreter_booked


def test_review_must_be_six_to_thirteen_weeks_after_the_fgdm_meeting(ctx) -> None:
    case = make_case(ctx, referral_date="2026-09-01")
    fgdm = schedule(ctx, case, day="2026-10-20")
    meetings.mark_held(ctx, fgdm.id)
    assert _refused(ctx, case, kind="review", day="2026-11-24") == {WarningCode.REVIEW_TIMING}
    assert _refused(ctx, case, kind="review", day="2027-01-21") == {WarningCode.REVIEW_TIMING}
    assert schedule(ctx, case, kind="review", day="2026-12-01").id  # exactly six weeks
    assert schedule(ctx, case, kind="review", day="2027-01-19", start="14:00", end="15:00").id  # thirteen


def test_review_is_judged_against_a_planned_fgdm_meeting_too(ctx) -> None:
    case = make_case(ctx, referral_date="2026-11-01")
    schedule(ctx, case, day="2026-11-26")
    assert _refused(ctx, case, kind="review", day="2026-12-03") == {WarningCode.REVIEW_TIMING}


def test_edit_that_creates_a_warning_is_refused_and_changes_nothing(ctx) -> None:
    case = make_case(ctx)
    meeting = schedule(ctx, case)
    with pytest.raises(WarningsNeedOverride):
        meetings.update_meeting(ctx, meeting.id, {"day": "2026-11-29"})
    ctx.session.expire_all()
    stored = ctx.session.get(Meeting, meeting.id)
    assert (stored.ical_sequence, stored.starts_at) == (0, meeting.starts_at)


def test_replan_is_checked_like_a_new_meeting(ctx) -> None:
    case = make_case(ctx)
    meeting = schedule(ctx, case)
    meetings.postpone_meeting(ctx, meeting.id, "Illness")
    with pytest.raises(WarningsNeedOverride):
        meetings.replan_meeting(ctx, meeting.id, {"day": "2026-12-25", "start_time": "10:00", "end_time": "12:00"})


def test_bank_holidays_are_data_and_can_be_updated_from_a_file(ctx, tmp_path) -> None:
    holidays = meetings.bank_holidays()
    assert holidays[__import__("datetime").date(2026, 12, 28)] == "Boxing Day (substitute day)"
    assert len([d for d in holidays if d.year == 2028]) == 8
    source = tmp_path / "bank-holidays.json"
    source.write_text(json.dumps({"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": True},
        {"title": "Extra holiday for a royal occasion", "date": "2026-12-01", "notes": "", "bunting": True}]}}))
    meetings.update_bank_holidays(ctx, source)
    holidays = meetings.bank_holidays()
    assert holidays[__import__("datetime").date(2029, 1, 1)] == "New Year’s Day"
    assert [d.isoformat() for d in holidays if d.year == 2026] == ["2026-12-01"]
    case = make_case(ctx, referral_date="2026-10-15")
    assert _refused(ctx, case, day="2026-12-01") == {WarningCode.BANK_HOLIDAY}


def test_bad_bank_holiday_file_names_the_fix(ctx, tmp_path) -> None:
    source = tmp_path / "holidays.json"
    source.write_text('{"events": [{"date": "1 Jan 2029"}]}')
    with pytest.raises(ValidationFailed, match="YYYY-MM-DD"):
        meetings.update_bank_holidays(ctx, source)
    source.write_text("not json")
    with pytest.raises(ValidationFailed, match="cannot read"):
        meetings.update_bank_holidays(ctx, source)
    assert not meetings.update_path().exists()


def test_only_managers_update_bank_holidays(workspace, tmp_path) -> None:
    with workspace.context() as owner:
        make_staff(owner, "cdavies")
    with workspace.context("cdavies") as ctx, pytest.raises(PermissionDenied):
        meetings.update_bank_holidays(ctx, tmp_path / "x.json")


def test_the_order_of_the_work_an_fgdm_meeting_before_the_baseline_and_held_while_it_is_planned(ctx) -> None:
    case = make_case(ctx, referral_date="2026-11-02")
    baseline = schedule(ctx, case, kind="baseline", day="2026-11-20", start="10:00", end="11:00")
    visit = schedule(ctx, case, kind="preparation_visit", day="2026-11-19", start="10:00", end="11:00")
    assert _refused(ctx, case, day="2026-11-18") == {WarningCode.BEFORE_BASELINE}
    meeting = schedule(ctx, case, day="2026-11-18", overrides={"before_baseline": "Court date brought forward"})
    later = schedule(ctx, case, day="2026-11-25")                  # after the baseline: no warning
    moved = meetings.move_meeting(ctx, meeting.id, {"day": "2026-11-17", "start_time": "10:00", "end_time": "13:00"})
    assert moved.id == meeting.id                                  # the reason given stands for the meeting
    with pytest.raises(WarningsNeedOverride) as error:             # moving the other one before the baseline
        meetings.move_meeting(ctx, later.id, {"day": "2026-11-16", "start_time": "10:00", "end_time": "13:00"})
    assert _codes(error) == {WarningCode.BEFORE_BASELINE}

    with pytest.raises(WarningsNeedOverride) as error:
        meetings.mark_held(ctx, meeting.id)
    [warning] = error.value.warnings
    assert warning.message == ("the preparation visit on 19 November 2026, the baseline with referrer on 20 "
                               "November 2026 are still planned; record them as held, cancelled or moved first")
    ctx.session.expire_all()
    assert cases.case_record(ctx, case.id).status is CaseStatus.REFERRED
    assert ctx.session.get(Meeting, meeting.id).status.value == "planned"

    meetings.mark_held(ctx, baseline.id, held_on="2026-11-16")    # the baseline first: nothing earlier planned
    meetings.mark_held(ctx, visit.id, held_on="2026-11-16")
    meetings.cancel_meeting(ctx, later.id, "Held on the 17th instead")
    held = meetings.mark_held(ctx, meeting.id)
    assert held.status.value == "held" and cases.case_record(ctx, case.id).status is CaseStatus.MEETING_HELD


def test_holding_out_of_order_is_accepted_with_a_reason_and_kept(ctx) -> None:
    case = make_case(ctx, referral_date="2026-11-02")
    schedule(ctx, case, kind="baseline", day="2026-11-24", start="10:00", end="11:00")
    meeting = schedule(ctx, case, day="2026-11-20", overrides={"before_baseline": "Family asked"})
    meetings.mark_held(ctx, meeting.id, overrides={"earlier_meetings_planned": "Baseline done by phone"})
    stored = ctx.session.exec(select(WarningOverride.code, WarningOverride.reason)
                              .where(WarningOverride.meeting_id == meeting.id)).all()
    assert set(stored) == {("before_baseline", "Family asked"), ("earlier_meetings_planned", "Baseline done by phone")}
