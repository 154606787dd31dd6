"""The pure scheduling rules: overlaps, the working day, timescales and how they read."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from fgdm.domain import scheduling
from fgdm.domain.scheduling import BookedSlot, SchedulingWarning, WarningCode
from fgdm.services.shared.clock import LONDON


def _at(hour: int, minute: int = 0, day: int = 26) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=LONDON)


def test_back_to_back_meetings_do_not_overlap() -> None:
    assert not scheduling.overlaps(_at(10), _at(12), _at(12), _at(13))
    assert scheduling.overlaps(_at(10), _at(12), _at(11, 59), _at(13))


@given(st.integers(0, 1000), st.integers(1, 300), st.integers(0, 1000), st.integers(1, 300))
def test_overlap_is_symmetric(a: int, a_len: int, b: int, b_len: int) -> None:
    base = datetime(2026, 1, 1, tzinfo=UTC)
    first = (base + timedelta(minutes=a), base + timedelta(minutes=a + a_len))
    second = (base + timedelta(minutes=b), base + timedelta(minutes=b + b_len))
    assert scheduling.overlaps(*first, *second) == scheduling.overlaps(*second, *first)


def test_working_day_is_judged_in_local_time() -> None:
    assert scheduling.working_time_warnings(_at(8), _at(20), {}) == []
    late = scheduling.working_time_warnings(_at(19), _at(21), {})
    assert late == [SchedulingWarning(WarningCode.OUTSIDE_HOURS,
                                      "runs 19:00–21:00, outside the working day of 08:00–20:00")]
    overnight = scheduling.working_time_warnings(_at(19), _at(1, day=27), {})
    assert [w.code for w in overnight] == [WarningCode.OUTSIDE_HOURS]


def test_weekend_and_bank_holiday_name_the_day() -> None:
    warnings = scheduling.working_time_warnings(_at(10, day=28), _at(12, day=28), {date(2026, 11, 28): "Test day"})
    assert [w.message for w in warnings] == ["falls on a Saturday", "falls on a bank holiday (Test day)"]


def test_double_booking_names_who_where_and_when() -> None:
    slot = BookedSlot("Cerys Davies", _at(9), _at(11), "the Baseline with referrer for FG-2026-0002")
    warnings = scheduling.double_booking_warnings(_at(10), _at(13), coordinator_slots=[slot], attendee_slots=[])
    assert warnings == [SchedulingWarning(
        WarningCode.COORDINATOR_DOUBLE_BOOKED,
        "the coordinator is double-booked: Cerys Davies is at the Baseline with referrer for FG-2026-0002 "
        "from 26 November 2026, 09:00")]
    assert scheduling.double_booking_warnings(_at(11), _at(13), coordinator_slots=[slot], attendee_slots=[]) == []


def test_interpreter_warning_only_when_needed_and_not_booked() -> None:
    assert scheduling.interpreter_warning([], False) == []
    assert scheduling.interpreter_warning(["Agnieszka Nowak"], True) == []
    [warning] = scheduling.interpreter_warning(["Agnieszka Nowak", "Jan Nowak"], False)
    assert warning.message.startswith("Agnieszka Nowak, Jan Nowak need an interpreter")


def test_fgdm_meeting_timing_reads_exactly() -> None:
    assert scheduling.fgdm_meeting_timing_warning(date(2026, 10, 1), date(2026, 11, 26), 8) == []
    [warning] = scheduling.fgdm_meeting_timing_warning(date(2026, 10, 1), date(2026, 11, 28), 8)
    assert warning.message == "is 8 weeks and 2 days after the referral; the target is within 8 weeks"


def test_review_window_and_warning() -> None:
    window = scheduling.review_window(date(2026, 11, 23))
    assert (window.earliest, window.latest) == (date(2027, 1, 4), date(2027, 2, 22))
    assert scheduling.review_timing_warning(None, date(2026, 11, 24)) == []
    assert scheduling.review_timing_warning(date(2026, 11, 23), date(2027, 1, 4)) == []
    [early] = scheduling.review_timing_warning(date(2026, 11, 23), date(2026, 11, 16))
    assert early.message.startswith("is 1 week before the FGDM meeting; reviews are held 6 to 13 weeks after "
                                    "(4 January 2027 to 22 February 2027)")


def test_weeks_and_days() -> None:
    assert [scheduling.weeks_and_days(timedelta(days=n)) for n in (0, 1, 7, 9, 15)] == [
        "0 weeks", "1 day", "1 week", "1 week and 2 days", "2 weeks and 1 day"]


def test_unanswered_leaves_only_warnings_without_an_override() -> None:
    warnings = [SchedulingWarning("weekend", "x"), SchedulingWarning("bank_holiday", "y")]
    assert scheduling.unanswered(warnings, {"weekend"}) == [warnings[1]]
