"""Meetings of the FGDM cycle: scheduling, editing, attendees, and the planned → held/postponed/cancelled moves.

Times are entered as a day and wall-clock times in England and stored as aware UTC instants. Every change a
calendar would care about bumps the meeting's iCalendar SEQUENCE (the UID never changes) and marks the
invitations as needing to be sent again.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import Any

from pydantic import Field, field_validator, model_validator
from sqlmodel import col, select

from fgdm.domain import disclosure, lifecycle
from fgdm.domain.enums import Attendance, CaseStatus, MeetingKind, MeetingStatus
from fgdm.i18n import format_instant, format_time_of_day
from fgdm.models import Case, Meeting, MeetingAttendee, NetworkMember, Person, Staff, Venue
from fgdm.services.meetings import _checks as meetings_checks
from fgdm.services.shared import access, audit_trail
from fgdm.services.shared.clock import LONDON, london_datetime, to_london
from fgdm.services.shared.concurrency import check_version
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.disclosure_facts import member_facts
from fgdm.services.shared.errors import NotFound, SafetyBreach, ValidationFailed
from fgdm.services.shared.inputs import Input, RecordId, parse, read_day


class _TimedInput(Input):
    """Times typed as text ("10:00") get a message that says how to write them."""

    @field_validator("start_time", "end_time", mode="before", check_fields=False)
    @classmethod
    def _time_of_day(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return time.fromisoformat(value.strip())
            except ValueError:
                raise ValueError("write the time as HH:MM on the 24-hour clock, for example 10:00") from None
        return value


class MeetingFields(_TimedInput):
    """What a coordinator edits on a meeting; all optional so an edit names only what changed."""

    kind: MeetingKind | None = None
    day: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    coordinator_id: RecordId | None = None
    venue_id: RecordId | None = None
    location_note: str | None = Field(default=None, max_length=200)
    interpreter_languages: str | None = Field(default=None, max_length=120)
    interpreter_booked: bool | None = None
    advocate_name: str | None = Field(default=None, max_length=200)
    private_family_time: bool | None = None
    notes: str | None = None
    network_member_ids: list[int] | None = None
    staff_ids: list[int] | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> MeetingFields:
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValueError("the meeting must end after it starts, on the same day")
        return self


class MeetingCreate(MeetingFields):
    kind: MeetingKind
    day: date
    start_time: time
    end_time: time
    separate_from: RecordId | None = None
    """For a separate session: the meeting it is held apart from."""


class MeetingTimes(_TimedInput):
    """New times for a meeting that moves (or a postponed one replanned), and perhaps a new venue."""

    day: date
    start_time: time
    end_time: time
    venue_id: RecordId | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> MeetingTimes:
        if self.end_time <= self.start_time:
            raise ValueError("the meeting must end after it starts, on the same day")
        return self


def local_instant(day: date, at: time, field: str) -> datetime:
    """A wall-clock time in England as a UTC instant; refuses the hour that does not exist in spring."""
    instant = london_datetime(day, at)
    if instant.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != datetime.combine(day, at):
        raise ValidationFailed.one(field, f"{at:%H:%M} does not exist on {day.isoformat()}: the clocks go "
                                          "forward that night; choose another time")
    return instant.astimezone(UTC)


def _meeting_and_case(ctx: ServiceContext, meeting_id: int, *, write: bool) -> tuple[Meeting, Case]:
    meeting = ctx.session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"there is no meeting with id {meeting_id}")
    case = (access.case_for_write if write else access.case_for_read)(ctx, meeting.case_id)
    return meeting, case


def meeting_for_read(ctx: ServiceContext, meeting_id: int) -> tuple[Meeting, Case]:
    return _meeting_and_case(ctx, meeting_id, write=False)


def _check_references(ctx: ServiceContext, values: MeetingFields) -> None:
    if values.coordinator_id is not None and ctx.session.get(Staff, values.coordinator_id) is None:
        raise ValidationFailed.one("coordinator_id", f"no member of staff has id {values.coordinator_id}; "
                                                     "choose one from the list")
    _check_venue(ctx, values.venue_id)


def _check_venue(ctx: ServiceContext, venue_id: int | None) -> None:
    if venue_id is not None and ctx.session.get(Venue, venue_id) is None:
        raise ValidationFailed.one("venue_id", f"no venue has id {venue_id}; choose one from the list "
                                               "or add the venue first")


def _member(ctx: ServiceContext, case: Case, member_id: int) -> tuple[NetworkMember, Person]:
    row = ctx.session.exec(select(NetworkMember, Person).join(Person, Person.id == NetworkMember.person_id)
                           .where(NetworkMember.id == member_id)).first()
    if row is None or row[0].case_id != case.id:
        raise ValidationFailed.one("network_member_ids", f"{member_id} is not a member of the network of "
                                                         f"{case.reference}; choose from the network")
    return row


def _refuse_unsafe(member: NetworkMember, person: Person) -> None:
    if not disclosure.may_be_invited(member_facts(member, person)):
        why = "is marked not to be told of the meeting" if member.not_to_be_told else "is excluded from the meeting"
        raise SafetyBreach.one("network_member_ids", f"{person.full_name} {why}; they cannot be invited. "
                                                     "Change their status on the network tab first if that is wrong")


def _set_attendees(ctx: ServiceContext, case: Case, meeting: Meeting, member_ids: list[int] | None,
                   staff_ids: list[int] | None) -> bool:
    """Make the invitees exactly these; returns whether anything changed."""
    session = ctx.session
    current = session.exec(select(MeetingAttendee).where(MeetingAttendee.meeting_id == meeting.id)).all()
    changed = False
    if member_ids is not None:
        wanted: set[int] = set()
        for member_id in dict.fromkeys(member_ids):
            member, person = _member(ctx, case, member_id)
            _refuse_unsafe(member, person)
            if member.attends_separately and meeting.kind is not MeetingKind.SEPARATE_SESSION:
                raise ValidationFailed.one("network_member_ids", f"{person.full_name} attends a separate session: "
                                                                 "leave them off this meeting and schedule their own "
                                                                 "(kind separate session, apart from this meeting) "
                                                                 "at another venue and time")
            wanted.add(member_id)
        have = {a.network_member_id: a for a in current if a.network_member_id is not None}
        for member_id in have.keys() - wanted:
            session.delete(have[member_id])
            changed = True
        for member_id in wanted - have.keys():
            session.add(MeetingAttendee(meeting_id=meeting.id, network_member_id=member_id))
            changed = True
    if staff_ids is not None:
        for staff_id in staff_ids:
            if session.get(Staff, staff_id) is None:
                raise ValidationFailed.one("staff_ids", f"no member of staff has id {staff_id}")
        have_staff = {a.staff_id: a for a in current if a.staff_id is not None}
        for staff_id in have_staff.keys() - set(staff_ids):
            session.delete(have_staff[staff_id])
            changed = True
        for staff_id in set(staff_ids) - have_staff.keys():
            session.add(MeetingAttendee(meeting_id=meeting.id, staff_id=staff_id))
            changed = True
    session.flush()
    return changed


def _apart_from(ctx: ServiceContext, case: Case, kind: MeetingKind, separate_from: int | None) -> int | None:
    """The meeting a separate session is held apart from: one of this case's, and not itself a separate session."""
    if kind is not MeetingKind.SEPARATE_SESSION:
        if separate_from is not None:
            raise ValidationFailed.one("separate_from", "only a separate session is held apart from another meeting")
        return None
    other = ctx.session.get(Meeting, separate_from) if separate_from is not None else None
    if other is None or other.case_id != case.id or other.kind is MeetingKind.SEPARATE_SESSION:
        raise ValidationFailed.one("separate_from", f"name the meeting of {case.reference} this separate session is "
                                                    "held apart from (`fgdm meeting list` shows the ids)")
    return other.id


