"""Where each child lives 3, 6 and 12 months after the first agreed plan: recording it, and what is due.

The follow-up points come from the same rule the quarterly return counts them by
(``fgdm.store.follow_ups.follow_ups``), so the home screen prompts for exactly what the return will miss.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import Field
from sqlmodel import col, select

from fgdm.domain.enums import LivingArrangement
from fgdm.domain.periods import Period, add_months
from fgdm.models import Case, CaseChild, ChildAttention, ChildOutcome, FamilyPlan, Person, person_name
from fgdm.services.shared import access
from fgdm.services.shared.concurrency import check_version
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, ValidationFailed
from fgdm.services.shared.inputs import Input, RecordId, parse
from fgdm.store.follow_ups import (
    FOLLOW_UP_MONTHS,
    among,
    first_agreed_plans,
    follow_ups,
)


class OutcomeInput(Input):
    case_child_id: RecordId
    months_after: Literal[3, 6, 12]
    living: LivingArrangement
    recorded_on: date | None = None
    note: str = Field(default="", max_length=2000)


@dataclass(frozen=True)
class FollowUpDue:
    """A follow-up the coordinator should record: whose, which, and since when."""

    case_id: int
    reference: str
    case_child_id: int
    child_name: str
    months: int
    due_on: date
    days_overdue: int


def record_outcome(ctx: ServiceContext, data: OutcomeInput | dict[str, Any], *,
                   expected_version: int | None = None) -> ChildOutcome:
    """Record (or correct) where a child lives at one follow-up point."""
    values = parse(OutcomeInput, data)
    recorded_on = values.recorded_on or ctx.today()
    if recorded_on > ctx.today():
        raise ValidationFailed.one("recorded_on", "cannot be in the future: record where the child lives now")
    with ctx.write() as session:
        child = session.get(CaseChild, values.case_child_id)
        if child is None:
            raise NotFound(f"there is no child with id {values.case_child_id} on any case")
        case = access.case_for_write(ctx, child.case_id)
        first = first_agreed_plans(session, case_filter=col(FamilyPlan.case_id) == case.id).get(case.id)
        if first is None:
            raise ValidationFailed.one("months_after", f"case {case.reference} has no agreed plan yet: follow-ups "
                                                       "count from the first agreed plan")
        due = add_months(first, values.months_after)
        if recorded_on < due - timedelta(days=14):
            raise ValidationFailed.one("recorded_on", f"the {values.months_after}-month follow-up is due on "
                                                      f"{due.isoformat()}; record it from two weeks before then")
        outcome = session.exec(select(ChildOutcome).where(ChildOutcome.case_child_id == child.id,
                                                          ChildOutcome.months_after == values.months_after)).first()
        if outcome is None:
            outcome = ChildOutcome(case_child_id=child.id, months_after=values.months_after, recorded_on=recorded_on,
                                   living=values.living, note=values.note.strip())
        else:
            check_version(outcome, f"The {values.months_after}-month follow-up", expected_version,
                            {"living": values.living})
            outcome.living, outcome.recorded_on, outcome.note = values.living, recorded_on, values.note.strip()
        session.add(outcome)
    return outcome


def outcomes_of(ctx: ServiceContext, case_id: int) -> list[ChildOutcome]:
    access.case_for_read(ctx, case_id)
    query = (select(ChildOutcome).join(CaseChild, col(CaseChild.id) == ChildOutcome.case_child_id)
             .where(CaseChild.case_id == case_id).order_by(CaseChild.position, ChildOutcome.months_after))
    return list(ctx.session.exec(query).all())


def _children_due(ctx: ServiceContext, column: Any, by: date, coordinator_id: int | None) -> Any:
    """``column`` of each child with a follow-up due by ``by``, in a live case the actor may open (and the
    coordinator named coordinates, if one is).

    The case is asked after, not joined: joined, SQLite without statistics of the new table read every case
    and sorted their children, where from the index of days due the first few come in order.
    """
    conditions = [Case.id == ChildAttention.case_id, access.visible_case_filter(ctx), col(Case.erased_at).is_(None)]
    if coordinator_id is not None:
        conditions.append(Case.coordinator_id == coordinator_id)
    return select(column).where(col(ChildAttention.follow_up_due_on) <= by, select(Case.id).where(*conditions).exists())


def _due_by(ctx: ServiceContext, last_day: date, limit: int | None, coordinator_id: int | None) -> date:
    """The day by which the first ``limit`` follow-ups due fall: each child's earliest is one of them, so no
    follow-up after the ``limit``-th child's earliest can be among them."""
    if limit is None:
        return last_day
    found = ctx.session.exec(_children_due(ctx, ChildAttention.follow_up_due_on, last_day, coordinator_id)
                             .order_by(ChildAttention.follow_up_due_on).limit(limit)).all()
    return found[-1] if len(found) == limit else last_day


def due_follow_ups(ctx: ServiceContext, *, within_days: int = 0, limit: int | None = None,
                   coordinator_id: int | None = None) -> list[FollowUpDue]:
    """Follow-ups not yet recorded that fall due by ``within_days`` from today, in cases the actor may open
    (those ``coordinator_id`` coordinates, if given, open or closed), earliest first; the first ``limit`` of
    them if given.

    The cases are found from each child's next follow-up due, kept in the record of what needs attention, and
    their follow-ups worked out by the rule the quarterly return counts by. Ten years of cases were once read
    for the few with a follow-up missing: 15 ms on SQLite, 32 on PostgreSQL, at every start of the workbench.
    """
    access.require_coordinator(ctx, doing="see which follow-ups are due")
    today = ctx.today()
    horizon = Period(date.min, today + timedelta(days=within_days))
    cases = _children_due(ctx, ChildAttention.case_id, _due_by(ctx, horizon.end, limit, coordinator_id),
                          coordinator_id)
    first = first_agreed_plans(ctx.session, case_filter=col(FamilyPlan.case_id).in_(cases.scalar_subquery()))
    points = [point for found in follow_ups(ctx.session, FOLLOW_UP_MONTHS, horizon, first).values()
              for point in found if point.outcome_id is None]
    if not points:
        return []
    child_ids = sorted({point.case_child_id for point in points})
    names = {child_id: (person_name(given, family), reference)
             for child_id, given, family, reference in ctx.session.exec(
                 select(CaseChild.id, Person.given_name, Person.family_name, Case.reference)
                 .join(Person, col(Person.id) == CaseChild.person_id).join(Case, col(Case.id) == CaseChild.case_id)
                 .where(among(ctx.session, CaseChild.id, child_ids)))}
    due = [FollowUpDue(case_id=point.case_id, reference=names[point.case_child_id][1],
                       case_child_id=point.case_child_id, child_name=names[point.case_child_id][0],
                       months=point.months, due_on=point.due_on, days_overdue=max((today - point.due_on).days, 0))
           for point in points]
    due.sort(key=lambda item: (item.due_on, item.reference, item.child_name, item.months))
    return due if limit is None else due[:limit]


__all__ = ["FOLLOW_UP_MONTHS", "FollowUpDue", "OutcomeInput", "due_follow_ups", "outcomes_of", "record_outcome"]
