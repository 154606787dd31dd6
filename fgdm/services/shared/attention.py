"""Keeps each child's record of what needs attention (`ChildAttention`) in step with their case's records.

The record holds what the rules give for a child, so home can list the duties not met, the follow-ups due and
the plans past review through an index instead of working them out for every case at every start. None
depends on the day it is read: a duty changes state only when something is recorded (an offer, an answer, a
decision, a meeting held, an application), a follow-up's due day is fixed by the first agreed plan, and a
plan's review date by the plan; home compares the days with today as it reads.

Every session a service context opens is watched (`attach`). Each flush notes the cases whose facts changed;
just before the commit they are worked out again in the same transaction, so the record can never say other
than what was saved. Writers that insert rows in bulk, bypassing the session's records, name their cases with
`changed`. A start that finds records worked out by older rules (`RULES`), or by none since migration 0008,
works them out again (`bring_up_to_date`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, event, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from fgdm.config import Settings
from fgdm.domain.enums import PlanStatus
from fgdm.domain.periods import Period
from fgdm.models import (
    BestInterestsException,
    Case,
    CaseChild,
    ChildAttention,
    ChildOutcome,
    FamilyPlan,
    FgdmOffer,
    Meeting,
    NetworkMember,
    Person,
    Relationship,
)
from fgdm.services.shared import duty_facts
from fgdm.services.shared.audit_trail import case_id_of
from fgdm.services.shared.clock import Clock, london_today
from fgdm.services.shared.lookups import columns
from fgdm.services.shared.search_index import case_ids_of
from fgdm.store.follow_ups import FOLLOW_UP_MONTHS, first_agreed_plans, follow_ups

RULES = 3
"""Which rules the record was worked out by. Raise it with any change to the duty's rules or reasons
(`fgdm.domain.duty`) or to when follow-ups fall due: the next start works every child out again."""

FACTS = (Case, CaseChild, ChildOutcome, NetworkMember, Person, Relationship, FgdmOffer, BestInterestsException,
         Meeting, FamilyPlan)
"""The records the duty, the follow-ups and the plan's review are worked out from: a change to one works out its
case again (a person's, every case they are in the network of; a tie's, every case of either person: a
``parent_of`` tie says whose child a child is)."""

BATCH = 500
"""Cases worked out together: the duty's facts are read for a batch at once, as home once read 50."""

_CHANGED = "attention_changed_cases"
_SETTINGS = "settings"


def attach(session: Session, settings: Settings) -> None:
    """Keep the record in step with every change committed through this session."""
    session.info[_SETTINGS] = settings
    event.listen(session, "after_flush", _note_changes)
    event.listen(session, "before_commit", _work_out_changed)
    event.listen(session, "after_rollback", _forget_changes)


def changed(session: Session, case_ids: Iterable[int]) -> None:
    """Cases whose facts a bulk writer changed without the session's records: worked out before the commit."""
    session.info.setdefault(_CHANGED, set()).update(case_ids)


def _note_changes(session: Session, _flush_context: Any) -> None:
    found = session.info.setdefault(_CHANGED, set())
    for records, modified_only in ((session.new, False), (session.dirty, True), (session.deleted, False)):
        for record in records:
            if not isinstance(record, FACTS):
                continue
            if modified_only and not session.is_modified(record, include_collections=False):
                continue
            if isinstance(record, Person):  # a duty's reason names the parents who accepted the offer
                with session.no_autoflush:
                    found.update(case_ids_of(session, record.id))
                continue
            if isinstance(record, Relationship):
                with session.no_autoflush:
                    for person_id in (record.from_person_id, record.to_person_id):
                        found.update(case_ids_of(session, person_id))
                continue
            case_id = case_id_of(session, record)
            if case_id is not None:
                found.add(case_id)


def _work_out_changed(session: Session) -> None:
    session.flush()
    case_ids = session.info.pop(_CHANGED, None)
    if case_ids:
        work_out(session, sorted(case_ids), today=london_today(session.info["clock"]),
                 settings=session.info[_SETTINGS])


def _forget_changes(session: Session) -> None:
    session.info.pop(_CHANGED, None)


def work_out(session: Session, case_ids: Sequence[int], *, today: date, settings: Settings) -> None:
    """Work out again the record of every child of these cases, in the session's transaction.

    On PostgreSQL the cases are locked first, in id order: two coordinators saving to one case at once would
    otherwise each work it out without the other's change, and the later would leave its record behind both.
    The second waits for the first to commit and then reads both changes.
    """
    for start in range(0, len(case_ids), BATCH):
        batch = list(case_ids[start:start + BATCH])
        if session.get_bind().dialect.name == "postgresql":
            session.exec(select(Case.id).where(col(Case.id).in_(batch)).order_by(Case.id).with_for_update()).all()
        _write(session, _records(session, batch, today=today, settings=settings))