def new_uid() -> str:
    return f"{uuid.uuid4()}@fgdm"


_PLAIN_FIELDS = ("kind", "coordinator_id", "venue_id", "location_note", "interpreter_languages",
                 "interpreter_booked", "advocate_name", "private_family_time", "notes")


def schedule_meeting(ctx: ServiceContext, case_id: int, data: MeetingCreate | dict[str, Any], *,
                     overrides: Mapping[str, str] | None = None) -> Meeting:
    """Plan a meeting; raises WarningsNeedOverride (saving nothing) while any warning lacks a reason."""
    with ctx.write() as session:
        case = access.case_for_write(ctx, case_id)
        values = parse(MeetingCreate, data)
        reasons = meetings_checks.clean_overrides(overrides)
        _check_references(ctx, values)
        fields = {name: getattr(values, name) for name in _PLAIN_FIELDS if getattr(values, name) is not None}
        fields.setdefault("coordinator_id", case.coordinator_id)
        meeting = Meeting(case_id=case.id, ical_uid=new_uid(),
                          linked_meeting_id=_apart_from(ctx, case, values.kind, values.separate_from),
                          starts_at=local_instant(values.day, values.start_time, "start_time"),
                          ends_at=local_instant(values.day, values.end_time, "end_time"), **fields)
        session.add(meeting)
        session.flush()
        _set_attendees(ctx, case, meeting, values.network_member_ids, values.staff_ids)
        meetings_checks.enforce(ctx, meeting, case, reasons)
    return meeting


