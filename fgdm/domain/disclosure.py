"""The one disclosure rule: may this recipient learn this fact about this person, meeting or agency of a case?

Every shareable output (letters, the family plan, network maps, invitations and .ics files, diary exports,
report drill-downs, the CLI's and the workbench's shareable views, subject access) asks `may_learn`, so a
safety decision is made once, here, and property tests can check it without a database. The values are
plain: services build a `CaseFacts` from the records and hand it to the output.

The rule, in a coordinator's words:
- The coordinator may learn everything; so may professionals, except an address confidential from everyone
  but the coordinator (their calendar copies and drill-downs leave such an address out).
- A person marked not to be told learns nothing about the case but their own details and the children's names.
- A person's name (their presence in the network) is kept from everyone while they are not to be told.
- An address goes to the person themselves; to another named member only if it is not confidential from
  everyone and not confidential from that member, and that member is neither excluded nor not to be told;
  never to the family as a whole. Phone and email go only to the person themselves.
- A meeting's venue, and its date and time, go to those invited to it unless it is kept from them; a family
  meeting's also to the rest of the network, except those excluded, those who attend a separate session of
  it and those it is kept from. A separate session's go only to those invited to it.
- Safety notes (why someone is excluded or not to be told, the coordinator's notes) stay with professionals.
- A sensitive agency (a police domestic abuse unit, a refuge) stays with professionals.
- The family as a whole may learn only what every member who could receive the copy (everyone not excluded
  and not to be told) may learn, and never an address or contact details.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache

from fgdm.domain.enums import ContactStatus


class Fact(StrEnum):
    """What an output might tell: each is judged by its own part of the rule."""

    ADDRESS = "address"
    CONTACT_DETAILS = "contact details"
    PRESENCE = "presence in the network"
    SAFETY_NOTES = "safety notes"
    VENUE = "venue"
    TIME = "date and time"
    AGENCY = "agency"
    CASE = "the case"
    """That the case exists: its reference, stage and dates (what a subject access answer says of each case)."""


PERSON_FACTS = frozenset({Fact.ADDRESS, Fact.CONTACT_DETAILS, Fact.PRESENCE, Fact.SAFETY_NOTES})
MEETING_FACTS = frozenset({Fact.VENUE, Fact.TIME})


class Audience(StrEnum):
    PERSON = "person"
    FAMILY = "family"
    PROFESSIONALS = "professionals"
    COORDINATOR = "coordinator"


@dataclass(frozen=True)
class Recipient:
    """Who an output is for: one named person, the family as a whole, professionals, or the coordinator."""

    audience: Audience
    person_id: int | None = None

    @classmethod
    def person(cls, person_id: int) -> Recipient:
        return cls(Audience.PERSON, person_id)

    @classmethod
    def family_or_person(cls, person_id: int | None) -> Recipient:
        """A copy addressed to someone when a person is named, else the family's shareable copy."""
        return cls.person(person_id) if person_id is not None else FAMILY


FAMILY = Recipient(Audience.FAMILY)
PROFESSIONALS = Recipient(Audience.PROFESSIONALS)
COORDINATOR = Recipient(Audience.COORDINATOR)


@dataclass(frozen=True)
class PersonFacts:
    """What the rule needs to know about a child or network member of the case."""

    person_id: int
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    address_confidential: bool = False
    """Confidential from everyone but the coordinator and professionals."""
    address_hidden_from: frozenset[int] = frozenset()
    """The person ids the address is confidential from."""
    not_to_be_told: bool = False
    contact_status: ContactStatus = ContactStatus.IDENTIFIED
    attends_separately: bool = False
    is_child: bool = False
    """A child the case is about: named even to a parent not to be told (the s.31ZA offer names their child)."""

    @property
    def excluded(self) -> bool:
        return self.contact_status is ContactStatus.EXCLUDED


@dataclass(frozen=True)
class SessionFacts:
    """A meeting of the case (a family meeting, a review, or a separate session) as the rule sees it."""

    meeting_id: int
    attendee_ids: frozenset[int] = frozenset()
    """The person ids invited."""
    separate_from: int | None = None
    """For a separate session, the meeting it is held apart from."""
    venue_hidden_from: frozenset[int] = frozenset()
    time_hidden_from: frozenset[int] = frozenset()
    venue_texts: tuple[str, ...] = ()
    """The venue as outputs write it (name, address, location note): what a last-line check looks for."""
    time_texts: tuple[str, ...] = ()
    """The date and time as outputs write them."""


@dataclass(frozen=True)
class AgencyFacts:
    agency_id: int
    name: str
    sensitive: bool = False


