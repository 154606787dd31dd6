"""Builders for the network and meetings that plan and support tests stand on.

They write the rows directly because the network and meeting services are another area; the rows are
what those services would leave behind.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fgdm.domain.enums import Attendance, ContactStatus, MeetingKind, MeetingStatus
from fgdm.models import Meeting, MeetingAttendee, NetworkMember, Person
from fgdm.services.shared.context import ServiceContext


def add_member(ctx: ServiceContext, case_id: int, given_name: str, family_name: str = "Okafor", *,
               relationship: str = "Aunt", **fields: Any) -> NetworkMember:
    """A network member with a person behind them; safety flags and contact details via ``fields``."""
    member_fields = {name: fields.pop(name) for name in ("not_to_be_told", "contact_status", "is_parent",
                                                           "parental_responsibility") if name in fields}
    with ctx.write() as session:
        person = Person(uid=str(uuid.uuid4()), given_name=given_name, family_name=family_name, **fields)
        session.add(person)
        session.flush()
        member = NetworkMember(case_id=case_id, person_id=person.id, relationship_to_child=relationship,
                               **member_fields)
        session.add(member)
    return member


def hold_meeting(ctx: ServiceContext, case_id: int, *, held_on: date = date(2026, 11, 20),
                 kind: MeetingKind = MeetingKind.FGDM_MEETING, attended: list[NetworkMember] = (),  # type: ignore[assignment]
                 status: MeetingStatus = MeetingStatus.HELD) -> Meeting:
    starts = datetime(held_on.year, held_on.month, held_on.day, 10, tzinfo=UTC)
    with ctx.write() as session:
        meeting = Meeting(case_id=case_id, kind=kind, status=status, starts_at=starts,
                          ends_at=starts + timedelta(hours=3), ical_uid=f"{uuid.uuid4()}@fgdm.test",
                          held_on=held_on if status is MeetingStatus.HELD else None)
        session.add(meeting)
        session.flush()
        for member in attended:
            session.add(MeetingAttendee(meeting_id=meeting.id, network_member_id=member.id,
                                        attendance=Attendance.ATTENDED))
            member.contact_status = ContactStatus.ATTENDING
    return meeting