def _require_status(meeting: Meeting, *allowed: MeetingStatus, doing: str) -> None:
    if meeting.status not in allowed:
        raise ValidationFailed.one("status", f"this {meeting.kind.label.lower()} is {meeting.status.label.lower()}"
                                             f", so you cannot {doing}")


def _touched(meeting: Meeting) -> None:
    """A change invitees must hear about: a higher SEQUENCE, and the invitations need sending again."""
    meeting.ical_sequence += 1
    meeting.invitations_sent_at = None


_TEXT_FIELDS = ("location_note", "interpreter_languages", "advocate_name", "notes")
_OPTIONAL_FIELDS = ("venue_id", "coordinator_id")


def _cleared(name: str, value: Any) -> Any:
    """An emptied field: text becomes blank, a venue or coordinator none; anything else must be given."""
    if value is not None or name in _OPTIONAL_FIELDS:
        return value
    if name in _TEXT_FIELDS:
        return ""
    raise ValidationFailed.one(name, "cannot be empty")


def update_meeting(ctx: ServiceContext, meeting_id: int, data: MeetingFields | dict[str, Any], *,
                   overrides: Mapping[str, str] | None = None, expected_version: int | None = None) -> Meeting:
    values = parse(MeetingFields, data)
    changes = values.model_dump(exclude_unset=True)
    reasons = meetings_checks.clean_overrides(overrides)
    with ctx.write():
        meeting, case = _meeting_and_case(ctx, meeting_id, write=True)
        check_version(meeting, f"The {meeting.kind.label.lower()}", expected_version, changes)
        _require_status(meeting, MeetingStatus.PLANNED, doing="change it; replan a postponed meeting instead")
        _check_references(ctx, values)
        changed = False
        for name in _PLAIN_FIELDS:
            if name not in changes:
                continue
            value = _cleared(name, changes[name])
            if getattr(meeting, name) != value:
                setattr(meeting, name, value)
                changed = True
        if {"day", "start_time", "end_time"} & changes.keys():
            local_start, local_end = to_london(meeting.starts_at), to_london(meeting.ends_at)
            day = values.day or local_start.date()
            start_time, end_time = values.start_time or local_start.time(), values.end_time or local_end.time()
            if end_time <= start_time:
                raise ValidationFailed.one("end_time", "must be after start_time on the same day")
            starts_at, ends_at = local_instant(day, start_time, "start_time"), local_instant(day, end_time, "end_time")
            changed = _move(ctx, meeting, starts_at, ends_at) or changed
        changed = _set_attendees(ctx, case, meeting, values.network_member_ids, values.staff_ids) or changed
        if changed:
            _touched(meeting)
        meetings_checks.enforce(ctx, meeting, case, reasons)
    return meeting


def postpone_meeting(ctx: ServiceContext, meeting_id: int, reason: str) -> Meeting:
    return _set_aside(ctx, meeting_id, MeetingStatus.POSTPONED, reason)


def cancel_meeting(ctx: ServiceContext, meeting_id: int, reason: str) -> Meeting:
    return _set_aside(ctx, meeting_id, MeetingStatus.CANCELLED, reason)


def _set_aside(ctx: ServiceContext, meeting_id: int, status: MeetingStatus, reason: str) -> Meeting:
    if not reason or not reason.strip():
        raise ValidationFailed.one("reason", f"say why the meeting is {status.label.lower()}")
    allowed = (MeetingStatus.PLANNED,) if status is MeetingStatus.POSTPONED else (
        MeetingStatus.PLANNED, MeetingStatus.POSTPONED)
    with ctx.write():
        meeting, _ = _meeting_and_case(ctx, meeting_id, write=True)
        _require_status(meeting, *allowed, doing=f"mark it {status.label.lower()}")
        meeting.status = status
        meeting.status_reason = reason.strip()
        _touched(meeting)
    return meeting


