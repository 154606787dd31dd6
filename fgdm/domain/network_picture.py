"""A case's family network as plain values, and the shareable version of it.

The genogram, the ecomap, the printed map and the TUI all draw from a NetworkPicture, so the one function
that makes a picture shareable (`make_shareable`) is what every shareable output passes through.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from fgdm.domain import disclosure
from fgdm.domain.disclosure import FAMILY, CaseFacts, Fact, Recipient, redact
from fgdm.domain.enums import AgencyKind, ContactStatus, Gender, RelationshipKind, Side, TieQuality


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
    sensitive: bool = False
    """A police domestic abuse unit, a refuge: left out of every shareable picture."""


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


def make_shareable(picture: NetworkPicture, facts: CaseFacts, recipient: Recipient = FAMILY) -> NetworkPicture:
    """The picture as the disclosure rule lets the family (or one recipient) see it.

    Nobody the recipient may not learn of appears, nor any tie to them; an address, phone or email only where
    the rule allows it; sensitive agencies never; coordinators' notes, exclusion reasons, contact statuses and
    safety markers are dropped; every remaining free text has what the rule withholds redacted.
    """
    forbidden = disclosure.forbidden_texts(facts, recipient)

    def told(fact: Fact, person_id: int, value: str) -> str:
        return redact(disclosure.reveal(facts, recipient, fact, person_id, value), forbidden)

    kept = [member for member in picture.members
            if disclosure.may_learn(facts, recipient, Fact.PRESENCE, member.person_id)]
    households = _household_labels(kept)
    members = []
    for member in kept:
        members.append(replace(
            member, name=redact(member.name, forbidden),
            relationship_to_child=redact(member.relationship_to_child, forbidden),
            household=households.get(member.household, ""), contact_status=None,
            phone=told(Fact.CONTACT_DETAILS, member.person_id, member.phone),
            email=told(Fact.CONTACT_DETAILS, member.person_id, member.email),
            address=told(Fact.ADDRESS, member.person_id, member.address),
            address_confidential=False, not_to_be_told=False, excluded_reason="", excluded_by="", notes=""))
    kept_ids = {member.person_id for member in kept}
    ties = tuple(tie for tie in picture.ties if tie.from_person_id in kept_ids and tie.to_person_id in kept_ids)
    agencies = tuple(replace(agency, name=redact(agency.name, forbidden), contact="")
                     for agency in picture.agencies if agency.agency_id is not None
                     and disclosure.may_learn(facts, recipient, Fact.AGENCY, agency.agency_id))
    return replace(picture, reference=redact(picture.reference, forbidden),
                   family_name=redact(picture.family_name, forbidden), members=tuple(members), ties=ties,
                   agencies=agencies, shareable=True, consent_by="", consent_on=None, forbidden=forbidden)


__all__ = ["AgencyEntry", "MemberEntry", "NetworkPicture", "TieEntry", "make_shareable"]