def _records(session: Session, case_ids: Sequence[int], *, today: date, settings: Settings) -> list[dict[str, Any]]:
    cases = columns(session, select(Case.id, Case.lbp_date, Case.care_application_date, Case.referral_date)
                    .where(col(Case.id).in_(case_ids)))
    if not cases:
        return []
    found = [case.id for case in cases]
    duties = duty_facts.duties(cases, duty_facts.DutyRead.of(session, found), today=today, settings=settings)
    next_follow_up = _next_follow_ups(session, found)
    reviews = _plan_reviews(session, found)
    return [{"case_child_id": duty.case_child_id, "case_id": case_id, "duty_state": duty.state,
             "duty_reason": duty.reason, "follow_up_due_on": next_follow_up.get(duty.case_child_id),
             "plan_review_on": reviews.get(case_id), "rules": RULES}
            for case_id, children in duties.items() for duty in children]


def current_agreed_plan() -> ColumnElement[bool]:
    """An agreed plan that no later version is based on: the plan the family is working to."""
    newer = aliased(FamilyPlan)
    return and_(FamilyPlan.status == PlanStatus.AGREED,
                ~select(newer.id).where(newer.based_on_id == FamilyPlan.id).exists())


def _plan_reviews(session: Session, case_ids: Sequence[int]) -> dict[int, date]:
    """Each case's earliest review date among its current agreed plans."""
    return dict(session.exec(select(FamilyPlan.case_id, func.min(FamilyPlan.review_date))
                             .where(col(FamilyPlan.case_id).in_(case_ids), current_agreed_plan(),
                                    col(FamilyPlan.review_date).is_not(None))
                             .group_by(FamilyPlan.case_id)).all())


def _next_follow_ups(session: Session, case_ids: Sequence[int]) -> dict[int, date]:
    """Each child's earliest follow-up with no outcome recorded, by the one rule the reports count by."""
    first = first_agreed_plans(session, case_filter=col(FamilyPlan.case_id).in_(case_ids))
    earliest: dict[int, date] = {}
    for points in follow_ups(session, FOLLOW_UP_MONTHS, Period(date.min, date.max), first).values():
        for point in points:
            if point.outcome_id is None and (point.case_child_id not in earliest
                                             or point.due_on < earliest[point.case_child_id]):
                earliest[point.case_child_id] = point.due_on
    return earliest


def _write(session: Session, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(ChildAttention)
    kept = ("case_id", "duty_state", "duty_reason", "follow_up_due_on", "plan_review_on", "rules")
    # On the connection, not the session: the ORM's bulk insert splits the rows by which columns are None.
    session.connection().execute(statement.on_conflict_do_update(
        index_elements=["case_child_id"], set_={name: statement.excluded[name] for name in kept}), rows)


def outdated_cases(session: Session, limit: int | None = None) -> list[int]:
    """Cases with a child worked out by older rules than these, or not yet (after migration 0008): those of
    the first ``limit`` such children.

    Read from the index of rules alone, and made distinct here: asked to group or order them by case, SQLite
    walked all 23,706 children of the large service in case order (3 ms at every start, to find none).
    """
    query = select(ChildAttention.case_id).where(ChildAttention.rules < RULES).limit(limit)
    return sorted(set(session.exec(query).all()))


def bring_up_to_date(engine: Engine, *, clock: Clock, settings: Settings) -> int:
    """Work out every case found outdated, a batch to a commit; how many cases. A start asks once, by index."""
    done = 0
    with Session(engine) as session:
        while found := outdated_cases(session, BATCH):
            work_out(session, found, today=london_today(clock), settings=settings)
            session.commit()
            done += len(found)
    return done


def unmatched(session: Session, *, today: date, settings: Settings) -> list[str]:
    """Where the record differs from the rules worked out afresh, in words (empty when it matches): the tests
    check it after every test that saves anything."""
    stored = {row.case_child_id: row for row in session.exec(select(ChildAttention)).all()}
    case_ids = list(session.exec(select(Case.id).order_by(Case.id)).all())
    fresh = {row["case_child_id"]: row for start in range(0, len(case_ids), BATCH)
             for row in _records(session, case_ids[start:start + BATCH], today=today, settings=settings)}
    problems = [f"child {child_id} has no record" for child_id in sorted(fresh.keys() - stored.keys())]
    problems += [f"record {child_id} has no child" for child_id in sorted(stored.keys() - fresh.keys())]
    for child_id in sorted(fresh.keys() & stored.keys()):
        row, want = stored[child_id], fresh[child_id]
        problems += [f"child {child_id}: {name} is {getattr(row, name)!r}, the rules give {want[name]!r}"
                     for name in ("case_id", "duty_state", "duty_reason", "follow_up_due_on", "plan_review_on",
                                  "rules")
                     if getattr(row, name) != want[name]]
    return problems


__all__ = ["FACTS", "RULES", "attach", "bring_up_to_date", "changed", "current_agreed_plan",
           "outdated_cases", "unmatched", "work_out"]
