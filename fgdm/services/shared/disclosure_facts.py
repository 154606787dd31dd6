"""The facts the disclosure rule weighs for one case, read from the records.

`fgdm.domain.disclosure` holds the rule over plain values; every shareable output (letters, the family plan,
network maps, invitations, diary exports, report drill-downs, the shareable views) reads the case's facts
through here, so each asks the rule about the same people, meetings and agencies. It takes a session, not a
service context, as the other shared readers do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlmodel import Session, col, select

from fgdm.domain.disclosure import AgencyFacts, CaseFacts, PersonFacts, SessionFacts
from fgdm.domain.enums import ConfidentialFact, ContactStatus, MeetingKind
from fgdm.i18n import format_instant
from fgdm.models import (
    Agency,
    CaseChild,
    ConfidentialFrom,
    Meeting,
    MeetingAttendee,
    NetworkMember,
    Person,
    Venue,
)
from fgdm.services.shared.lookups import chunks


def venue_texts(meeting: Meeting, venue: Venue | None) -> tuple[str, ...]:
    """A meeting's place as outputs write it: the venue's name and address, and the location note."""
    texts = (venue.name, venue.address) if venue is not None else ()
    return tuple(text for text in (*texts, meeting.location_note) if text.strip())


def time_texts(meeting: Meeting) -> tuple[str, ...]:
    """A meeting's start as outputs write it in British English ("26 November 2026, 10:00"): a day alone is too
    common a string (a reply-by date) to search for; letters and invitations withhold the parts by the rule."""
    return (format_instant(meeting.starts_at),)


def separate_from(meeting: Meeting) -> int | None:
    """The meeting a separate session is held apart from; other meetings' links (a replanned meeting's
    predecessor) are not separations."""
    return meeting.linked_meeting_id if meeting.kind is MeetingKind.SEPARATE_SESSION else None


def member_facts(member: NetworkMember, person: Person) -> PersonFacts:
    """One member as the disclosure rule sees them, without what is kept from whom (for who may be invited, and
    to whom a letter may go)."""
    return PersonFacts(
        person_id=person.id, name=person.full_name, address=person.address,
        address_confidential=person.address_confidential, not_to_be_told=member.not_to_be_told,
        contact_status=member.contact_status, phone=person.phone, email=person.email,
        attends_separately=member.attends_separately)


def case_facts(session: Session, case_id: int) -> CaseFacts:
    """The case's children, network, meetings and agencies, with what is kept from whom."""
    return _facts_of(session, [case_id])[case_id]


def cases_facts(session: Session, case_ids: Iterable[int]) -> dict[int, CaseFacts]:
    """`case_facts` of many cases, read together: a report drill-down asks the rule about every case of a quarter,
    and six queries for each of a thousand cases took seconds."""
    found: dict[int, CaseFacts] = {}
    for chunk in chunks(case_ids):
        found.update(_facts_of(session, chunk))
    return found


def _facts_of(session: Session, case_ids: list[int]) -> dict[int, CaseFacts]:
    kept: defaultdict[tuple[int, ConfidentialFact, int], set[int]] = defaultdict(set)
    for row in session.exec(select(ConfidentialFrom).where(col(ConfidentialFrom.case_id).in_(case_ids))).all():
        subject = row.person_id if row.fact is ConfidentialFact.ADDRESS else row.meeting_id
        if subject is not None:
            kept[row.case_id, row.fact, subject].add(row.hidden_from_person_id)
    people: defaultdict[int, list[PersonFacts]] = defaultdict(list)
    for member, person in session.exec(
            select(NetworkMember, Person).join(Person, Person.id == NetworkMember.person_id)
            .where(col(NetworkMember.case_id).in_(case_ids)).order_by(col(NetworkMember.id))).all():
        people[member.case_id].append(_person(person, member, kept, member.case_id))
    known = {(case_id, person.person_id) for case_id, found in people.items() for person in found}
    for case_id, person in session.exec(
            select(CaseChild.case_id, Person).join(Person, Person.id == CaseChild.person_id)
            .where(col(CaseChild.case_id).in_(case_ids)).order_by(col(CaseChild.case_id), col(CaseChild.position))
    ).all():
        if (case_id, person.id) not in known:
            people[case_id].append(_person(person, None, kept, case_id))
    invited: defaultdict[int, set[int]] = defaultdict(set)
    for meeting_id, person_id in session.exec(
            select(MeetingAttendee.meeting_id, NetworkMember.person_id)
            .join(NetworkMember, NetworkMember.id == MeetingAttendee.network_member_id)
            .join(Meeting, Meeting.id == MeetingAttendee.meeting_id).where(col(Meeting.case_id).in_(case_ids))).all():
        invited[meeting_id].add(person_id)
    sessions: defaultdict[int, list[SessionFacts]] = defaultdict(list)
    for meeting, venue in session.exec(
            select(Meeting, Venue).join(Venue, col(Venue.id) == Meeting.venue_id, isouter=True)
            .where(col(Meeting.case_id).in_(case_ids)).order_by(col(Meeting.starts_at))).all():
        sessions[meeting.case_id].append(SessionFacts(
            meeting_id=meeting.id, attendee_ids=frozenset(invited[meeting.id]), separate_from=separate_from(meeting),
            venue_hidden_from=frozenset(kept[meeting.case_id, ConfidentialFact.VENUE, meeting.id]),
            time_hidden_from=frozenset(kept[meeting.case_id, ConfidentialFact.TIME, meeting.id]),
            venue_texts=venue_texts(meeting, venue), time_texts=time_texts(meeting)))
    agencies: defaultdict[int, list[AgencyFacts]] = defaultdict(list)
    for agency in session.exec(select(Agency).where(col(Agency.case_id).in_(case_ids))).all():
        agencies[agency.case_id].append(AgencyFacts(agency_id=agency.id, name=agency.name,
                                                    sensitive=agency.sensitive))
    return {case_id: CaseFacts(people=tuple(people[case_id]), sessions=tuple(sessions[case_id]),
                               agencies=tuple(agencies[case_id])) for case_id in case_ids}


def _person(person: Person, member: NetworkMember | None,
            kept: defaultdict[tuple[int, ConfidentialFact, int], set[int]], case_id: int) -> PersonFacts:
    return PersonFacts(
        person_id=person.id, name=person.full_name, address=person.address, phone=person.phone, email=person.email,
        address_confidential=person.address_confidential,
        address_hidden_from=frozenset(kept[case_id, ConfidentialFact.ADDRESS, person.id]),
        not_to_be_told=member.not_to_be_told if member else False,
        contact_status=member.contact_status if member else ContactStatus.IDENTIFIED,
        attends_separately=member.attends_separately if member else False, is_child=member is None)


__all__ = ["case_facts", "cases_facts", "separate_from", "time_texts", "venue_texts"]
