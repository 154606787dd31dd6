"""Keeps each case's search_text current, so finding a case is one indexed pass over one table."""

from __future__ import annotations

from sqlmodel import Session, select

from fgdm.models import Case, CaseChild, NetworkMember, Person


def _names(person: Person) -> str:
    return " ".join(part for part in (person.given_name, person.family_name, person.known_as) if part)


def search_text_for(session: Session, case: Case) -> str:
    people = session.exec(
        select(Person).join(CaseChild, CaseChild.person_id == Person.id).where(CaseChild.case_id == case.id)
    ).all()
    members = session.exec(
        select(Person).join(NetworkMember, NetworkMember.person_id == Person.id)
        .where(NetworkMember.case_id == case.id)
    ).all()
    parts = [case.reference, case.family_name, *(_names(p) for p in people), *(_names(p) for p in members)]
    return " ".join(parts).casefold()


def refresh_case(session: Session, case: Case) -> None:
    with session.no_autoflush:
        text = search_text_for(session, case)
    if case.search_text != text:
        case.search_text = text


def case_ids_of(session: Session, person_id: int | None) -> set[int]:
    """Every case a person belongs to, as a member or a child (a lookup for services that checked access)."""
    ids = set(session.exec(select(NetworkMember.case_id).where(NetworkMember.person_id == person_id)))
    return ids | set(session.exec(select(CaseChild.case_id).where(CaseChild.person_id == person_id)))


def refresh_cases_of_person(session: Session, person_id: int) -> None:
    """A renamed person must be findable in every case they belong to."""
    for case_id in case_ids_of(session, person_id):
        case = session.get(Case, case_id)
        if case is not None:
            refresh_case(session, case)
