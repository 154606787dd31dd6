"""Meetings of the FGDM cycle, the venues they use, who is invited and who came."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from fgdm.domain.enums import Attendance, MeetingKind, MeetingStatus
from fgdm.models.base import Record, enum_field, instant_field, text_field


class Venue(Record, table=True):
    """A neutral venue kept for reuse: community centres, family centres, libraries."""

    __tablename__ = "venue"

    name: str = Field(max_length=200, unique=True)
    address: str = text_field()
    access_notes: str = text_field()
    active: bool = True


class Meeting(Record, table=True):
    __tablename__ = "meeting"

    case_id: int = Field(foreign_key="fgdm_case.id", index=True, ondelete="CASCADE")
    kind: MeetingKind = enum_field(MeetingKind, index=True)
    status: MeetingStatus = enum_field(MeetingStatus, MeetingStatus.PLANNED, index=True)
    starts_at: datetime = instant_field(nullable=False, index=True)
    ends_at: datetime = instant_field(nullable=False)
    coordinator_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    venue_id: int | None = Field(default=None, foreign_key="venue.id")
    location_note: str = Field(default="", max_length=200)
    interpreter_languages: str = Field(default="", max_length=120)
    interpreter_booked: bool = False
    advocate_name: str = Field(default="", max_length=200)
    private_family_time: bool = False
    status_reason: str = text_field()
    held_on: date | None = None
    linked_meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    ical_uid: str = Field(max_length=120, unique=True)
    ical_sequence: int = 0
    invitations_sent_at: datetime | None = instant_field()
    moved_from_starts_at: datetime | None = instant_field()
    """The time the invitees last heard of, once the meeting has moved: the new invitations say they replace it."""
    moved_from_ends_at: datetime | None = instant_field()
    notes: str = text_field()


class MeetingAttendee(Record, table=True):
    """An invitee: a network member or a member of staff, with attendance recorded afterwards."""

    __tablename__ = "meeting_attendee"
    __table_args__ = (
        UniqueConstraint("meeting_id", "network_member_id"),
        UniqueConstraint("meeting_id", "staff_id"),
    )

    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    network_member_id: int | None = Field(default=None, foreign_key="network_member.id", index=True)
    staff_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    role: str = Field(default="", max_length=80)
    attendance: Attendance = enum_field(Attendance, Attendance.EXPECTED)


class WarningOverride(Record, table=True):
    """A scheduling warning the coordinator chose to accept, and why."""

    __tablename__ = "warning_override"

    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    code: str = Field(max_length=40)
    reason: str = text_field()
    decided_by: str = Field(default="", max_length=200)
