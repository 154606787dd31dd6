"""Scheduling checks for meetings: pure rules over plain values, so services, screens and tests share them.

Each check returns warnings, never errors: a coordinator may have a good reason to meet on a Saturday or
at 19:30, so every warning can be overridden with a reason. What is refused outright (inviting someone
excluded or not to be told) lives in `fgdm.domain.disclosure`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from fgdm.i18n import format_day, format_instant

DAY_STARTS = time(8, 0)
DAY_ENDS = time(20, 0)
REVIEW_EARLIEST_WEEKS = 6
REVIEW_LATEST_WEEKS = 13


class WarningCode:
    """The codes an override names; kept short and stable because they are stored."""

    COORDINATOR_DOUBLE_BOOKED = "coordinator_double_booked"
    ATTENDEE_DOUBLE_BOOKED = "attendee_double_booked"
    OUTSIDE_HOURS = "outside_hours"
    WEEKEND = "weekend"
    BANK_HOLIDAY = "bank_holiday"
    INTERPRETER_NOT_BOOKED = "interpreter_not_booked"
    FGDM_MEETING_LATE = "fgdm_meeting_late"
    REVIEW_TIMING = "review_timing"
    SEPARATE_SAME_VENUE = "separate_same_venue"
    SEPARATE_TOO_CLOSE = "separate_too_close"

    ALL: tuple[str, ...] = (COORDINATOR_DOUBLE_BOOKED, ATTENDEE_DOUBLE_BOOKED, OUTSIDE_HOURS, WEEKEND,
                            BANK_HOLIDAY, INTERPRETER_NOT_BOOKED, FGDM_MEETING_LATE, REVIEW_TIMING,
                            SEPARATE_SAME_VENUE, SEPARATE_TOO_CLOSE)


@dataclass(frozen=True)
class SchedulingWarning:
    code: str
    message: str


@dataclass(frozen=True)
class BookedSlot:
    """Another meeting someone is already in: enough to say who clashes with what."""

    who: str
    starts_at: datetime
    ends_at: datetime
    label: str


@dataclass(frozen=True)
class ReviewWindow:
    """When the review of an FGDM meeting should be held: 6 to 13 weeks after it."""

    held_on: date
    earliest: date
    latest: date

    def contains(self, day: date) -> bool:
        return self.earliest <= day <= self.latest


def review_window(held_on: date) -> ReviewWindow:
    return ReviewWindow(held_on=held_on, earliest=held_on + timedelta(weeks=REVIEW_EARLIEST_WEEKS),
                        latest=held_on + timedelta(weeks=REVIEW_LATEST_WEEKS))


def overlaps(starts_at: datetime, ends_at: datetime, other_starts_at: datetime, other_ends_at: datetime) -> bool:
    """Two meetings clash when they share any time; one ending as the next begins is no clash."""
    return starts_at < other_ends_at and other_starts_at < ends_at


def double_booking_warnings(starts_at: datetime, ends_at: datetime, *, coordinator_slots: Iterable[BookedSlot],
                            attendee_slots: Iterable[BookedSlot]) -> list[SchedulingWarning]:
    """One warning for the coordinator's clashes and one for the attendees', each naming every clash."""
    warnings: list[SchedulingWarning] = []
    for code, slots, whose in ((WarningCode.COORDINATOR_DOUBLE_BOOKED, coordinator_slots, "coordinator"),
                               (WarningCode.ATTENDEE_DOUBLE_BOOKED, attendee_slots, "attendee")):
        clashes = [slot for slot in slots if overlaps(starts_at, ends_at, slot.starts_at, slot.ends_at)]
        if clashes:
            detail = "; ".join(f"{slot.who} is at {slot.label} from {format_instant(slot.starts_at)}"
                               for slot in clashes)
            warnings.append(SchedulingWarning(code, f"the {whose} is double-booked: {detail}"))
    return warnings


def working_time_warnings(local_start: datetime, local_end: datetime,
                          bank_holidays: Mapping[date, str]) -> list[SchedulingWarning]:
    """Outside 08:00–20:00, on a weekend, or on a bank holiday, judged in England's local time."""
    warnings: list[SchedulingWarning] = []
    ends_late = local_end.date() > local_start.date() or local_end.time() > DAY_ENDS
    if local_start.time() < DAY_STARTS or ends_late:
        warnings.append(SchedulingWarning(
            WarningCode.OUTSIDE_HOURS,
            f"runs {local_start:%H:%M}–{local_end:%H:%M}, outside the working day of 08:00–20:00"))
    if local_start.weekday() >= 5:
        warnings.append(SchedulingWarning(WarningCode.WEEKEND, f"falls on a {local_start:%A}"))
    holiday = bank_holidays.get(local_start.date())
    if holiday:
        warnings.append(SchedulingWarning(WarningCode.BANK_HOLIDAY, f"falls on a bank holiday ({holiday})"))
    return warnings


