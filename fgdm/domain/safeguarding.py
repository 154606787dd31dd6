"""Who may learn what: the rules every shareable output (letter, plan, invitation, map, export) obeys.

A shareable output has a recipient, or is meant for the family as a whole. The rules are pure functions
over plain values so that documents, calendars and reports apply the same ones, and property tests can
check them without a database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fgdm.domain.enums import ContactStatus


@dataclass(frozen=True)
class MemberFacts:
    """The safety-relevant facts about one network member."""

    person_id: int
    name: str
    address: str
    address_confidential: bool
    not_to_be_told: bool
    contact_status: ContactStatus
    phone: str = ""
    email: str = ""


def may_be_named_to_family(member: MemberFacts) -> bool:
    """Someone not to be told of the meeting is never named in anything the family receives."""
    return not member.not_to_be_told


def may_be_invited(member: MemberFacts) -> bool:
    return not member.not_to_be_told and member.contact_status is not ContactStatus.EXCLUDED


def address_for(member: MemberFacts, recipient_person_id: int | None) -> str:
    """A person's own address may go to them; anyone else's only if it is not confidential.

    Shared documents for the family as a whole (recipient None) carry no addresses at all: the safe
    reading of "never print a confidential address in anything meant for someone else".
    """
    if recipient_person_id is not None and member.person_id == recipient_person_id:
        return member.address
    return ""


def contact_details_for(member: MemberFacts, recipient_person_id: int | None) -> tuple[str, str]:
    """Phone and email go only to the person themselves; shareable copies carry nobody's details."""
    if recipient_person_id is not None and member.person_id == recipient_person_id:
        return member.phone, member.email
    return "", ""


def forbidden_strings(members: list[MemberFacts], recipient_person_id: int | None) -> list[str]:
    """Text that must not appear in an output for this recipient: for tests and for a last-line check."""
    forbidden: list[str] = []
    for member in members:
        if member.person_id == recipient_person_id:
            continue
        if member.address_confidential and member.address.strip():
            forbidden.append(member.address.strip())
        if member.not_to_be_told and member.name.strip():
            forbidden.append(member.name.strip())
    return forbidden


WITHHELD = "[withheld]"


def redact(text: str, forbidden: list[str]) -> str:
    """Replace every forbidden string (in any letter case) so free text cannot carry a name or address."""
    for item in sorted(forbidden, key=len, reverse=True):
        if item:
            text = re.sub(re.escape(item), WITHHELD, text, flags=re.IGNORECASE)
    return text


def leaks(text: str, forbidden: list[str]) -> list[str]:
    """The forbidden strings that appear in text: the last-line check before a shareable file is written."""
    return [item for item in forbidden if item and re.search(re.escape(item), text, flags=re.IGNORECASE)]
