"""The facts a child's s.31ZA duty rests on, read from the records, and the duty worked out from them.

`fgdm.domain.duty` holds the rules over plain facts; this module reads those facts for many cases at once. The
Offers tab and the record of what needs attention (`attention`, from which home lists the duties not met) both
read through it, so each sees the duty a lawyer would read from the file. It takes a session, not a service
context, because the record of what needs attention is kept up to date inside a commit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from sqlalchemy import bindparam, literal_column
from sqlmodel import Session, col, select

from fgdm.config import Settings
from fgdm.domain.child_parties import TIES, ChildParties, Member, parties_by_child
from fgdm.domain.duty import (
    DutyFacts,
    DutyResult,
    DutyState,
    ExceptionFacts,
    MissingStep,
    OfferFacts,
    Party,
    child_duty,
)
from fgdm.domain.enums import LegalStatus, MeetingKind, MeetingStatus, RelationshipKind
from fgdm.models import (
    BestInterestsException,
    CaseChild,
    FgdmOffer,
    Meeting,
    NetworkMember,
    Person,
    Relationship,
    person_name,
)
from fgdm.services.shared.clock import to_london
from fgdm.services.shared.lookups import columns


@dataclass
class ChildDuty:
    """One child's s.31ZA status, with why, what is missing and by when, and any decision relied on."""

    case_child_id: int
    person_id: int
    child_name: str
    legal_status: LegalStatus
    state: DutyState
    reason: str
    missing: list[MissingStep]
    exception: ExceptionFacts | None
    accepted_by: list[str]
    parties: tuple[int, ...] = ()
    """The network members (parents and PR holders) whose offer this child's duty needs: letters and counts
    name a child to these people only."""
    warnings: list[str] = field(default_factory=list)
    """What the coordinator must know beside the state: an offer letter written after the LBP, for one."""

    @property
    def next_due(self) -> date | None:
        dates = [step.by for step in self.missing if step.by is not None]
        return min(dates) if dates else None




# The duty's selects, built once with the cases as a parameter: building one took about as long as running it,
# and the duty is read on every opening of a case and worked out again for every save to one. Each comes in two
# forms: for one case (the case tab's read), the case id as a plain parameter; for many, an IN list, which is
# rendered into the statement on every run.
OF_CASES = {"case_id": lambda case_id: case_id == bindparam("case_id"),
             "case_ids": lambda case_id: col(case_id).in_(bindparam("case_ids", expanding=True))}


def of_cases(case_ids: Sequence[int]) -> tuple[str, dict[str, Any]]:
    """Which form of the selects names these cases (a key of `OF_CASES`), and its parameters."""
    if len(case_ids) == 1:
        return "case_id", {"case_id": case_ids[0]}
    return "case_ids", {"case_ids": list(case_ids)}


_PARTIES = {by: select(NetworkMember.id, NetworkMember.case_id, NetworkMember.is_parent,
                       NetworkMember.parental_responsibility, NetworkMember.not_to_be_told, Person.id,
                       Person.given_name, Person.family_name, Person.preferred_language)
            .join(Person, Person.id == NetworkMember.person_id)
            .where(of(NetworkMember.case_id), col(NetworkMember.is_parent) | col(NetworkMember.parental_responsibility))
            .order_by(NetworkMember.id) for by, of in OF_CASES.items()}
_CHILDREN = {by: select(CaseChild.id, CaseChild.case_id, CaseChild.legal_status, Person.id, Person.given_name,
                        Person.family_name).join(Person, Person.id == CaseChild.person_id)
             .where(of(CaseChild.case_id)).order_by(CaseChild.position, CaseChild.id) for by, of in OF_CASES.items()}
_MEETINGS = {by: select(Meeting.case_id, Meeting.kind, Meeting.status, Meeting.held_on, Meeting.starts_at)
             .where(of(Meeting.case_id)) for by, of in OF_CASES.items()}
_OFFERS = {by: select(FgdmOffer).where(of(FgdmOffer.case_id)).order_by(FgdmOffer.offered_on, FgdmOffer.id)
           for by, of in OF_CASES.items()}
_EXCEPTIONS = {by: select(BestInterestsException).where(of(BestInterestsException.case_id))
               .order_by(BestInterestsException.decided_on, BestInterestsException.id) for by, of in OF_CASES.items()}


def parties_of(session: Session, case_ids: Sequence[int]) -> Sequence[Any]:
    """The cases' parents and PR holders in network order, as the columns the duty and the offers table need."""
    by, params = of_cases(case_ids)
    return columns(session, _PARTIES[by], params)


def offers_of(session: Session, case_ids: Sequence[int]) -> list[FgdmOffer]:
    by, params = of_cases(case_ids)
    return list(session.exec(_OFFERS[by], params=params).all())


def exceptions_of(session: Session, case_ids: Sequence[int]) -> list[BestInterestsException]:
    by, params = of_cases(case_ids)
    return list(session.exec(_EXCEPTIONS[by], params=params).all())