def interpreter_warning(needing_interpreter: Iterable[str], interpreter_booked: bool) -> list[SchedulingWarning]:
    names = list(needing_interpreter)
    if not names or interpreter_booked:
        return []
    return [SchedulingWarning(WarningCode.INTERPRETER_NOT_BOOKED,
                              f"{', '.join(names)} need{'s' if len(names) == 1 else ''} an interpreter "
                              "but none is booked; book one (never a family member)")]


def fgdm_meeting_timing_warning(referral_date: date, meeting_day: date,
                                target_weeks: int) -> list[SchedulingWarning]:
    limit = referral_date + timedelta(weeks=target_weeks)
    if meeting_day <= limit:
        return []
    return [SchedulingWarning(WarningCode.FGDM_MEETING_LATE,
                              f"is {weeks_and_days(meeting_day - referral_date)} after the referral; "
                              f"the target is within {target_weeks} weeks")]


def review_timing_warning(fgdm_meeting_day: date | None, review_day: date) -> list[SchedulingWarning]:
    """A review should fall 6 to 13 weeks after the FGDM meeting; with no FGDM meeting there is no clock."""
    if fgdm_meeting_day is None:
        return []
    window = review_window(fgdm_meeting_day)
    if window.contains(review_day):
        return []
    gap = review_day - fgdm_meeting_day
    return [SchedulingWarning(WarningCode.REVIEW_TIMING,
                              f"is {weeks_and_days(abs(gap))} {'after' if gap.days >= 0 else 'before'} "
                              "the FGDM meeting; "
                              f"reviews are held {REVIEW_EARLIEST_WEEKS} to {REVIEW_LATEST_WEEKS} weeks after "
                              f"({format_day(window.earliest)} to {format_day(window.latest)})")]


SEPARATE_SESSION_GAP = timedelta(hours=2)
"""How far a separate session keeps from the meeting it is held apart from: nobody arriving for one meets
someone leaving the other."""


@dataclass(frozen=True)
class Sitting:
    """A meeting as the separate-session check sees it: where (a venue id, or the note) and when."""

    place: tuple[int | None, str]
    starts_at: datetime
    ends_at: datetime


def separate_session_warnings(session: Sitting, apart_from: Sitting) -> list[SchedulingWarning]:
    """A separate session is its own meeting: at another venue, and not next to the meeting it is held apart
    from, unless the coordinator records why."""
    warnings = []
    venue_id, note = session.place
    if session.place == apart_from.place or (venue_id is None and not note.strip()):
        warnings.append(SchedulingWarning(
            WarningCode.SEPARATE_SAME_VENUE,
            "the separate session has no venue of its own" if venue_id is None and not note.strip() else
            "the separate session is at the same venue as the meeting it is held apart from; choose another"))
    gap = max(apart_from.starts_at - session.ends_at, session.starts_at - apart_from.ends_at)
    if gap < SEPARATE_SESSION_GAP:
        where = "overlaps" if gap < timedelta(0) else "is next to"
        warnings.append(SchedulingWarning(
            WarningCode.SEPARATE_TOO_CLOSE,
            f"the separate session {where} the meeting it is held apart from ({format_instant(apart_from.starts_at)}"
            f" to {format_instant(apart_from.ends_at)}); keep at least two hours between them"))
    return warnings


def weeks_and_days(span: timedelta) -> str:
    """'8 weeks and 2 days': exact enough that a warning never reads as if the target were met."""
    weeks, days = divmod(span.days, 7)
    parts = [f"{weeks} week{'s' if weeks != 1 else ''}"] if weeks or not days else []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    return " and ".join(parts)


def unanswered(warnings: Iterable[SchedulingWarning], overridden: Iterable[str]) -> list[SchedulingWarning]:
    """The warnings no override answers yet."""
    answered = set(overridden)
    return [warning for warning in warnings if warning.code not in answered]

