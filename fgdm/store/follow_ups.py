"""Reading the records the way both home and the quarterly return need: ids as each back end takes them best,
rows through Core, and each child's 3-, 6- and 12-month follow-ups after the first agreed plan.

The follow-up rule is one implementation for all its readers: the return counts the follow-ups recorded by it
(`fgdm.reports.rules`), home prompts for those due by it (`fgdm.services.follow_ups`), and the record of what
needs attention keeps each child's next one by it, so home asks for exactly what the return would miss. It
lives here, beneath them all, so that home reads it without importing the reporting machinery.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ARRAY, Integer, and_, any_, bindparam, func, literal, select, union_all
from sqlmodel import Session

from fgdm.domain.enums import LivingArrangement, PlanStatus
from fgdm.domain.periods import Period, add_months
from fgdm.models import CaseChild, ChildOutcome, FamilyPlan


def fetch(session: Session, query: Any) -> list[Any]:
    """Rows of a column query through Core: the ORM's per-row bookkeeping is the slow part on large services."""
    return list(session.connection().execute(query).all())


def among(session: Session, column: Any, ids: Iterable[int]) -> Any:
    """``column`` is one of ``ids``, in the form each back end reads fastest.

    PostgreSQL takes the list as one array parameter (``= ANY``): written into the statement as numbers,
    SQLAlchemy rendered each id in Python and the server parsed them (about 3,500 a return, 10 ms of it).
    SQLite takes ``IN (...)`` with the ids written as numbers: as placeholders, each costs a binding."""
    values = [int(value) for value in ids]
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam("ids", values, type_=ARRAY(Integer), unique=True))
    return column.in_(bindparam("ids", values, expanding=True, literal_execute=True, unique=True))


def first_agreed_plans(session: Session, *, agreed_by: date | None = None, agreed_from: date | None = None,
                       case_filter: Any = None) -> dict[int, date]:
    """Each case's first agreed plan date: the start of its 3-, 6- and 12-month follow-ups."""
    first = func.min(FamilyPlan.decision_on)
    query = (select(FamilyPlan.case_id, first)
             .where(FamilyPlan.status == PlanStatus.AGREED, FamilyPlan.decision_on.is_not(None))
             .group_by(FamilyPlan.case_id))
    if agreed_by is not None:
        query = query.having(first <= agreed_by)
    if agreed_from is not None:
        query = query.having(first >= agreed_from)
    if case_filter is not None:
        query = query.where(case_filter)
    return {case_id: day for case_id, day in fetch(session, query)}


FOLLOW_UP_MONTHS = (3, 6, 12)
"""The follow-ups home prompts for: where each child lives this many months after the first agreed plan."""


class FollowUp(NamedTuple):
    """A child's follow-up point: when it falls, and what was recorded if anything. A named tuple: a quarter
    has some 2,500 and a frozen dataclass is made in three times the time."""

    case_id: int
    case_child_id: int
    months: int
    due_on: date
    plan_agreed_on: date
    outcome_id: int | None
    living: LivingArrangement | None


def follow_ups(session: Session, months: Sequence[int], period: Period,
               first_agreed: Mapping[int, date]) -> dict[int, list[FollowUp]]:
    """Every child's follow-ups at each of ``months`` falling in the period, with the outcome recorded if any,
    read in one statement. ``first_agreed`` is each case's first agreed plan, of the cases the caller chose,
    including every case first agreed in the days these follow-ups can start from (`agreed_window`)."""
    return _read_follow_ups(session, {each: _due(first_agreed, each, period) for each in months}, first_agreed)


def agreed_window(months: int, period: Period) -> tuple[date | None, date]:
    """The days a first agreed plan can be on for its ``months`` follow-up to fall in the period, a few days
    wider each side than a month's length can shift it; no start for a period since records began."""
    earliest = None if period.start == date.min else add_months(period.start, -months) - timedelta(days=3)
    return earliest, add_months(period.end, -months) + timedelta(days=3)


def _due(first_agreed: Mapping[int, date], months: int, period: Period) -> dict[int, date]:
    """The cases whose ``months`` follow-up falls in the period, with its day."""
    earliest, latest = agreed_window(months, period)
    due = {case_id: add_months(day, months) for case_id, day in first_agreed.items()
           if day <= latest and (earliest is None or day >= earliest)}
    return {case_id: day for case_id, day in due.items() if period.contains(day)}


def _read_follow_ups(session: Session, due: Mapping[int, Mapping[int, date]],
                     first_agreed: Mapping[int, date]) -> dict[int, list[FollowUp]]:
    """The follow-ups due (each case's day, by months after the first agreed plan) with any outcome recorded:
    each point's children and outcomes, in one statement whatever the number of points. A point's own part
    joins only its outcomes: joining all three points' would read a case's earlier outcomes with each child."""
    found: dict[int, list[FollowUp]] = {months: [] for months in due}
    parts = [select(CaseChild.id, CaseChild.case_id, ChildOutcome.id, literal(months).label("months"),
                    ChildOutcome.living)
             .outerjoin(ChildOutcome, and_(ChildOutcome.case_child_id == CaseChild.id,
                                           ChildOutcome.months_after == months))
             .where(among(session, CaseChild.case_id, days))
             for months, days in due.items() if days]
    if not parts:
        return found
    query = parts[0] if len(parts) == 1 else union_all(*parts)
    for child_id, case_id, outcome_id, months, living in fetch(session, query):
        found[months].append(FollowUp(case_id, child_id, months, due[months][case_id], first_agreed[case_id],
                                      outcome_id, living))
    return found

__all__ = ["FOLLOW_UP_MONTHS", "FollowUp", "agreed_window", "among", "fetch", "first_agreed_plans", "follow_ups"]