def _when(starts_at: datetime, ends_at: datetime) -> str:
    """'26 November 2026, 10:00–13:00', as the history and the invitations say a meeting's time."""
    return f"{format_instant(starts_at)}–{format_time_of_day(ends_at)}"


def _move(ctx: ServiceContext, meeting: Meeting, starts_at: datetime, ends_at: datetime) -> bool:
    """Give the meeting new times, remembering the time its invitees last heard of; returns whether it moved.

    The time kept is the one before this move if the invitations went out since the last move (or it never
    moved): invitees who were never sent the intermediate time are told the new one replaces the time they know.
    The move goes into the audit trail in words, for the case's History tab.
    """
    if (starts_at, ends_at) == (meeting.starts_at, meeting.ends_at):
        return False
    if meeting.invitations_sent_at is not None or meeting.moved_from_starts_at is None:
        meeting.moved_from_starts_at, meeting.moved_from_ends_at = meeting.starts_at, meeting.ends_at
    audit_trail.record_event(ctx.session, action="moved", table_name="meeting", record_id=meeting.id,
                             case_id=meeting.case_id, details={"from": _when(meeting.starts_at, meeting.ends_at),
                                                               "to": _when(starts_at, ends_at)})
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    if (meeting.moved_from_starts_at, meeting.moved_from_ends_at) == (starts_at, ends_at):
        meeting.moved_from_starts_at = meeting.moved_from_ends_at = None
    return True


def move_meeting(ctx: ServiceContext, meeting_id: int, data: MeetingTimes | dict[str, Any], *,
                 overrides: Mapping[str, str] | None = None, expected_version: int | None = None) -> Meeting:
    """A planned (or postponed) meeting at a new time, perhaps at a new venue; planned again if it was postponed.

    It keeps its calendar identity: the same UID with a higher SEQUENCE, so a calendar that accepted the first
    invitation moves its event instead of keeping it beside a new one. The scheduling warnings judge the new
    time as they judge a new meeting, and the invitations are marked to be sent again.
    """
    return _reschedule(ctx, meeting_id, data, overrides, expected_version,
                       allowed=(MeetingStatus.PLANNED, MeetingStatus.POSTPONED), doing="move it")


def replan_meeting(ctx: ServiceContext, meeting_id: int, data: MeetingTimes | dict[str, Any], *,
                   overrides: Mapping[str, str] | None = None, expected_version: int | None = None) -> Meeting:
    """A postponed meeting back to planned at new times: the move only a postponed meeting may make."""
    return _reschedule(ctx, meeting_id, data, overrides, expected_version,
                       allowed=(MeetingStatus.POSTPONED,), doing="replan it")


def _reschedule(ctx: ServiceContext, meeting_id: int, data: MeetingTimes | dict[str, Any],
                overrides: Mapping[str, str] | None, expected_version: int | None, *,
                allowed: tuple[MeetingStatus, ...], doing: str) -> Meeting:
    with ctx.write():
        meeting, case = _meeting_and_case(ctx, meeting_id, write=True)
        values = parse(MeetingTimes, data)
        reasons = meetings_checks.clean_overrides(overrides)
        starts_at = local_instant(values.day, values.start_time, "start_time")
        ends_at = local_instant(values.day, values.end_time, "end_time")
        check_version(meeting, f"The {meeting.kind.label.lower()}", expected_version,
                      {"starts_at": starts_at, "ends_at": ends_at, "venue_id": values.venue_id})
        _require_status(meeting, *allowed, doing=doing)
        _check_venue(ctx, values.venue_id)
        moved = _move(ctx, meeting, starts_at, ends_at)
        if values.venue_id is not None and values.venue_id != meeting.venue_id:
            meeting.venue_id = values.venue_id
            moved = True
        if not moved and meeting.status is MeetingStatus.PLANNED:
            raise ValidationFailed.one("day", "the meeting is already then and there; give the new day, times "
                                              "or venue")
        meeting.status = MeetingStatus.PLANNED
        meeting.status_reason = ""
        _touched(meeting)
        meetings_checks.enforce(ctx, meeting, case, reasons)
    return meeting


