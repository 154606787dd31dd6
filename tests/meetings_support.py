"""Builders shared by the meeting, calendar, CLI and TUI tests: network members, venues, a scheduled meeting."""

from __future__ import annotations

import uuid
from typing import Any

from fgdm.domain.enums import ContactStatus
from fgdm.models import Case, Meeting, NetworkMember, Person
from fgdm.services import meetings
from fgdm.services.shared.context import ServiceContext


def add_member(ctx: ServiceContext, case: Case, given_name: str, family_name: str = "Okafor", *,
               contact_status: ContactStatus = ContactStatus.INVITED, not_to_be_told: bool = False,
               attends_separately: bool = False, relationship: str = "", **person: Any) -> NetworkMember:
    """A network member written directly: the network service belongs to another area of the code."""
    with ctx.write() as session:
        row = Person(uid=str(uuid.uuid4()), given_name=given_name, family_name=family_name, **person)
        session.add(row)
        session.flush()
        member = NetworkMember(case_id=case.id, person_id=row.id, contact_status=contact_status,
                               not_to_be_told=not_to_be_told, attends_separately=attends_separately,
                               relationship_to_child=relationship)
        session.add(member)
    return member


def add_venue(ctx: ServiceContext, name: str = "Riverside Family Centre",
              address: str = "12 Mill Lane, Exampleton, EX1 2AB") -> int:
    return meetings.add_venue(ctx, {"name": name, "address": address, "access_notes": "Step-free entrance"}).id


def schedule(ctx: ServiceContext, case: Case, *, day: str = "2026-11-26", start: str = "10:00", end: str = "13:00",
             kind: str = "fgdm_meeting", overrides: dict[str, str] | None = None, **fields: Any) -> Meeting:
    data = {"kind": kind, "day": day, "start_time": start, "end_time": end, **fields}
    return meetings.schedule_meeting(ctx, case.id, data, overrides=overrides)
