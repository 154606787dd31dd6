"""Confidential from named people: an address, or a meeting's venue or time, kept from chosen members.

"From everyone but the coordinator" is the person's own flag (`address_confidential`); this keeps a fact from
particular members of one case's network (the father who must not learn where the mother now lives, or where
the family meeting is). The disclosure rule (`fgdm.domain.disclosure`) enforces both in every shareable output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import col, select

from fgdm.domain.enums import ConfidentialFact
from fgdm.i18n import format_instant
from fgdm.models import CaseChild, ConfidentialFrom, Meeting, NetworkMember, Person
from fgdm.services.shared import access, audit_trail
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import ValidationFailed


@dataclass(frozen=True)
class ConfidentialView:
    """One fact kept from one member, as the network tab and `fgdm network confidential list` show it."""

    id: int
    fact: ConfidentialFact
    about: str
    """Whose address, or which meeting."""
    person_id: int | None
    meeting_id: int | None
    hidden_from_person_id: int
    hidden_from: str
    decided_by: str


def _case_people(ctx: ServiceContext, case_id: int) -> dict[int, Person]:
    members = ctx.session.exec(select(Person).join(NetworkMember, NetworkMember.person_id == Person.id)
                               .where(NetworkMember.case_id == case_id)).all()
    children = ctx.session.exec(select(Person).join(CaseChild, CaseChild.person_id == Person.id)
                                .where(CaseChild.case_id == case_id)).all()
    return {person.id: person for person in (*members, *children)}


def _subject(ctx: ServiceContext, case_id: int, fact: ConfidentialFact, person_id: int | None,
             meeting_id: int | None, people: dict[int, Person]) -> tuple[int | None, int | None]:
    if fact is ConfidentialFact.ADDRESS:
        if person_id is None or person_id not in people:
            raise ValidationFailed.one("person_id", "name the person whose address is kept (a child or member of "
                                                    "this case's network: `fgdm network list` shows the ids)")
        return person_id, None
    meeting = ctx.session.get(Meeting, meeting_id) if meeting_id is not None else None
    if meeting is None or meeting.case_id != case_id:
        raise ValidationFailed.one("meeting_id", f"name the meeting whose {fact.label.lower()} is kept (one of "
                                                 "this case's: `fgdm meeting list` shows the ids)")
    return None, meeting.id


def _from_whom(hidden_from: Sequence[int], subject_person: int | None, people: dict[int, Person]) -> list[int]:
    chosen = list(dict.fromkeys(hidden_from))
    if not chosen:
        raise ValidationFailed.one("hidden_from", "name at least one member to keep it from")
    for person_id in chosen:
        if person_id not in people:
            raise ValidationFailed.one("hidden_from", f"person {person_id} is not in this case's network; "
                                                      "`fgdm network list` shows the ids")
        if person_id == subject_person:
            raise ValidationFailed.one("hidden_from", "a person's own address cannot be kept from them")
    return chosen


def _existing(ctx: ServiceContext, case_id: int, fact: ConfidentialFact, person_id: int | None,
              meeting_id: int | None) -> dict[int, ConfidentialFrom]:
    rows = ctx.session.exec(select(ConfidentialFrom).where(
        ConfidentialFrom.case_id == case_id, ConfidentialFrom.fact == fact,
        ConfidentialFrom.person_id == person_id if person_id is not None else col(ConfidentialFrom.person_id).is_(None),
        ConfidentialFrom.meeting_id == meeting_id if meeting_id is not None
        else col(ConfidentialFrom.meeting_id).is_(None))).all()
    return {row.hidden_from_person_id: row for row in rows}


def keep_confidential(ctx: ServiceContext, case_id: int, fact: ConfidentialFact | str, *,
                      hidden_from: Sequence[int], person_id: int | None = None,
                      meeting_id: int | None = None) -> list[ConfidentialView]:
    """Keep a person's address, or a meeting's venue or time, from these members of the case's network."""
    return _change(ctx, case_id, ConfidentialFact(fact), hidden_from, person_id, meeting_id, keep=True)


def clear_confidential(ctx: ServiceContext, case_id: int, fact: ConfidentialFact | str, *,
                       hidden_from: Sequence[int], person_id: int | None = None,
                       meeting_id: int | None = None) -> list[ConfidentialView]:
    """No longer keep the fact from these members (the person's own "confidential from everyone" flag stays)."""
    return _change(ctx, case_id, ConfidentialFact(fact), hidden_from, person_id, meeting_id, keep=False)


def _change(ctx: ServiceContext, case_id: int, fact: ConfidentialFact, hidden_from: Sequence[int],
            person_id: int | None, meeting_id: int | None, *, keep: bool) -> list[ConfidentialView]:
    """Add (keep) or remove (clear) the rows for these members, audited as one change."""
    with ctx.write() as session:
        access.case_for_write(ctx, case_id)
        people = _case_people(ctx, case_id)
        person_id, meeting_id = _subject(ctx, case_id, fact, person_id, meeting_id, people)
        chosen = _from_whom(hidden_from, person_id if keep else None, people)
        have = _existing(ctx, case_id, fact, person_id, meeting_id)
        for hidden in chosen:
            if keep and hidden not in have:
                session.add(ConfidentialFrom(case_id=case_id, fact=fact, person_id=person_id, meeting_id=meeting_id,
                                             hidden_from_person_id=hidden,
                                             decided_by=ctx.actor.name or ctx.actor.username))
            elif not keep and hidden in have:
                session.delete(have[hidden])
        session.flush()
        audit_trail.record_event(session, action="confidential_from" if keep else "confidential_from_cleared",
                                 table_name="confidential_from", record_id=None, case_id=case_id,
                                 details={"fact": fact.value, "person_id": person_id, "meeting_id": meeting_id,
                                          "kept_from" if keep else "no_longer_kept_from": chosen})
    return confidential_list(ctx, case_id)


def confidential_list(ctx: ServiceContext, case_id: int) -> list[ConfidentialView]:
    """Everything kept from named members of the case, by fact and subject."""
    access.case_for_read(ctx, case_id)
    rows = ctx.session.exec(select(ConfidentialFrom).where(ConfidentialFrom.case_id == case_id)
                            .order_by(col(ConfidentialFrom.fact), col(ConfidentialFrom.id))).all()
    if not rows:
        return []  # most cases keep nothing: the Network tab reads this on every opening of a case
    people = _case_people(ctx, case_id)
    meetings = ({m.id: m for m in ctx.session.exec(select(Meeting).where(Meeting.case_id == case_id)).all()}
                if any(row.meeting_id is not None for row in rows) else {})
    views = []
    for row in rows:
        if row.person_id is not None:
            about = people[row.person_id].full_name if row.person_id in people else f"person {row.person_id}"
        else:
            meeting = meetings.get(row.meeting_id or -1)
            about = (f"{meeting.kind.label} on {format_instant(meeting.starts_at)}" if meeting
                     else f"meeting {row.meeting_id}")
        hidden = people.get(row.hidden_from_person_id)
        views.append(ConfidentialView(
            id=row.id, fact=row.fact, about=about, person_id=row.person_id, meeting_id=row.meeting_id,
            hidden_from_person_id=row.hidden_from_person_id,
            hidden_from=hidden.full_name if hidden else f"person {row.hidden_from_person_id}",
            decided_by=row.decided_by))
    return views


__all__ = ["ConfidentialView", "clear_confidential", "confidential_list", "keep_confidential"]
