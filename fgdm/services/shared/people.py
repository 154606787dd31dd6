"""Taking a person's link to a case away, and forgetting the person once nothing refers to them: shared by
removing a network member and removing a child."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import Session, col, select

from fgdm.models import CaseChild, LetterRecord, NetworkMember, Person, PlanDistribution, Relationship
from fgdm.services.shared import attention, audit_trail

Link = NetworkMember | CaseChild


def is_orphaned(session: Session, person: Person, *, apart_from: Link) -> bool:
    """True when nothing but `apart_from` refers to the person, so the record can go with it rather than linger
    unseen."""
    for model in (NetworkMember, CaseChild):
        query = select(model.id).where(model.person_id == person.id)
        if isinstance(apart_from, model):
            query = query.where(col(model.id) != apart_from.id)
        if session.exec(query).first() is not None:
            return False
    for query in (select(LetterRecord.id).where(LetterRecord.person_id == person.id),
                  select(PlanDistribution.id).where(PlanDistribution.person_id == person.id),
                  select(Person.id).where(Person.merged_into_id == person.id)):
        if session.exec(query).first() is not None:
            return False
    return True


def unlink(session: Session, link: Link, person: Person) -> None:
    """Delete the link, and the person with their ties when nothing else refers to them.

    Under PostgreSQL's row-level security a login sees a person only through a case they are linked to, so once
    the link is gone that login could no longer delete the person: there the two go in one statement (a
    data-modifying WITH, whose parts all see the person still linked). The deletions are audited as a flush
    audits them, and the case's record of what needs attention is worked out again.
    """
    if not is_orphaned(session, person, apart_from=link):
        session.delete(link)
        session.flush()
        return
    for tie in session.exec(select(Relationship).where(
            (Relationship.from_person_id == person.id) | (Relationship.to_person_id == person.id))).all():
        session.delete(tie)
    session.flush()
    audit_trail.record_deleted(session, link, person)
    connection = session.connection()
    model = type(link)
    gone = delete(model).where(col(model.id) == link.id)
    if connection.dialect.name == "postgresql":
        unlinked = gone.returning(col(model.person_id)).cte("unlinked")
        connection.execute(delete(Person).where(col(Person.id).in_(select(unlinked.c.person_id))))
    else:
        connection.execute(gone)
        connection.execute(delete(Person).where(col(Person.id) == person.id))
    attention.changed(session, [link.case_id])
    session.expunge(link)
    session.expunge(person)
