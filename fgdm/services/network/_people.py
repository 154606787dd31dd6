"""People stored once: finding the same person already on file, and merging two records of one person.

A grandmother of two sibling groups is one Person with a NetworkMember in each case. When she was added
twice, `merge_people` folds the duplicate into the kept record and re-points every link and every piece of
history (letters, plan copies, offers, meeting attendance, support, relationships) before marking it merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from fgdm.domain.enums import StaffRole
from fgdm.models import (
    BestInterestsException,
    Case,
    CaseChild,
    ChildOutcome,
    FamilyPlan,
    FgdmOffer,
    LetterRecord,
    MeetingAttendee,
    NetworkMember,
    Person,
    PlanAction,
    PlanDistribution,
    Relationship,
    Staff,
    SupportItem,
)
from fgdm.services.shared import access, audit_trail, search_index
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, PermissionDenied, ValidationFailed


@dataclass
class DuplicateCandidate:
    """Someone already on file who may be the person being added.

    A match found only in cases the actor may not open is told as a match and nothing more: no id, name,
    date of birth or contact details, only how many cases and the manager who can link them.
    """

    person_id: int | None
    name: str
    date_of_birth: date | None
    reasons: list[str]
    cases: list[str] = field(default_factory=list)
    """References of the cases the actor may open where this person appears."""
    other_cases: int = 0
    """How many further cases, not open to the actor, include them."""
    ask: str = ""
    """For a match only in cases the actor may not open: the manager to ask to link them."""

    @property
    def hidden(self) -> bool:
        return self.person_id is None

    @property
    def summary(self) -> str:
        """Who it is, as far as the actor may know: a name, or a match in cases they may not open."""
        if not self.hidden:
            return self.name
        return f"someone in {self.other_cases} case(s) you may not open (ask {self.ask} to link them)"


class PossibleDuplicate(ValidationFailed):
    """The person may already be on file: link them, or confirm they are someone else."""

    def __init__(self, candidates: list[DuplicateCandidate]) -> None:
        self.candidates = candidates
        names = "; ".join(f"{c.summary} ({', '.join(c.reasons)})" for c in candidates)
        super().__init__({"given_name": f"this person may already be on file: {names}. Link the existing "
                                        "person, or add them anyway if they are someone else"})


def phone_key(phone: str) -> str:
    """Digits only, with +44 written as a leading 0, so '+44 1632 960123' matches '01632 960123'."""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits


def _name_key(given_name: str, family_name: str) -> str:
    return " ".join(f"{given_name} {family_name}".casefold().split())


def live_person(session: Session, person_id: int) -> Person:
    """The person, following merges to the record that was kept (a lookup for services that checked access)."""
    person = session.get(Person, person_id)
    seen: set[int] = set()
    while person is not None and person.merged_into_id is not None and person.id not in seen:
        seen.add(person.id)
        person = session.get(Person, person.merged_into_id)
    if person is None:
        raise NotFound(f"there is no person with id {person_id}")
    return person


def find_duplicates(ctx: ServiceContext, *, given_name: str = "", family_name: str = "",
                    date_of_birth: date | None = None, phone: str = "",
                    exclude_person_id: int | None = None) -> list[DuplicateCandidate]:
    """People on file across all cases with the same name and date of birth, or the same phone number."""
    access.require_coordinator(ctx, doing="look for people already on file")
    found: dict[int, tuple[Person, list[str]]] = {}
    name = _name_key(given_name, family_name)
    if date_of_birth is not None and given_name.strip():
        for person in ctx.session.exec(select(Person).where(Person.date_of_birth == date_of_birth,
                                                            col(Person.merged_into_id).is_(None))):
            if _name_key(person.given_name, person.family_name) == name:
                found.setdefault(person.id, (person, []))[1].append("same name and date of birth")
    key = phone_key(phone)
    if len(key) >= 6:
        for person in ctx.session.exec(select(Person).where(Person.phone != "", col(Person.merged_into_id).is_(None))):
            if phone_key(person.phone) == key:
                found.setdefault(person.id, (person, []))[1].append("same phone number")
    candidates = []
    for person_id, (person, reasons) in sorted(found.items()):
        if person_id == exclude_person_id:
            continue
        visible, hidden = [], []
        for case_id in sorted(search_index.case_ids_of(ctx.session, person_id)):
            case = ctx.session.get(Case, case_id)
            if case is not None and access.can_open(ctx, case):
                visible.append(case.reference)
            elif case is not None:
                hidden.append(case)
        if visible or not hidden or ctx.actor.sees_every_case:
            candidates.append(DuplicateCandidate(person_id=person_id, name=person.full_name,
                                                 date_of_birth=person.date_of_birth, reasons=reasons,
                                                 cases=visible, other_cases=len(hidden)))
        else:
            candidates.append(DuplicateCandidate(person_id=None, name="", date_of_birth=None, reasons=reasons,
                                                 other_cases=len(hidden), ask=manager_to_ask(ctx, hidden[0])))
    return candidates


def manager_to_ask(ctx: ServiceContext, case: Case) -> str:
    """Who can link a person found only in a case the actor may not open: the case's coordinator's manager,
    else the service's first manager by name, else an administrator."""
    manager = None
    if case.coordinator_id is not None:
        coordinator = ctx.session.get(Staff, case.coordinator_id)
        if coordinator is not None and coordinator.manager_id is not None:
            manager = ctx.session.get(Staff, coordinator.manager_id)
    if manager is None or not manager.active:
        manager = ctx.session.exec(select(Staff).where(Staff.role == StaffRole.MANAGER, col(Staff.active))
                                   .order_by(Staff.name)).first()
    return f"{manager.name} (manager)" if manager is not None else "an administrator"


