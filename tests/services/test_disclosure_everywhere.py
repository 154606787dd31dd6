"""Property: over random networks, every shareable output for every member tells nobody what they may not learn.

Each example draws a network (children and members with tagged names, addresses, phones and emails, some
sharing an address), addresses confidential from everyone or from named members, people not to be told,
excluded people, members who attend a separate session (each with its own session at its own venue on its
own day), a family meeting whose venue or time is kept from named members, and sensitive agencies. For every
member, for the family as a whole and for professionals it makes every shareable output in memory with the
real output functions: the network map's text (heading, genogram, ecomap, member and agency tables), each
calendar invitation they would receive, and the people and meeting fields of their letters. The check is an
oracle written from the scenario, not from the rule: nobody sees a name, address, contact detail, venue, time
or agency that the scenario keeps from them.

On CI (derandomised) it makes 10,000 examples; a developer's run makes fewer, exploring new ones each time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fgdm.documents.network_map import network_map_text
from fgdm.documents.rendering import Withheld
from fgdm.domain.disclosure import (
    FAMILY,
    PROFESSIONALS,
    AgencyFacts,
    Audience,
    CaseFacts,
    PersonFacts,
    Recipient,
    SessionFacts,
)
from fgdm.domain.enums import AgencyKind, Attendance, ContactStatus, MeetingKind, MeetingStatus
from fgdm.domain.network_picture import AgencyEntry, MemberEntry, NetworkPicture, make_shareable
from fgdm.i18n import format_instant
from fgdm.models import Meeting, Staff, Venue
from fgdm.services.letters import letter_meeting_fields, letter_person_fields
from fgdm.services.meetings import MeetingView, Service, invitation_event
from fgdm.services.meetings._views import AttendeeView
from fgdm.services.shared.errors import SafetyBreach

EXAMPLES = 10_000 if os.environ.get("CI") else 300
MAIN = 1
CASE_DAY = date(2026, 12, 3)
SERVICE = Service("Family Group Decision Making Service", "Exampleshire County Council")
COORDINATOR = Staff(id=1, username="cdavies", name="Cerys Davies", email="cerys@example.org", phone="01632 960100")


@dataclass(frozen=True)
class Member:
    person_id: int
    address: str
    confidential: bool
    hidden_from: frozenset[int]
    not_to_be_told: bool
    excluded: bool
    separately: bool
    invited: bool
    is_child: bool = False

    @property
    def name(self) -> str:
        return f"Nm{self.person_id}q Tester"

    @property
    def phone(self) -> str:
        return "" if self.is_child else f"07700 9{self.person_id:05d}"

    @property
    def email(self) -> str:
        return "" if self.is_child else f"em{self.person_id}q@example.org"


@dataclass(frozen=True)
class Scenario:
    people: tuple[Member, ...]
    venue_hidden_from: frozenset[int]
    time_hidden_from: frozenset[int]
    agencies: tuple[tuple[int, bool], ...]

    @property
    def members(self) -> list[Member]:
        return [p for p in self.people if not p.is_child]

    def sessions(self) -> dict[int, Member]:
        """Separate session meeting id → the member it is for."""
        return {MAIN + index + 1: m for index, m in enumerate(p for p in self.members if p.separately)}


ROLES = ("plain", "plain", "not_told", "excluded", "separately")
PERSON = st.tuples(st.integers(0, len(ROLES) - 1), st.integers(0, 7), st.integers(0, 3), st.integers(0, 63),
                   st.booleans())
"""One member in a few draws (a draw is the dear part of an example): role, home (own, another's, none),
confidential from everyone (one in four), whom the address is kept from (a bit per other member), invited."""


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    drawn = draw(st.lists(PERSON, min_size=2, max_size=6))
    ids = list(range(10, 10 + len(drawn)))
    homes = [f"Ad{i}q Road" for i in ids]
    people = []
    for person_id, (role, home, confidential, mask, invited) in zip(ids, drawn, strict=True):
        people.append(Member(
            person_id=person_id, address=[*homes, ""][home] if home < len(ids) + 1 else f"Ad{person_id}q Road",
            confidential=confidential == 0, hidden_from=frozenset(i for n, i in enumerate(ids) if mask >> n & 1)
            - {person_id}, not_to_be_told=ROLES[role] == "not_told", excluded=ROLES[role] == "excluded",
            separately=ROLES[role] == "separately", invited=ROLES[role] == "plain" and invited))
    children, venue_mask, time_mask, agencies = draw(st.tuples(
        st.lists(st.tuples(st.integers(0, 7), st.booleans()), min_size=1, max_size=2),
        st.integers(0, 63), st.integers(0, 63), st.lists(st.booleans(), max_size=2)))
    for child_id, (home, confidential) in enumerate(children, start=1):
        people.append(Member(person_id=child_id, address=[*homes, *[""] * 8][home], confidential=confidential,
                             hidden_from=frozenset(), not_to_be_told=False, excluded=False, separately=False,
                             invited=False, is_child=True))
    return Scenario(tuple(people), frozenset(i for n, i in enumerate(ids) if venue_mask >> n & 1),
                    frozenset(i for n, i in enumerate(ids) if time_mask >> n & 1),
                    tuple(enumerate(agencies, start=1)))


def _starts(meeting_id: int) -> datetime:
    return datetime.combine(CASE_DAY + timedelta(days=meeting_id - MAIN), datetime.min.time(), UTC) + timedelta(
        hours=10 if meeting_id == MAIN else 15)


def _venue_name(meeting_id: int) -> str:
    return f"Vn{meeting_id}q Centre"


def facts_of(scenario: Scenario) -> CaseFacts:
    """The scenario as the services' reader (`disclosure_facts.case_facts`) would hand it to the rule."""
    people = tuple(PersonFacts(
        p.person_id, p.name, address=p.address, phone=p.phone, email=p.email, address_confidential=p.confidential,
        address_hidden_from=p.hidden_from, not_to_be_told=p.not_to_be_told,
        contact_status=ContactStatus.EXCLUDED if p.excluded else ContactStatus.INVITED,
        attends_separately=p.separately, is_child=p.is_child) for p in scenario.people)
    sessions = [SessionFacts(MAIN, frozenset(p.person_id for p in scenario.members if p.invited),
                             venue_hidden_from=scenario.venue_hidden_from, time_hidden_from=scenario.time_hidden_from,
                             venue_texts=(_venue_name(MAIN),), time_texts=(format_instant(_starts(MAIN)),))]
    sessions += [SessionFacts(meeting_id, frozenset({member.person_id}), separate_from=MAIN,
                              venue_texts=(_venue_name(meeting_id),), time_texts=(format_instant(_starts(meeting_id)),))
                 for meeting_id, member in scenario.sessions().items()]
    agencies = tuple(AgencyFacts(index, f"Ag{index}q Unit", sensitive) for index, sensitive in scenario.agencies)
    return CaseFacts(people=people, sessions=tuple(sessions), agencies=agencies)


def picture_of(scenario: Scenario) -> NetworkPicture:
    members = tuple(MemberEntry(
        person_id=p.person_id, name=p.name, member_id=None if p.is_child else p.person_id, is_child=p.is_child,
        relationship_to_child="" if p.is_child else "Relative", phone=p.phone, email=p.email, address=p.address,
        address_confidential=p.confidential, not_to_be_told=p.not_to_be_told,
        contact_status=None if p.is_child else ContactStatus.INVITED, household=p.address)
        for p in scenario.people)
    agencies = tuple(AgencyEntry(f"Ag{index}q Unit", AgencyKind.POLICE, agency_id=index)
                     for index, _sensitive in scenario.agencies)
    return NetworkPicture("FG-2026-0001", "Tester", members, (), agencies)


def views_of(scenario: Scenario) -> list[MeetingView]:
    attendees = {MAIN: [p for p in scenario.members if p.invited]}
    attendees.update({meeting_id: [member] for meeting_id, member in scenario.sessions().items()})
    views = []
    for meeting_id, invited in attendees.items():
        meeting = Meeting(id=meeting_id, case_id=1, status=MeetingStatus.PLANNED, ical_uid=f"{meeting_id}@fgdm",
                          kind=MeetingKind.FGDM_MEETING if meeting_id == MAIN else MeetingKind.SEPARATE_SESSION,
                          starts_at=_starts(meeting_id), ends_at=_starts(meeting_id) + timedelta(hours=2),
                          venue_id=meeting_id, linked_meeting_id=None if meeting_id == MAIN else MAIN,
                          location_note="")
        venue = Venue(id=meeting_id, name=_venue_name(meeting_id), address=f"{meeting_id} Vq Street",
                      access_notes="")
        views.append(MeetingView(meeting, "FG-2026-0001", "Tester", COORDINATOR, venue, [
            AttendeeView(id=p.person_id, name=p.name, is_staff=False, role="", attendance=Attendance.EXPECTED,
                         network_member_id=p.person_id, person_id=p.person_id, email=p.email) for p in invited]))
    return views


def kept_from(scenario: Scenario, recipient: Recipient) -> set[str]:
    """The oracle: what the scenario keeps from this recipient, worked out from the scenario directly."""
    people = scenario.people
    if recipient.audience is Audience.PROFESSIONALS:
        return {p.address for p in people if p.confidential and p.address}
    me = next((p for p in people if p.person_id == recipient.person_id), None)
    secrets: set[str] = {f"Ag{index}q Unit" for index, sensitive in scenario.agencies if sensitive or
                         (me is not None and me.not_to_be_told)}
    own = me.address if me is not None else None
    for other in people:
        if me is not None and other.person_id == me.person_id:
            continue
        if other.not_to_be_told or (me is not None and me.not_to_be_told and not other.is_child):
            secrets.add(other.name)
        secrets |= {detail for detail in (other.phone, other.email) if detail}
        if other.address and other.address != own:
            shared = [p for p in people if p.address == other.address and p is not me]
            if me is None or me.not_to_be_told or me.excluded or other.not_to_be_told or any(
                    p.confidential or p.not_to_be_told or me.person_id in p.hidden_from for p in shared):
                secrets.add(other.address)
    readers = [p for p in scenario.members if not p.not_to_be_told and not p.excluded] if me is None else [me]
    for reader in readers:
        if (reader.not_to_be_told or reader.separately or reader.excluded or
                reader.person_id in scenario.venue_hidden_from):
            secrets.add(_venue_name(MAIN))
        if (reader.not_to_be_told or reader.separately or reader.excluded or
                reader.person_id in scenario.time_hidden_from):
            secrets.add(format_instant(_starts(MAIN)))
    for meeting_id, member in scenario.sessions().items():
        if me is None or me.person_id != member.person_id:
            secrets |= {_venue_name(meeting_id), format_instant(_starts(meeting_id))}
    return secrets


def _seen(text: str, secrets: set[str]) -> list[str]:
    folded = text.casefold()
    return [secret for secret in secrets if secret.casefold() in folded]


def _letter_text(facts: CaseFacts, scenario: Scenario, views: list[MeetingView], person_id: int) -> str:
    """Everything a letter for this person could print: each person's fields and their meeting's fields."""
    values: list[object] = []
    for index, person in enumerate(scenario.people):
        values += letter_person_fields(facts, person.person_id, person_id, f"network[{index}]").values()
    view = next((v for v in views if v.meeting.id != MAIN and any(a.person_id == person_id for a in v.attendees)),
                views[0])
    fields = letter_meeting_fields(facts, view.meeting, view.venue, person_id, "en_GB")
    values += fields.values()
    if isinstance(fields["date"], str):
        values.append(f"{fields['date']}, {fields['time']}")
    return "\n".join(str(value) for value in values if not isinstance(value, Withheld | bool))


def _invitation_texts(facts: CaseFacts, views: list[MeetingView], recipient: Recipient) -> list[str]:
    texts = []
    for view in views:
        attendee = next((a for a in view.attendees if a.person_id == recipient.person_id), None)
        if recipient.audience is Audience.PERSON and attendee is None:
            continue
        try:
            event = invitation_event(view, facts, recipient, attendee, SERVICE)
        except SafetyBreach:
            continue
        texts.append("\n".join([*event.texts(), format_instant(event.starts_at)]))
    return texts


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_no_shareable_output_tells_anyone_what_is_kept_from_them(scenario: Scenario) -> None:
    facts = facts_of(scenario)
    picture = picture_of(scenario)
    views = views_of(scenario)
    recipients = [FAMILY, PROFESSIONALS, *(Recipient.person(p.person_id) for p in scenario.members)]
    for recipient in recipients:
        secrets = kept_from(scenario, recipient)
        outputs = [network_map_text(make_shareable(picture, facts, recipient), CASE_DAY)] if (
            recipient.audience is not Audience.PROFESSIONALS) else []
        outputs += _invitation_texts(facts, views, recipient)
        if recipient.person_id is not None:
            outputs.append(_letter_text(facts, scenario, views, recipient.person_id))
        for text in outputs:
            assert _seen(text, secrets) == [], (recipient, text)
