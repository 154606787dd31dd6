"""A case's family network as plain values, and the shareable version of it.

The genogram, the ecomap, the printed map and the TUI all draw from a NetworkPicture, so the one function
that makes a picture shareable (`make_shareable`) is what every shareable output passes through.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from fgdm.domain.enums import AgencyKind, ContactStatus, Gender, RelationshipKind, Side, TieQuality
from fgdm.domain.safeguarding import (
    MemberFacts,
    address_for,
    contact_details_for,
    forbidden_strings,
    may_be_named_to_family,
    redact,
)


@dataclass(frozen=True)
class MemberEntry:
    """A child of the case or a network member, with everything a map might show about them."""

    person_id: int
    name: str
    member_id: int | None = None
    is_child: bool = False
    gender: Gender = Gender.UNKNOWN
    deceased: bool = False
    date_of_birth: date | None = None
    relationship_to_child: str = ""
    side: Side | None = None
    household: str = ""
    is_parent: bool = False
    parental_responsibility: bool = False
    contact_status: ContactStatus | None = None
    language: str = "en_GB"
    interpreter_needed: bool = False
    phone: str = ""
    email: str = ""
    address: str = ""
    address_confidential: bool = False
    not_to_be_told: bool = False
    attends_separately: bool = False
    excluded_reason: str = ""
    excluded_by: str = ""
    tie: TieQuality = TieQuality.ORDINARY
    notes: str = ""

    def facts(self) -> MemberFacts:
        return MemberFacts(person_id=self.person_id, name=self.name, address=self.address,
                           address_confidential=self.address_confidential, not_to_be_told=self.not_to_be_told,
                           contact_status=self.contact_status or ContactStatus.IDENTIFIED,
                           phone=self.phone, email=self.email)


@dataclass(frozen=True)
class TieEntry:
    """A relationship between two people of the picture."""

    from_person_id: int
    to_person_id: int
    kind: RelationshipKind
    quality: TieQuality = TieQuality.ORDINARY
    relationship_id: int | None = None


@dataclass(frozen=True)
class AgencyEntry:
    name: str
    kind: AgencyKind = AgencyKind.OTHER
    tie: TieQuality = TieQuality.ORDINARY
    contact: str = ""
    agency_id: int | None = None


@dataclass(frozen=True)
class NetworkPicture:
    reference: str
    family_name: str
    members: tuple[MemberEntry, ...] = ()
    ties: tuple[TieEntry, ...] = ()
    agencies: tuple[AgencyEntry, ...] = ()
    shareable: bool = False
    consent_by: str = ""
    consent_on: date | None = None
    forbidden: tuple[str, ...] = field(default=(), compare=False)
    """For a shareable picture: what was withheld, so writers can check their output before saving it."""

    @property
    def children(self) -> list[MemberEntry]:
        return [member for member in self.members if member.is_child]

    @property
    def network(self) -> list[MemberEntry]:
        return [member for member in self.members if not member.is_child]

    def person(self, person_id: int) -> MemberEntry | None:
        return next((member for member in self.members if member.person_id == person_id), None)


def _household_labels(members: list[MemberEntry]) -> dict[str, str]:
    """Neutral household names: a coordinator's label such as "Nan's flat, Elm Road" may locate someone."""
    labels: dict[str, str] = {}
    for member in members:
        if member.household and member.household not in labels:
            labels[member.household] = f"Household {_letters(len(labels))}"
    return labels


def _letters(index: int) -> str:
    text = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        text = chr(ord("A") + remainder) + text
    return text


def make_shareable(picture: NetworkPicture, recipient_person_id: int | None = None) -> NetworkPicture:
    """The picture as the family (or one recipient) may see it.

    Nobody marked not to be told appears, nor any tie to them; nobody's address, phone or email appears
    unless it is the recipient's own; coordinators' notes, exclusion reasons, contact statuses and safety
    markers are dropped; every remaining free text has withheld names and confidential addresses redacted.
    """
    facts = [member.facts() for member in picture.members]
    forbidden = forbidden_strings(facts, recipient_person_id)
    kept = [member for member in picture.members if may_be_named_to_family(member.facts())]
    households = _household_labels(kept)
    members = []
    for member in kept:
        phone, email = contact_details_for(member.facts(), recipient_person_id)
        members.append(replace(
            member, name=redact(member.name, forbidden),
            relationship_to_child=redact(member.relationship_to_child, forbidden),
            household=households.get(member.household, ""), contact_status=None,
            phone=redact(phone, forbidden), email=redact(email, forbidden),
            address=redact(address_for(member.facts(), recipient_person_id), forbidden),
            address_confidential=False, not_to_be_told=False, excluded_reason="", excluded_by="", notes=""))
    kept_ids = {member.person_id for member in kept}
    ties = tuple(tie for tie in picture.ties if tie.from_person_id in kept_ids and tie.to_person_id in kept_ids)
    agencies = tuple(replace(agency, name=redact(agency.name, forbidden), contact="")
                     for agency in picture.agencies)
    return replace(picture, reference=redact(picture.reference, forbidden),
                   family_name=redact(picture.family_name, forbidden), members=tuple(members), ties=ties,
                   agencies=agencies, shareable=True, consent_by="", consent_on=None, forbidden=tuple(forbidden))


__all__ = ["AgencyEntry", "MemberEntry", "NetworkPicture", "TieEntry", "make_shareable"]