@dataclass(frozen=True)
class CaseFacts:
    """Everything the rule weighs for one case."""

    people: tuple[PersonFacts, ...] = ()
    sessions: tuple[SessionFacts, ...] = ()
    agencies: tuple[AgencyFacts, ...] = ()
    _answers: dict[tuple[Recipient, Fact, int], bool] = field(default_factory=dict, compare=False, repr=False)
    _kept_addresses: dict[int, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def _people(self) -> dict[int, PersonFacts]:
        return {person.person_id: person for person in self.people}

    @cached_property
    def _sessions(self) -> dict[int, SessionFacts]:
        return {session.meeting_id: session for session in self.sessions}

    @cached_property
    def _agencies(self) -> dict[int, AgencyFacts]:
        return {agency.agency_id: agency for agency in self.agencies}

    @cached_property
    def _separately(self) -> dict[int, frozenset[int]]:
        """For each meeting, the people invited to a separate session held apart from it."""
        apart: dict[int, set[int]] = {}
        for session in self.sessions:
            if session.separate_from is not None:
                apart.setdefault(session.separate_from, set()).update(session.attendee_ids)
        return {meeting_id: frozenset(ids) for meeting_id, ids in apart.items()}

    @cached_property
    def confidential_places(self) -> frozenset[str]:
        """The addresses confidential from everyone but the coordinator, as places."""
        return frozenset(_place(person.address) for person in self.people
                         if person.address_confidential and _place(person.address))

    @cached_property
    def family_readers(self) -> tuple[PersonFacts, ...]:
        """Everyone who could receive the family's copy: not excluded and not to be told."""
        return tuple(person for person in self.people if not person.not_to_be_told and not person.excluded)

    def person(self, person_id: int | None) -> PersonFacts | None:
        return self._people.get(person_id) if person_id is not None else None

    def session(self, meeting_id: int) -> SessionFacts | None:
        return self._sessions.get(meeting_id)

    def agency(self, agency_id: int) -> AgencyFacts | None:
        return self._agencies.get(agency_id)

    def kept_apart_from(self, meeting_id: int) -> frozenset[int]:
        return self._separately.get(meeting_id, frozenset())

    def addresses_kept_from(self, person_id: int) -> frozenset[str]:
        """The addresses kept from this person, as places: a confidential address (or the home of someone not to
        be told) stays confidential whoever else lives there (the children at their mother's refuge). Their own
        address is never kept from them."""
        kept = self._kept_addresses.get(person_id)
        if kept is None:
            own = _place(self.person(person_id).address) if self.person(person_id) is not None else ""
            kept = self._kept_addresses[person_id] = frozenset(
                _place(other.address) for other in self.people
                if other.person_id != person_id and _place(other.address) not in ("", own)
                and (other.address_confidential or other.not_to_be_told or person_id in other.address_hidden_from))
        return kept


def may_learn(case: CaseFacts, recipient: Recipient, fact: Fact, about: int) -> bool:
    """May `recipient` learn `fact` about `about` (a person id; a meeting id for VENUE and TIME; an agency id
    for AGENCY; the case's own id for CASE) in `case`? Anything the case does not know of is refused."""
    key = (recipient, fact, about)
    answer = case._answers.get(key)
    if answer is None:
        answer = case._answers[key] = _decide(case, recipient, fact, about)
    return answer


def _decide(case: CaseFacts, recipient: Recipient, fact: Fact, about: int) -> bool:
    if not _known(case, fact, about):
        return False
    if recipient.audience is Audience.COORDINATOR:
        return True
    if recipient.audience is Audience.PROFESSIONALS:
        return fact is not Fact.ADDRESS or _place(case.person(about).address) not in case.confidential_places
    if recipient.audience is Audience.FAMILY:
        if fact in (Fact.ADDRESS, Fact.CONTACT_DETAILS, Fact.SAFETY_NOTES):
            return False
        return all(_for_person(case, reader, fact, about) for reader in case.family_readers)
    reader = case.person(recipient.person_id)
    return reader is not None and _for_person(case, reader, fact, about)


def _known(case: CaseFacts, fact: Fact, about: int) -> bool:
    if fact is Fact.CASE:
        return True
    if fact in MEETING_FACTS:
        return case.session(about) is not None
    if fact is Fact.AGENCY:
        return case.agency(about) is not None
    return case.person(about) is not None


def _for_person(case: CaseFacts, reader: PersonFacts, fact: Fact, about: int) -> bool:
    if fact in PERSON_FACTS:
        return _person_fact(case, reader, fact, about)
    if reader.not_to_be_told:
        return False
    if fact is Fact.CASE:
        return True
    if fact is Fact.AGENCY:
        agency = case.agency(about)
        return agency is not None and not agency.sensitive
    return _meeting_fact(case, reader, fact, about)


def _person_fact(case: CaseFacts, reader: PersonFacts, fact: Fact, about: int) -> bool:
    subject = case.person(about)
    if subject is None or fact is Fact.SAFETY_NOTES:
        return False
    if subject.person_id == reader.person_id:
        return True
    if fact is Fact.PRESENCE and subject.is_child:
        return True
    if reader.not_to_be_told or subject.not_to_be_told:
        return False
    if fact is Fact.PRESENCE:
        return True
    if fact is Fact.CONTACT_DETAILS:
        return False
    return (_place(subject.address) != "" and not subject.address_confidential
            and reader.person_id not in subject.address_hidden_from and not reader.excluded
            and _place(subject.address) not in case.addresses_kept_from(reader.person_id))


def _place(address: str) -> str:
    """An address as a place: the same words in any letter case or spacing are the same place."""
    return " ".join(address.split()).casefold()


def _meeting_fact(case: CaseFacts, reader: PersonFacts, fact: Fact, meeting_id: int) -> bool:
    session = case.session(meeting_id)
    if session is None:
        return False
    hidden = session.venue_hidden_from if fact is Fact.VENUE else session.time_hidden_from
    if reader.person_id in hidden:
        return False
    if reader.person_id in session.attendee_ids:
        return True
    if session.separate_from is not None or reader.excluded or reader.attends_separately:
        return False
    return reader.person_id not in case.kept_apart_from(meeting_id)


def may_be_invited(person: PersonFacts) -> bool:
    """Someone excluded or not to be told is never invited, so no invitation can carry the meeting to them."""
    return not person.not_to_be_told and not person.excluded


def reveal(case: CaseFacts, recipient: Recipient, fact: Fact, about: int, value: str) -> str:
    """The value when the recipient may learn it, else nothing: how an output fills a field."""
    return value if may_learn(case, recipient, fact, about) else ""


def forbidden_texts(case: CaseFacts, recipient: Recipient) -> tuple[str, ...]:
    """The text the rule keeps from this recipient, less any of the same kind the recipient may learn by another
    route (their own address that a confidential one shares, a day their own session shares): what a last-line
    check looks for. A venue written as a confidential address stays forbidden: only like is set against like."""
    kinds: dict[Fact, tuple[dict[str, str], dict[str, str]]] = {fact: ({}, {}) for fact in Fact}
    for person in case.people:
        for fact, texts in ((Fact.PRESENCE, (person.name,)), (Fact.ADDRESS, (person.address,)),
                            (Fact.CONTACT_DETAILS, (person.phone, person.email))):
            _sort(kinds[fact], may_learn(case, recipient, fact, person.person_id), texts)
    for session in case.sessions:
        _sort(kinds[Fact.VENUE], may_learn(case, recipient, Fact.VENUE, session.meeting_id), session.venue_texts)
        _sort(kinds[Fact.TIME], may_learn(case, recipient, Fact.TIME, session.meeting_id), session.time_texts)
    for agency in case.agencies:
        _sort(kinds[Fact.AGENCY], may_learn(case, recipient, Fact.AGENCY, agency.agency_id), (agency.name,))
    withheld = {text for kept, allowed in kinds.values() for key, text in kept.items() if key not in allowed}
    return tuple(sorted(withheld, key=lambda text: (-len(text), text)))


def _sort(kind: tuple[dict[str, str], dict[str, str]], may: bool, texts: tuple[str, ...]) -> None:
    """File each text as kept or allowed, compared in any letter case but kept as written (so redaction, which
    ignores case as Python's regular expressions do, finds it again: "ß" folds to "ss")."""
    for text in texts:
        text = text.strip()
        if text:
            kind[1 if may else 0].setdefault(text.casefold(), text)


WITHHELD = "[withheld]"


def redact(text: str, forbidden: tuple[str, ...] | list[str]) -> str:
    """Replace every forbidden string (in any letter case) so free text cannot carry a name or address."""
    pattern = _pattern(tuple(forbidden))
    return pattern.sub(WITHHELD, text) if pattern is not None and text else text


@lru_cache(maxsize=256)
def _pattern(forbidden: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for all of them, longest first: a shareable map redacts every field against the same list."""
    items = sorted({item for item in forbidden if item}, key=len, reverse=True)
    return re.compile("|".join(re.escape(item) for item in items), re.IGNORECASE) if items else None


def leaks(text: str, forbidden: tuple[str, ...] | list[str]) -> list[str]:
    """The forbidden strings that appear in text: the last-line check before a shareable file is written."""
    folded = text.casefold()
    return [item for item in forbidden if item and item.casefold() in folded]


__all__ = [
    "COORDINATOR", "FAMILY", "MEETING_FACTS", "PERSON_FACTS", "PROFESSIONALS", "WITHHELD", "AgencyFacts", "Audience",
    "CaseFacts", "Fact", "PersonFacts", "Recipient", "SessionFacts", "forbidden_texts", "leaks", "may_be_invited",
    "may_learn", "redact", "reveal",
]