def children_of(session: Session, case_ids: Sequence[int]) -> Sequence[Any]:
    """(case child id, case id, legal status, person id, given name, family name) in the cases' order."""
    by, params = of_cases(case_ids)
    return columns(session, _CHILDREN[by], params)


_TIES = {by: select(Relationship.from_person_id, Relationship.to_person_id, Relationship.kind, CaseChild.case_id,
                    NetworkMember.is_parent, NetworkMember.parental_responsibility, Person.given_name,
                    Person.family_name)
         .select_from(CaseChild)
         .join(Relationship, Relationship.to_person_id == CaseChild.person_id)
         .join(NetworkMember, (NetworkMember.person_id == Relationship.from_person_id)
               & (NetworkMember.case_id == CaseChild.case_id + literal_column("0")))
         .join(Person, Person.id == Relationship.from_person_id)
         .where(col(Relationship.kind).in_(TIES), of(CaseChild.case_id)) for by, of in OF_CASES.items()}
"""The ties from each case's network members to the same case's children. It starts from the cases' children:
from their network members instead, SQLite probed every member against every child (30 times slower for the
census's 85 cases). The member's case is matched to ``case_id + 0``, an expression, so that SQLite does not
carry the list of cases over to the members too: it then probed each tie's member in every case of the list,
and the census of a large service's 3,341 cases took 20 s in this one statement instead of 50 ms."""


def ties_of(session: Session, case_ids: Sequence[int]) -> tuple[list[tuple[int, int, Any]], dict[int, dict[int, str]]]:
    """The recorded ``parent_of`` and ``guardian_of`` ties from each case's network members to the same case's
    children, and, by case, the members with a ``parent_of`` tie who are marked neither a parent nor a PR holder
    (by person, with their name), in one statement."""
    if not case_ids:
        return [], {}
    by, params = of_cases(case_ids)
    ties: set[tuple[int, int, Any]] = set()
    unmarked: dict[int, dict[int, str]] = defaultdict(dict)
    for source, target, kind, case_id, is_parent, responsible, given, family in columns(session, _TIES[by], params):
        ties.add((source, target, kind))
        if not (is_parent or responsible) and kind is RelationshipKind.PARENT_OF:
            unmarked[case_id][source] = person_name(given, family)
    return sorted(ties), dict(unmarked)


def child_parties(parties: Sequence[Any], children: Sequence[Any], ties: Sequence[tuple[int, int, Any]],
                  unmarked: dict[int, dict[int, str]] | None = None) -> dict[int, ChildParties]:
    """Each child's own parents and PR holders, from the rows `parties_of` and `children_of` read, naming the
    members a tie says are the child's parent but the network does not mark (`unmarked`, by case)."""
    members: dict[int, list[Member]] = defaultdict(list)
    for member_id, case_id, is_parent, responsible, _hidden, person_id, given, family, _language in parties:
        members[case_id].append(Member(member_id, person_id, person_name(given, family), is_parent, responsible))
    by_case: dict[int, dict[int, int]] = defaultdict(dict)
    for child_id, case_id, _status, person_id, _given, _family in children:
        by_case[case_id][child_id] = person_id
    # Each case is given the ties to its own children only: given every case's, each case walked them all, and
    # a census of 3,341 cases spent 3.7 s walking 13,355 ties 3,341 times.
    ties_to: dict[int, list[tuple[int, int, Any]]] = defaultdict(list)
    for tie in ties:
        ties_to[tie[1]].append(tie)
    found: dict[int, ChildParties] = {}
    for case_id, child_persons in by_case.items():
        own_ties = [tie for person_id in set(child_persons.values()) for tie in ties_to.get(person_id, ())]
        found.update(parties_by_child(members[case_id], child_persons, own_ties, (unmarked or {}).get(case_id)))
    return found


def _meetings_held(session: Session, case_ids: Sequence[int]) -> defaultdict[int, list[date]]:
    """Each case's FGDM meetings held, by the day held (or, if not recorded, the day it started).

    Kind and status are checked here, not in SQL: given them, SQLite (without ANALYZE statistics) reads every
    held meeting of the service through the status index instead of the cases' few through the case index.
    """
    held: defaultdict[int, list[date]] = defaultdict(list)
    by, params = of_cases(case_ids)
    rows = columns(session, _MEETINGS[by], params)
    for case_id, kind, status, held_on, starts_at in rows:
        if kind is MeetingKind.FGDM_MEETING and status is MeetingStatus.HELD:
            held[case_id].append(held_on or to_london(starts_at).date())
    return held