def check_may_link(ctx: ServiceContext, person: Person) -> None:
    """Linking a person already on file needs one of their cases open to the actor (or a person in no case)."""
    if ctx.actor.sees_every_case:
        return
    cases = [ctx.session.get(Case, case_id) for case_id in search_index.case_ids_of(ctx.session, person.id)]
    cases = [case for case in cases if case is not None]
    if cases and not any(access.can_open(ctx, case) for case in cases):
        raise PermissionDenied(f"that person is on file only in cases you may not open; ask "
                               f"{manager_to_ask(ctx, cases[0])} to link them")


def member_history(ctx: ServiceContext, member: NetworkMember) -> list[str]:
    """What in the case's record points at this member: removing them would orphan it."""
    session = ctx.session
    checks = [
        ("offers", select(FgdmOffer.id).where(FgdmOffer.network_member_id == member.id)),
        ("meeting invitations", select(MeetingAttendee.id).where(MeetingAttendee.network_member_id == member.id)),
        ("support items", select(SupportItem.id).where(SupportItem.recipient_member_id == member.id)),
        ("plan actions", select(PlanAction.id).where(PlanAction.who_member_id == member.id)),
        ("plans they lead", select(FamilyPlan.id).where(FamilyPlan.plan_lead_member_id == member.id)),
        ("letters", select(LetterRecord.id).where(LetterRecord.case_id == member.case_id,
                                                  LetterRecord.person_id == member.person_id)),
    ]
    return [label for label, query in checks if session.exec(query).first() is not None]


@dataclass
class MergeResult:
    kept_person_id: int
    merged_person_id: int
    moved: dict[str, int] = field(default_factory=dict)
    """How many links of each kind now point at the kept person."""


_PERSON_BLANKS = ("known_as", "date_of_birth", "phone", "email", "address", "access_needs")
_PERSON_FLAGS = ("deceased", "address_confidential", "interpreter_needed")
_MEMBER_FLAGS = ("is_parent", "parental_responsibility", "not_to_be_told", "attends_separately")


def merge_people(ctx: ServiceContext, keep_person_id: int, merge_person_id: int) -> MergeResult:
    """Fold the duplicate into the kept person: every link and record moves, nothing is lost.

    Safety markers are combined so the merged record is never less protected than either half:
    a confidential address or 'not to be told' on either record stays on the kept one.
    """
    access.require_coordinator(ctx, doing="merge people")
    if keep_person_id == merge_person_id:
        raise ValidationFailed.one("merge_person_id", "choose two different people to merge")
    with ctx.write() as session:
        keep = session.get(Person, keep_person_id)
        merged = session.get(Person, merge_person_id)
        for name, person in (("keep_person_id", keep), ("merge_person_id", merged)):
            if person is None:
                raise ValidationFailed.one(name, "there is no such person; pick one from the duplicates list")
            if person.merged_into_id is not None:
                raise ValidationFailed.one(name, f"{person.full_name} was already merged into another record")
        assert keep is not None and merged is not None
        case_ids = search_index.case_ids_of(ctx.session, keep.id) | search_index.case_ids_of(ctx.session, merged.id)
        for case_id in case_ids:
            access.case_for_write(ctx, case_id)
        result = MergeResult(kept_person_id=keep.id, merged_person_id=merged.id)
        moved = result.moved
        moved["network memberships"] = _merge_members(ctx, keep.id, merged.id)
        moved["children of cases"] = _merge_children(ctx, keep.id, merged.id)
        moved["relationships"] = _merge_relationships(ctx, keep.id, merged.id)
        moved["letters"] = _repoint(ctx, LetterRecord, "person_id", merged.id, keep.id)
        moved["plan copies"] = _repoint(ctx, PlanDistribution, "person_id", merged.id, keep.id)
        moved["earlier merges"] = _repoint(ctx, Person, "merged_into_id", merged.id, keep.id)
        for name in _PERSON_BLANKS:
            if not getattr(keep, name) and getattr(merged, name):
                setattr(keep, name, getattr(merged, name))
        for name in _PERSON_FLAGS:
            setattr(keep, name, getattr(keep, name) or getattr(merged, name))
        merged.merged_into_id = keep.id
        session.flush()
        for case_id in case_ids:
            search_index.refresh_case(session, session.get(Case, case_id))
        audit_trail.record_event(session, action="merge", table_name="person", record_id=keep.id, case_id=None,
                                 details={"kept": keep.id, "merged": merged.id, **moved})
    return result


