"""My week: what the coordinator has on in one week (Monday to Sunday) across their cases, day by day.

Meetings and visits come from the diary, follow-ups from the dates set on the case's notes (and the children's
3, 6 and 12-month follow-ups), tasks from the plans' actions due that week and the offers whose answer falls due.
It is read only when asked for (a key on home, the palette), never with home's own read at start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement
from sqlmodel import col, select

from fgdm.domain.duty import add_working_days
from fgdm.domain.enums import ActionStatus, MeetingKind, MeetingStatus, OfferResponse
from fgdm.i18n import format_day_short, format_time_of_day
from fgdm.models import Case, CaseNote, FamilyPlan, FgdmOffer, Meeting, NetworkMember, Person, PlanAction, person_name
from fgdm.services import follow_ups
from fgdm.services.home._lists import _allocated_to, _has_allocation, _my_cases, _names_for
from fgdm.services.home._view import PER_KIND, CaseLine, Row, lines_of
from fgdm.services.shared import attention
from fgdm.services.shared.clock import london_datetime, to_london
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.lookups import columns

VISITS = (MeetingKind.PREPARATION_VISIT, MeetingKind.SEPARATE_SESSION)
"""Kinds of meeting that are the coordinator's visits rather than meetings with the network."""

Dated = tuple[date, Row]
"""A line of the week with the day it falls on, to put follow-ups and tasks of two kinds in one order."""


@dataclass(frozen=True)
class WeekSection:
    title: str
    lines: list[CaseLine]


@dataclass(frozen=True)
class WeekView:
    first_day: date
    last_day: date
    sections: list[WeekSection]
    scope: str


def week_of(day: date) -> tuple[date, date]:
    """The Monday and the Sunday of the week `day` is in."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _when(day: date) -> str:
    return f"{day:%a} {format_day_short(day)}"


def _meetings(ctx: ServiceContext, mine: ColumnElement[bool], first: date, last: date, *, visits: bool) -> list[Dated]:
    start, end = (london_datetime(first, datetime.min.time()),
                  london_datetime(last + timedelta(days=1), datetime.min.time()))
    kinds = col(Meeting.kind).in_(VISITS)
    found = columns(ctx.session,
        select(Meeting.case_id, Case.reference, Meeting.starts_at, Meeting.kind, Meeting.status)
        .join(Case, Case.id == Meeting.case_id)
        .where(mine, Meeting.status != MeetingStatus.CANCELLED, col(Meeting.starts_at) >= start,
               col(Meeting.starts_at) < end, kinds if visits else ~kinds)
        .order_by(Meeting.starts_at).limit(PER_KIND))
    rows = []
    for case_id, reference, starts, kind, status in found:
        held = "" if status is MeetingStatus.PLANNED else f" ({status.label.lower()})"
        day = to_london(starts).date()
        rows.append((day, (case_id, reference, f"{_when(day)} {format_time_of_day(starts)} · {kind.label}{held}")))
    return rows


def _note_follow_ups(ctx: ServiceContext, mine: ColumnElement[bool], first: date, last: date) -> list[Dated]:
    found = columns(ctx.session,
        select(CaseNote.case_id, Case.reference, CaseNote.follow_up_on, CaseNote.who, CaseNote.method)
        .join(Case, Case.id == CaseNote.case_id)
        .where(mine, col(CaseNote.follow_up_on) >= first, col(CaseNote.follow_up_on) <= last)
        .order_by(CaseNote.follow_up_on, CaseNote.id).limit(PER_KIND))
    return [(day, (case_id, reference, f"{_when(day)} · follow up {method.label.lower()} with {who}"))
            for case_id, reference, day, who, method in found]


def _child_follow_ups(ctx: ServiceContext, allocated: bool, first: date, last: date) -> list[Dated]:
    days = (last - ctx.today()).days
    if days < 0:
        return []
    due = follow_ups.due_follow_ups(ctx, within_days=days, limit=PER_KIND,
                                    coordinator_id=_allocated_to(ctx, allocated))
    return [(max(item.due_on, first), (item.case_id, item.reference,
             f"{_when(item.due_on)} · {item.child_name}: {item.months}-month follow-up"))
            for item in due if item.due_on <= last]


def _actions_due(ctx: ServiceContext, mine: ColumnElement[bool], first: date, last: date) -> list[Dated]:
    found = columns(ctx.session,
        select(FamilyPlan.case_id, Case.reference, PlanAction.by_when, PlanAction.what)
        .join(FamilyPlan, FamilyPlan.id == PlanAction.plan_id).join(Case, Case.id == FamilyPlan.case_id)
        .where(mine, attention.current_agreed_plan(), col(PlanAction.by_when) >= first,
               col(PlanAction.by_when) <= last, PlanAction.status != ActionStatus.DONE)
        .order_by(PlanAction.by_when, PlanAction.id).limit(PER_KIND))
    return [(day, (case_id, reference, f"{_when(day)} · plan action due: {what[:60]}"))
            for case_id, reference, day, what in found]


def _offers_due(ctx: ServiceContext, mine: ColumnElement[bool], first: date, last: date) -> list[Dated]:
    days = ctx.settings.offer_response_working_days
    found = columns(ctx.session,
        select(FgdmOffer.case_id, Case.reference, FgdmOffer.offered_on, Person.given_name, Person.family_name)
        .join(Case, Case.id == FgdmOffer.case_id)
        .join(NetworkMember, NetworkMember.id == FgdmOffer.network_member_id)
        .join(Person, Person.id == NetworkMember.person_id)
        .where(mine, FgdmOffer.response == OfferResponse.PENDING, col(FgdmOffer.offered_on).is_not(None),
               col(FgdmOffer.offered_on) <= last)
        .order_by(FgdmOffer.offered_on).limit(PER_KIND))
    rows = []
    for case_id, reference, offered, given, family in found:
        due = add_working_days(offered, days)
        if due <= last:
            late = " (overdue)" if due < first else ""
            rows.append((max(due, first), (case_id, reference, f"{_when(due)} · answer to the offer to "
                                                               f"{person_name(given, family)} due{late}")))
    return rows


def my_week(ctx: ServiceContext, day: date | None = None) -> WeekView:
    """The week of `day` (this week by default) in my cases: meetings, visits, follow-ups due and tasks."""
    first, last = week_of(day or ctx.today())
    allocated = _has_allocation(ctx)
    mine = _my_cases(ctx, allocated)
    found = [("Meetings", _meetings(ctx, mine, first, last, visits=False)),
             ("Visits", _meetings(ctx, mine, first, last, visits=True)),
             ("Follow-ups due", _note_follow_ups(ctx, mine, first, last)
              + _child_follow_ups(ctx, allocated, first, last)),
             ("Tasks", _actions_due(ctx, mine, first, last) + _offers_due(ctx, mine, first, last))]
    in_order = [(title, [row for _, row in sorted(dated, key=lambda item: item[0])]) for title, dated in found]
    names = _names_for(ctx, *(rows for _, rows in in_order))
    return WeekView(first_day=first, last_day=last,
                    sections=[WeekSection(title, lines_of(rows, names)) for title, rows in in_order],
                    scope="cases allocated to you" if allocated else "all open cases")


__all__ = ["WeekSection", "WeekView", "my_week", "week_of"]
