"""Where each child lives 3, 6 and 12 months after the first agreed plan: recording it, and what is due.

The follow-up points come from the same rule the quarterly return counts them by
(``fgdm.reports.rules.follow_ups``), so the home screen prompts for exactly what the return will miss.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import Field
from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import col, select

from fgdm.domain.enums import LivingArrangement
from fgdm.models import Case, CaseChild, ChildOutcome, FamilyPlan, Person, person_name
from fgdm.reports.periods import Period, add_months
from fgdm.reports.rules import (
    FOLLOW_UP_MONTHS,
    agreed_window,
    among,
    first_agreed_by_case,
    first_agreed_plans,
    follow_ups,
)
from fgdm.services import access
from fgdm.services.concurrency import check_version
from fgdm.services.context import ServiceContext
from fgdm.services.errors import NotFound, ValidationFailed
from fgdm.services.inputs import Input, RecordId, parse


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


def _lacking(months: int, case_id: ColumnElement[int]) -> ColumnElement[bool]:
    """The case has a child whose ``months`` follow-up is not recorded. Most cases have theirs recorded or no
    agreed plan: leaving them out spares reading every child of ten years of cases (home asks on every start)."""
    recorded = select(ChildOutcome.id).where(ChildOutcome.case_child_id == CaseChild.id,
                                             ChildOutcome.months_after == months)
    return select(CaseChild.id).where(CaseChild.case_id == case_id, ~recorded.exists()).exists()


def due_follow_ups(ctx: ServiceContext, *, within_days: int = 0) -> list[FollowUpDue]:
    """Follow-ups not yet recorded that fall due by ``within_days`` from today, in cases the actor may open."""
    access.require_coordinator(ctx, doing="see which follow-ups are due")
    today = ctx.today()
    # Each plan's case looked up by its key, after the few cases lacking a follow-up are found: reading every
    # case for the erased and visible ones took a third of the time.
    horizon = Period(date.min, today + timedelta(days=within_days))
    # One read for the three points: each case's first agreed day, kept where the case lacks a point that can
    # be due by then. Asked of each case once (not of each of its agreed plans, twice the work) and with the
    # first agreed day read from the index of agreed plans by case.
    first_agreed = first_agreed_by_case()
    case_id, agreed_on = first_agreed.c.case_id, first_agreed.c.first_agreed
    visible = select(Case.id).where(Case.id == case_id, access.visible_case_filter(ctx),
                                    col(Case.erased_at).is_(None)).exists()
    missing = or_(*(and_(agreed_on <= agreed_window(months, horizon)[1], _lacking(months, case_id))
                    for months in FOLLOW_UP_MONTHS))
    first = dict(ctx.session.exec(select(case_id, agreed_on).where(missing, visible)).all())
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
    return sorted(due, key=lambda item: (item.due_on, item.reference, item.child_name, item.months))


__all__ = ["FOLLOW_UP_MONTHS", "FollowUpDue", "OutcomeInput", "due_follow_ups", "outcomes_of", "record_outcome"]