def _advance_case(ctx: ServiceContext, case: Case, target: CaseStatus) -> None:
    """Move the case forward to a stage, never back: a later stage already reached stays."""
    if case.status is CaseStatus.CLOSED:
        return
    if lifecycle.stage_number(case.status) < lifecycle.stage_number(target):
        case.status = target
        case.status_changed_on = ctx.today()


def mark_held(ctx: ServiceContext, meeting_id: int, *, held_on: date | str | None = None,
              attendance: Mapping[int, Attendance | str] | None = None,
              overrides: Mapping[str, str] | None = None) -> Meeting:
    """Record a meeting as held; the FGDM meeting moves the case to 'meeting held' and starts the review clock.

    Meetings of earlier stages still planned (the baseline, preparation visits) are a warning that needs the
    coordinator's reason, as a scheduling warning does: nothing is saved, and the case does not move, without it.
    """
    day = read_day(held_on, "held_on")
    reasons = meetings_checks.clean_overrides(overrides)
    with ctx.write():
        meeting, case = _meeting_and_case(ctx, meeting_id, write=True)
        _require_status(meeting, MeetingStatus.PLANNED, doing="record it as held")
        held_on = day or to_london(meeting.starts_at).date()
        if held_on > ctx.today():
            raise ValidationFailed.one("held_on", "cannot be in the future: record the meeting once it has happened")
        meetings_checks.answer(ctx, meeting, meetings_checks.held_warnings(ctx, meeting), reasons)
        meeting.status = MeetingStatus.HELD
        meeting.held_on = held_on
        if attendance:
            _record_attendance(ctx, meeting, attendance)
        if meeting.kind is MeetingKind.FGDM_MEETING:
            _advance_case(ctx, case, CaseStatus.MEETING_HELD)
        elif meeting.kind is MeetingKind.REVIEW and case.status is CaseStatus.PLAN_AGREED:
            _advance_case(ctx, case, CaseStatus.REVIEWING)
    return meeting


def _record_attendance(ctx: ServiceContext, meeting: Meeting, attendance: Mapping[int, Attendance | str]) -> None:
    attendees = {a.id: a for a in ctx.session.exec(
        select(MeetingAttendee).where(MeetingAttendee.meeting_id == meeting.id)).all()}
    for attendee_id, value in attendance.items():
        if attendee_id not in attendees:
            raise ValidationFailed.one(f"attendance.{attendee_id}", "is not an invitee of this meeting")
        try:
            attendees[attendee_id].attendance = Attendance(value)
        except ValueError:
            raise ValidationFailed.one(f"attendance.{attendee_id}", "choose one of: "
                                       + ", ".join(a.value for a in Attendance)) from None


def record_attendance(ctx: ServiceContext, meeting_id: int, attendance: Mapping[int, Attendance | str]) -> Meeting:
    """Who came, after the meeting: attendee id → attended, absent, sent apologies or written contribution."""
    with ctx.write():
        meeting, _ = _meeting_and_case(ctx, meeting_id, write=True)
        _require_status(meeting, MeetingStatus.HELD, doing="record attendance; record it as held first")
        _record_attendance(ctx, meeting, attendance)
    return meeting


def mark_invitations_sent(ctx: ServiceContext, meeting_id: int) -> Meeting:
    with ctx.write():
        meeting, _ = _meeting_and_case(ctx, meeting_id, write=True)
        _require_status(meeting, MeetingStatus.PLANNED, MeetingStatus.CANCELLED, MeetingStatus.POSTPONED,
                        doing="send invitations")
        meeting.invitations_sent_at = ctx.now()
    return meeting


def invitable_members(ctx: ServiceContext, case_id: int) -> list[tuple[NetworkMember, Person]]:
    """Members who may be invited: not excluded and not marked not to be told."""
    access.case_for_read(ctx, case_id)
    rows = ctx.session.exec(select(NetworkMember, Person).join(Person, Person.id == NetworkMember.person_id)
                            .where(NetworkMember.case_id == case_id)
                            .order_by(Person.given_name, Person.family_name, col(NetworkMember.id))).all()
    return [(m, p) for m, p in rows if disclosure.may_be_invited(member_facts(m, p))]


__all__ = ["MeetingCreate", "MeetingFields", "MeetingTimes", "cancel_meeting", "invitable_members", "local_instant",
           "mark_held", "mark_invitations_sent", "meeting_for_read", "member_facts", "move_meeting",
           "postpone_meeting", "record_attendance", "replan_meeting", "schedule_meeting", "update_meeting"]
