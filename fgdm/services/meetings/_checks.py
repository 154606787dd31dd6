"""Gathers the facts the scheduling warnings need and enforces them: warn, or store the coordinator's override.

The rules themselves are pure (`fgdm.domain.scheduling`); this module reads other meetings, attendees and
the case so a meeting is judged the same way whether it is new, edited or replanned.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import func
from sqlmodel import col, select

from fgdm.domain import scheduling
from fgdm.domain.enums import MeetingKind, MeetingStatus
from fgdm.domain.scheduling import BookedSlot, SchedulingWarning, WarningCode
from fgdm.models import Case, Meeting, MeetingAttendee, NetworkMember, Person, Staff, WarningOverride
from fgdm.services.meetings._holidays import bank_holidays
from fgdm.services.shared import access
from fgdm.services.shared.clock import to_london
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import ValidationFailed

ACTIVE = (MeetingStatus.PLANNED, MeetingStatus.HELD)


class WarningsNeedOverride(ValidationFailed):
    """The meeting was not saved: each warning needs the coordinator's reason before it is accepted."""

    def __init__(self, warnings: list[SchedulingWarning]) -> None:
        self.warnings = warnings
        super().__init__({f"warning.{w.code}": f"{w.message}; give a reason to override it, or change the meeting"
                          for w in warnings})


def clean_overrides(overrides: Mapping[str, str] | None) -> dict[str, str]:
    """Check override codes and reasons before anything is written."""
    cleaned: dict[str, str] = {}
    for code, reason in (overrides or {}).items():
        if code not in WarningCode.ALL:
            raise ValidationFailed.one(f"overrides.{code}", "is not a warning fgdm gives; use one of "
                                                            + ", ".join(WarningCode.ALL))
        if not reason or not reason.strip():
            raise ValidationFailed.one(f"overrides.{code}", "give a reason for overriding this warning")
        cleaned[code] = reason.strip()
    return cleaned


def _attendee_keys(ctx: ServiceContext, meeting_id: int) -> tuple[dict[int, str], dict[int, str]]:
    """The people at a meeting: person id → name for network members, staff id → name for staff."""
    people = ctx.session.exec(
        select(Person).join(NetworkMember, NetworkMember.person_id == Person.id)
        .join(MeetingAttendee, MeetingAttendee.network_member_id == NetworkMember.id)
        .where(MeetingAttendee.meeting_id == meeting_id)).all()
    staff = ctx.session.exec(
        select(Staff).join(MeetingAttendee, MeetingAttendee.staff_id == Staff.id)
        .where(MeetingAttendee.meeting_id == meeting_id)).all()
    return {p.id: p.full_name for p in people}, {s.id: s.name for s in staff}


def _label(ctx: ServiceContext, other: Meeting, case: Case | None) -> str:
    if case is not None and access.can_open(ctx, case):
        return f"the {other.kind.label} for {case.reference}"
    return "another meeting"


def _double_bookings(ctx: ServiceContext, meeting: Meeting) -> list[SchedulingWarning]:
    session = ctx.session
    clashing = session.exec(
        select(Meeting, Case).join(Case, Case.id == Meeting.case_id)
        .where(Meeting.id != meeting.id, col(Meeting.status).in_(ACTIVE),
               Meeting.starts_at < meeting.ends_at, Meeting.ends_at > meeting.starts_at)).all()
    if not clashing:
        return []
    people, staff = _attendee_keys(ctx, meeting.id)
    coordinator = session.get(Staff, meeting.coordinator_id) if meeting.coordinator_id else None
    coordinator_slots: list[BookedSlot] = []
    attendee_slots: list[BookedSlot] = []
    for other, case in clashing:
        label = _label(ctx, other, case)
        other_people, other_staff = _attendee_keys(ctx, other.id)
        busy_staff = set(other_staff) | ({other.coordinator_id} if other.coordinator_id else set())
        if coordinator is not None and coordinator.id in busy_staff:
            coordinator_slots.append(BookedSlot(coordinator.name, other.starts_at, other.ends_at, label))
        for person_id in people.keys() & other_people.keys():
            attendee_slots.append(BookedSlot(people[person_id], other.starts_at, other.ends_at, label))
        for staff_id in (staff.keys() & busy_staff) - ({coordinator.id} if coordinator else set()):
            attendee_slots.append(BookedSlot(staff[staff_id], other.starts_at, other.ends_at, label))
    return scheduling.double_booking_warnings(meeting.starts_at, meeting.ends_at,
                                              coordinator_slots=coordinator_slots, attendee_slots=attendee_slots)