@dataclass
class DutyRead:
    """What the duty of some cases rests on, each kind read once for them all; the offers table and the list of
    decisions are made from the same rows."""

    parties: Sequence[Any]
    offers: list[FgdmOffer]
    exceptions: list[BestInterestsException]
    held: defaultdict[int, list[date]]
    children: Sequence[Any]
    ties: list[tuple[int, int, Any]]
    unmarked: dict[int, dict[int, str]] = field(default_factory=dict)
    """By case, the network members a ``parent_of`` tie calls a parent but the network does not mark."""

    @property
    def per_child(self) -> dict[int, ChildParties]:
        """Each child's own parents and PR holders (`fgdm.domain.child_parties`)."""
        return child_parties(self.parties, self.children, self.ties, self.unmarked)

    @classmethod
    def of(cls, session: Session, case_ids: Sequence[int], *, offers: bool = True,
           exceptions: bool = True) -> DutyRead:
        """The facts of these cases; with `offers` or `exceptions` False (the cases are known to have none),
        those are not read."""
        parties, children = parties_of(session, case_ids), children_of(session, case_ids)
        ties, unmarked = ties_of(session, case_ids) if children else ([], {})
        return cls(parties=parties, offers=offers_of(session, case_ids) if offers else [],
                   exceptions=exceptions_of(session, case_ids) if exceptions else [],
                   held=_meetings_held(session, case_ids), children=children, ties=ties, unmarked=unmarked)


def _exception_facts(row: BestInterestsException) -> ExceptionFacts:
    return ExceptionFacts(scope=row.scope, decided_by=row.decided_by, decided_on=row.decided_on,
                          reason=row.reason, case_child_id=row.case_child_id)



class CaseDates(Protocol):
    """What the duty reads of a case: a case record, or just these columns of it."""

    id: Any
    lbp_date: date | None
    care_application_date: date | None
    referral_date: date


def duties(cases: Sequence[CaseDates], read: DutyRead, *, today: date, settings: Settings,
           ) -> dict[int, list[ChildDuty]]:
    """The duty of every child of cases already checked: each kind of fact read once for all the cases
    (or given, already read, as `read`).

    Parties and children are read as columns, not records: this runs at every opening of a case and every save
    to one, and for every case after an upgrade.
    """
    parties: dict[int, list[Party]] = defaultdict(list)
    for member_id, case_id, is_parent, responsible, _hidden, _person_id, given, family, _language in read.parties:
        parties[case_id].append(Party(network_member_id=member_id, name=person_name(given, family),
                                      is_parent=is_parent, parental_responsibility=responsible))
    offers: dict[int, list[OfferFacts]] = defaultdict(list)
    for o in read.offers:
        offers[o.case_id].append(OfferFacts(network_member_id=o.network_member_id, offered_on=o.offered_on,
                                            in_lbp=o.in_lbp, response=o.response, response_on=o.response_on))
    exceptions: dict[int, list[ExceptionFacts]] = defaultdict(list)
    for e in read.exceptions:
        exceptions[e.case_id].append(_exception_facts(e))
    held = read.held
    per_child = read.per_child
    by_id = {case.id: case for case in cases}
    statuses: dict[int, list[ChildDuty]] = defaultdict(list)
    for child_id, case_id, legal_status, person_id, given, family in read.children:
        case = by_id[case_id]
        own = per_child[child_id]
        result: DutyResult = child_duty(DutyFacts(
            case_child_id=child_id, in_pre_proceedings=legal_status is LegalStatus.PRE_PROCEEDINGS,
            parties=[p for p in parties[case.id] if p.network_member_id in own.member_ids],
            offers=offers[case.id], exceptions=exceptions[case.id],
            fgdm_meetings_held_on=held[case.id], lbp_date=case.lbp_date,
            application_date=case.care_application_date, today=today,
            response_working_days=settings.offer_response_working_days,
            meeting_due=case.referral_date + timedelta(weeks=settings.meeting_target_weeks)))
        statuses[case.id].append(ChildDuty(case_child_id=child_id, person_id=person_id,
                                           child_name=person_name(given, family),
                                           legal_status=legal_status, state=result.state,
                                           reason=_with_note(result, own),
                                           missing=list(result.missing), exception=result.exception,
                                           accepted_by=list(result.accepted_by), parties=own.member_ids,
                                           warnings=_unmarked(result, own, person_name(given, family))))
    return dict(statuses)


def _unmarked(result: DutyResult, own: ChildParties, child_name: str) -> list[str]:
    """Where the duty applies, the members a tie calls this child's parent that the network does not mark."""
    warning = own.unmarked_warning(child_name)
    return [warning] if warning and result.state is not DutyState.NOT_APPLICABLE else []


def _with_note(result: DutyResult, own: ChildParties) -> str:
    """The status's reason, saying which parties are counted for the child only because their children are not
    recorded (where that matters: the duty applies and the child has siblings in the case)."""
    note = own.note()
    if not note or result.state is DutyState.NOT_APPLICABLE:
        return result.reason
    return f"{result.reason}; {note}"


__all__ = ["OF_CASES", "CaseDates", "ChildDuty", "DutyRead", "child_parties", "children_of", "duties", "exceptions_of",
           "of_cases", "offers_of", "parties_of", "ties_of"]
