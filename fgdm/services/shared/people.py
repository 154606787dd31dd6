"""Forgetting a person nothing refers to any more: shared by removing a network member and removing a child."""

from __future__ import annotations

from sqlmodel import Session, select

from fgdm.models import CaseChild, LetterRecord, NetworkMember, Person, PlanDistribution, Relationship


def is_orphaned(session: Session, person: Person) -> bool:
    """True when nothing else refers to the person, so the record can go rather than linger unseen."""
    for query in (select(NetworkMember.id).where(NetworkMember.person_id == person.id),
                  select(CaseChild.id).where(CaseChild.person_id == person.id),
                  select(LetterRecord.id).where(LetterRecord.person_id == person.id),
                  select(PlanDistribution.id).where(PlanDistribution.person_id == person.id),
                  select(Person.id).where(Person.merged_into_id == person.id)):
        if session.exec(query).first() is not None:
            return False
    return True


def forget_if_orphaned(session: Session, person: Person) -> None:
    """Delete the person and their ties once their last link to a case is gone (flushed by the caller)."""
    if not is_orphaned(session, person):
        return
    for tie in session.exec(select(Relationship).where(
            (Relationship.from_person_id == person.id) | (Relationship.to_person_id == person.id))).all():
        session.delete(tie)
    session.flush()
    session.delete(person)
    session.flush()