def _needing_interpreter(ctx: ServiceContext, meeting_id: int) -> list[str]:
    rows = ctx.session.exec(
        select(Person).join(NetworkMember, NetworkMember.person_id == Person.id)
        .join(MeetingAttendee, MeetingAttendee.network_member_id == NetworkMember.id)
        .where(MeetingAttendee.meeting_id == meeting_id, Person.interpreter_needed == True)  # noqa: E712
        .order_by(Person.given_name)).all()
    return [person.full_name for person in rows]


def _fgdm_meeting_day(ctx: ServiceContext, case_id: int) -> date | None:
    """The day the review clock runs from: the FGDM meeting held, else the one planned."""
    held = ctx.session.exec(select(func.min(Meeting.held_on)).where(
        Meeting.case_id == case_id, Meeting.kind == MeetingKind.FGDM_MEETING,
        Meeting.status == MeetingStatus.HELD)).one()
    if held is not None:
        return held
    planned = ctx.session.exec(select(func.max(Meeting.starts_at)).where(
        Meeting.case_id == case_id, Meeting.kind == MeetingKind.FGDM_MEETING,
        Meeting.status == MeetingStatus.PLANNED)).one()
    return to_london(planned).date() if planned is not None else None


def warnings_for(ctx: ServiceContext, meeting: Meeting, case: Case) -> list[SchedulingWarning]:
    """Every warning a planned meeting raises now, overridden or not."""
    local_start, local_end = to_london(meeting.starts_at), to_london(meeting.ends_at)
    warnings = _double_bookings(ctx, meeting)
    warnings += scheduling.working_time_warnings(local_start, local_end, bank_holidays())
    warnings += scheduling.interpreter_warning(_needing_interpreter(ctx, meeting.id), meeting.interpreter_booked)
    if meeting.kind is MeetingKind.FGDM_MEETING:
        warnings += scheduling.fgdm_meeting_timing_warning(case.referral_date, local_start.date(),
                                                           ctx.settings.meeting_target_weeks)
    if meeting.kind is MeetingKind.REVIEW:
        warnings += scheduling.review_timing_warning(_fgdm_meeting_day(ctx, case.id), local_start.date())
    warnings += _separation_warnings(ctx, meeting)
    return warnings


def _sitting(meeting: Meeting) -> scheduling.Sitting:
    return scheduling.Sitting((meeting.venue_id, meeting.location_note), meeting.starts_at, meeting.ends_at)


def _separation_warnings(ctx: ServiceContext, meeting: Meeting) -> list[SchedulingWarning]:
    """A separate session judged against the meeting it is held apart from; that meeting against each of its
    live separate sessions, so moving it next to one (or to the same venue) warns too."""
    if meeting.kind is MeetingKind.SEPARATE_SESSION:
        apart_from = ctx.session.get(Meeting, meeting.linked_meeting_id) if meeting.linked_meeting_id else None
        pairs = [(meeting, apart_from)] if apart_from is not None else []
    else:
        pairs = [(session, meeting) for session in ctx.session.exec(select(Meeting).where(
            Meeting.linked_meeting_id == meeting.id, Meeting.kind == MeetingKind.SEPARATE_SESSION,
            col(Meeting.status).in_(ACTIVE))).all()]
    found: dict[str, SchedulingWarning] = {}
    for session, apart_from in pairs:
        for warning in scheduling.separate_session_warnings(_sitting(session), _sitting(apart_from)):
            found.setdefault(warning.code, warning)
    return list(found.values())


def _overridden_codes(ctx: ServiceContext, meeting_id: int) -> set[str]:
    return set(ctx.session.exec(select(WarningOverride.code).where(WarningOverride.meeting_id == meeting_id)).all())


def enforce(ctx: ServiceContext, meeting: Meeting, case: Case, overrides: Mapping[str, str]) -> None:
    """Raise for warnings nobody has answered; store an override row for each newly answered one."""
    ctx.session.flush()
    warnings = warnings_for(ctx, meeting, case)
    already = _overridden_codes(ctx, meeting.id)
    missing = scheduling.unanswered(warnings, already | set(overrides))
    if missing:
        raise WarningsNeedOverride(missing)
    decided_by = ctx.actor.name or ctx.actor.username
    for warning in warnings:
        if warning.code in overrides and warning.code not in already:
            ctx.session.add(WarningOverride(meeting_id=meeting.id, code=warning.code,
                                            reason=overrides[warning.code], decided_by=decided_by))


__all__ = ["WarningsNeedOverride", "clean_overrides", "enforce", "warnings_for"]