def _repoint(ctx: ServiceContext, model: Any, column: str, old: int, new: int) -> int:
    rows = ctx.session.exec(select(model).where(getattr(model, column) == old)).all()
    for row in rows:
        setattr(row, column, new)
    ctx.session.flush()
    return len(rows)


def _merge_members(ctx: ServiceContext, keep_id: int, merged_id: int) -> int:
    session = ctx.session
    count = 0
    for member in session.exec(select(NetworkMember).where(NetworkMember.person_id == merged_id)).all():
        twin = session.exec(select(NetworkMember).where(NetworkMember.case_id == member.case_id,
                                                        NetworkMember.person_id == keep_id)).first()
        count += 1
        if twin is None and _is_child_of(ctx, member.case_id, keep_id) and not member_history(ctx, member):
            session.delete(member)
            session.flush()
        elif twin is None:
            member.person_id = keep_id
            session.flush()
        else:
            _fold_member(ctx, member, twin)
    return count


def _is_child_of(ctx: ServiceContext, case_id: int, person_id: int) -> bool:
    """The kept person is a child of this case: their duplicate's plain membership is not needed there."""
    return ctx.session.exec(select(CaseChild.id).where(CaseChild.case_id == case_id,
                                                       CaseChild.person_id == person_id)).first() is not None


def _fold_member(ctx: ServiceContext, member: NetworkMember, twin: NetworkMember) -> None:
    """Both people were in the same case: the twin keeps the history and the stricter safety markers."""
    session = ctx.session
    for model, column in ((FgdmOffer, "network_member_id"), (SupportItem, "recipient_member_id"),
                          (PlanAction, "who_member_id"), (FamilyPlan, "plan_lead_member_id")):
        _repoint(ctx, model, column, member.id, twin.id)
    for attendee in session.exec(select(MeetingAttendee).where(MeetingAttendee.network_member_id == member.id)):
        clash = session.exec(select(MeetingAttendee.id).where(MeetingAttendee.meeting_id == attendee.meeting_id,
                                                               MeetingAttendee.network_member_id == twin.id)).first()
        if clash is None:
            attendee.network_member_id = twin.id
        else:
            session.delete(attendee)
    for name in _MEMBER_FLAGS:
        setattr(twin, name, getattr(twin, name) or getattr(member, name))
    for name in ("relationship_to_child", "household", "excluded_reason", "excluded_by", "consent_override_reason"):
        if not getattr(twin, name) and getattr(member, name):
            setattr(twin, name, getattr(member, name))
    if member.notes and member.notes not in twin.notes:
        twin.notes = f"{twin.notes}\n{member.notes}".strip()
    session.flush()
    session.delete(member)
    session.flush()


def _merge_children(ctx: ServiceContext, keep_id: int, merged_id: int) -> int:
    session = ctx.session
    count = 0
    for child in session.exec(select(CaseChild).where(CaseChild.person_id == merged_id)).all():
        count += 1
        twin = session.exec(select(CaseChild).where(CaseChild.case_id == child.case_id,
                                                    CaseChild.person_id == keep_id)).first()
        if twin is None:
            child.person_id = keep_id
            session.flush()
            continue
        _repoint(ctx, BestInterestsException, "case_child_id", child.id, twin.id)
        for outcome in session.exec(select(ChildOutcome).where(ChildOutcome.case_child_id == child.id)).all():
            clash = session.exec(select(ChildOutcome.id).where(
                ChildOutcome.case_child_id == twin.id, ChildOutcome.months_after == outcome.months_after)).first()
            if clash is None:
                outcome.case_child_id = twin.id
            else:
                session.delete(outcome)
        session.flush()
        session.delete(child)
        session.flush()
    return count


def _merge_relationships(ctx: ServiceContext, keep_id: int, merged_id: int) -> int:
    session = ctx.session
    count = 0
    rows = session.exec(select(Relationship).where(
        (Relationship.from_person_id == merged_id) | (Relationship.to_person_id == merged_id))).all()
    for tie in rows:
        count += 1
        start = keep_id if tie.from_person_id == merged_id else tie.from_person_id
        end = keep_id if tie.to_person_id == merged_id else tie.to_person_id
        same = session.exec(select(Relationship.id).where(Relationship.from_person_id == start,
                                                          Relationship.to_person_id == end,
                                                          Relationship.kind == tie.kind,
                                                          Relationship.id != tie.id)).first()
        if start == end or same is not None:
            session.delete(tie)
        else:
            tie.from_person_id, tie.to_person_id = start, end
        session.flush()
    return count


__all__ = ["DuplicateCandidate", "MergeResult", "PossibleDuplicate", "find_duplicates",
           "live_person", "member_history", "merge_people", "phone_key"]
