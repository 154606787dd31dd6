"""Property: over random networks, no calendar file holds what the disclosure rule keeps from its recipient.

Each example builds a network with random names (several scripts), addresses, safety flags and free text
that sometimes copies a secret into the meeting's location or advocate field. Every file fgdm will make
for that meeting (the professionals' copy and each family member's invitation) is either refused or,
read back by icalendar, free of every string the safety rules forbid for its recipient.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from sqlmodel import select

from fgdm.domain import disclosure
from fgdm.domain.enums import ContactStatus, MeetingStatus
from fgdm.domain.scheduling import WarningCode
from fgdm.models import Meeting, NetworkMember, Person, Staff
from fgdm.services import meetings
from fgdm.services.shared import disclosure_facts
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.services.shared.errors import SafetyBreach
from tests.factories import make_case, make_staff
from tests.meetings_support import add_member, schedule

LETTERS = st.characters(categories=["Lu", "Ll", "Lo"], max_codepoint=0x9FFF)
WORDS = st.text(LETTERS, min_size=1, max_size=8)
EVERY_OVERRIDE = {code: "accepted for the property test" for code in WarningCode.ALL}


@dataclass
class RandomMember:
    given_name: str
    address: str
    confidential: bool
    not_to_be_told: bool
    status: ContactStatus
    separately: bool
    with_email: bool


members = st.builds(RandomMember, given_name=WORDS, address=WORDS, confidential=st.booleans(),
                    not_to_be_told=st.booleans(), status=st.sampled_from(list(ContactStatus)),
                    separately=st.booleans(), with_email=st.booleans())


@pytest.fixture
def sctx(sqlite_workspace: Workspace) -> Iterator[ServiceContext]:
    with sqlite_workspace.context() as context:
        make_staff(context, "cdavies", name="Cerys Davies", email="cerys@example.org")
        yield context


def _visible_text(data: bytes) -> str:
    """What a reader or a client sees: the raw file unfolded, and every decoded value and parameter."""
    raw = data.decode("utf-8").replace("\r\n ", "")
    parts = [raw]
    for component in Calendar.from_ical(data).walk():
        for value in component.values():
            for item in value if isinstance(value, list) else [value]:
                parts.append(str(item))
                parts.extend(str(v) for v in getattr(item, "params", {}).values())
    return "\n".join(parts).casefold()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(network=st.lists(members, min_size=1, max_size=6), copy_secret=st.booleans(),
       secret_into=st.sampled_from(["location_note", "advocate_name"]), data=st.data())
def test_no_invitation_carries_a_confidential_address_or_a_not_to_be_told_name(
        sctx: ServiceContext, network: list[RandomMember], copy_secret: bool, secret_into: str,
        data: st.DataObject) -> None:
    coordinator_id = sctx.session.exec(select(Staff.id).where(Staff.username == "cdavies")).one()
    case = make_case(sctx, referral_date="2026-11-01", coordinator_id=coordinator_id)
    rows: list[NetworkMember] = []
    for index, random_member in enumerate(network):
        marker = f"Qz{case.id}x{index}"
        rows.append(add_member(
            sctx, case, random_member.given_name, marker, contact_status=random_member.status,
            not_to_be_told=random_member.not_to_be_told, attends_separately=random_member.separately,
            address=f"{random_member.address} {marker} Lane", address_confidential=random_member.confidential,
            email=f"{marker.lower()}@example.org" if random_member.with_email else "", phone="01632 960 000"))
    facts = [meetings.member_facts(m, sctx.session.get(Person, m.person_id)) for m in rows]
    invitable = [m for m, f in zip(rows, facts, strict=True)
                 if disclosure.may_be_invited(f) and not m.attends_separately]
    every_secret = [f.address for f in facts if f.address_confidential] + [f.name for f in facts if f.not_to_be_told]
    free_text = {secret_into: data.draw(st.sampled_from(every_secret))} if copy_secret and every_secret else {}
    meeting = schedule(sctx, case, network_member_ids=[m.id for m in invitable], overrides=EVERY_OVERRIDE,
                       **free_text)
    assert meeting.status is MeetingStatus.PLANNED
    for view in meetings.list_meetings(sctx, case.id):
        recipients = [None] + [a.person_id for a in view.attendees if not a.is_staff]
        for recipient in recipients:
            try:
                produced = meetings.meeting_ics(sctx, view.meeting.id, for_person_id=recipient)
            except SafetyBreach:
                continue
            text = _visible_text(produced)
            case_facts = disclosure_facts.case_facts(sctx.session, case.id)
            told = disclosure.Recipient.person(recipient) if recipient else disclosure.PROFESSIONALS
            for secret in disclosure.forbidden_texts(case_facts, told):
                assert secret.casefold() not in text, (recipient, secret)
            assert all(not f.address_confidential or f.person_id == recipient or f.address.casefold() not in text
                       for f in facts)
            assert recipient is None or all(not f.not_to_be_told or f.name.casefold() not in text for f in facts)
            for other in (f for f in facts if f.person_id != recipient and f.email):
                assert other.email.casefold() not in text, "another member's email"
            assert "01632 960 000" not in text
    assert sctx.session.exec(select(Meeting).where(Meeting.case_id == case.id)).first() is not None
