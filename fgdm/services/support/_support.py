"""Family network support packages: items requested for a plan, approved, paid or declined, and the budget.

An item moves requested → approved → paid, or to declined with a reason. Approval is normally given
only after an FGDM meeting has identified the need; approving earlier needs the approver's recorded
exception. Items above the configured threshold need a manager.

Totals, per case (see ``SupportTotals``): *requested* is what awaits a decision; *approved* is the whole
value of approved and paid items; *paid* is what has gone out up to today (every payment date of a paid
item that has come); *committed* is what approved and paid recurring items will still pay after today.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import Field, field_validator, model_validator
from sqlalchemy import ColumnElement, and_, bindparam, exists
from sqlmodel import col, func, select

from fgdm.domain import support_money
from fgdm.domain.enums import (
    ContactStatus,
    Frequency,
    MeetingKind,
    MeetingStatus,
    StaffRole,
    SupportStatus,
)
from fgdm.domain.support_categories import CODE_PATTERN, choice_problem, label_of
from fgdm.domain.support_money import ZERO, Quarter, Schedule, commitment
from fgdm.i18n import format_money
from fgdm.models import Case, FamilyPlan, Meeting, NetworkMember, Person, PlanAction, Staff, SupportItem
from fgdm.services import cases
from fgdm.services.shared import access
from fgdm.services.shared.concurrency import check_version
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, SafetyBreach, ValidationFailed
from fgdm.services.shared.inputs import Input, RecordId, parse, read_day
from fgdm.services.shared.lookups import columns, keyed

MAX_AMOUNT = Decimal("100000.00")


class SupportItemInput(Input):
    """A request as typed: the amount is per payment, so a weekly item's start and end decide its value."""

    category: str = Field(pattern=CODE_PATTERN)
    description: str = Field(min_length=1, max_length=2000)
    amount: Decimal = Field(gt=0, le=MAX_AMOUNT)
    frequency: Frequency = Frequency.ONE_OFF
    start_date: date | None = None
    end_date: date | None = None
    recipient_member_id: RecordId | None = None
    plan_action_id: RecordId | None = None

    @field_validator("amount")
    @classmethod
    def _pence(cls, value: Decimal) -> Decimal:
        if value != value.quantize(support_money.PENNY):
            raise ValueError("give pounds and pence only, for example 33.33")
        return value.quantize(support_money.PENNY)

    @model_validator(mode="after")
    def _dates(self) -> SupportItemInput:
        if self.frequency is not Frequency.ONE_OFF:
            if self.start_date is None or self.end_date is None:
                raise ValueError("a weekly or monthly item needs a start date and an end date")
            if self.end_date < self.start_date:
                raise ValueError("the end date is before the start date; check both")
        elif self.end_date is not None and self.start_date is not None and self.end_date != self.start_date:
            raise ValueError("a one-off item has one date: leave the end date empty")
        return self


@dataclass
class SupportItemView:
    item: SupportItem
    category: str
    """The category's label in the council's list."""
    recipient: str
    action: str
    approved_by: str
    total: Decimal


@dataclass
class SupportTotals:
    requested: Decimal
    approved: Decimal
    paid: Decimal
    committed: Decimal
    declined: Decimal


@dataclass
class CaseSupport:
    items: list[SupportItemView]
    totals: SupportTotals


@dataclass
class BudgetLine:
    case_id: int
    reference: str
    approved: Decimal
    paid: Decimal
    requested: Decimal


@dataclass
class CategorySpend:
    category: str
    """The category's label in the council's list."""
    approved: Decimal
    paid: Decimal
    requested: Decimal


@dataclass
class BudgetView:
    quarter: Quarter
    budget: Decimal
    approved: Decimal
    paid: Decimal
    requested: Decimal
    lines: list[BudgetLine]
    categories: list[CategorySpend]

    @property
    def remaining(self) -> Decimal:
        """What is left after everything approved for payment in the quarter."""
        return self.budget - self.approved


def _may_fall_between(first: date, last: date) -> tuple[Any, ...]:
    """Items whose schedule (``schedule_of``) can have a payment between two days, chosen in SQL so the
    budget reads one quarter's items, not ten years' of them; the exact amounts are still worked out in
    Python from each schedule."""
    start = func.coalesce(SupportItem.start_date, SupportItem.paid_on, SupportItem.approved_on,
                          SupportItem.requested_on)
    return start <= last, func.coalesce(SupportItem.end_date, start) >= first


def schedule_of(item: SupportItem) -> Schedule:
    """When an item's money falls: a one-off on its date, or the day it was paid, approved or asked for."""
    start = item.start_date or item.paid_on or item.approved_on or item.requested_on
    return Schedule(item.amount, item.frequency, start, item.end_date)


def categories(ctx: ServiceContext) -> list[tuple[str, str]]:
    """The kinds of support a request may name now, as (code, label), in the council's order."""
    return list(ctx.settings.support_categories.items())


def _check_category(ctx: ServiceContext, values: SupportItemInput, current: str | None = None) -> None:
    """A new request names a category the service offers; an old one may keep a category since retired."""
    if values.category == current:
        return
    problem = choice_problem(ctx.settings.support_categories, values.category)
    if problem:
        raise ValidationFailed.one("category", problem)


def _check_links(ctx: ServiceContext, case_id: int, values: SupportItemInput) -> None:
    if values.recipient_member_id is not None:
        member = ctx.session.get(NetworkMember, values.recipient_member_id)
        if member is None or member.case_id != case_id:
            raise ValidationFailed.one("recipient_member_id", "is not in this case's network; choose someone "
                                       "from the network list")
        if member.not_to_be_told or member.contact_status is ContactStatus.EXCLUDED:
            raise SafetyBreach.one("recipient_member_id", "this person is excluded or not to be told of the "
                                   "meeting, so support cannot be recorded for them in the family's plan")
    if values.plan_action_id is not None:
        action = ctx.session.get(PlanAction, values.plan_action_id)
        plan = ctx.session.get(FamilyPlan, action.plan_id) if action else None
        if plan is None or plan.case_id != case_id:
            raise ValidationFailed.one("plan_action_id", "is not an action of this case's plan; choose one "
                                       "from the plan's actions")


def add_item(ctx: ServiceContext, case_id: int, data: SupportItemInput | dict[str, Any]) -> SupportItem:
    """Record a request for support; it waits for approval."""
    access.case_for_write(ctx, case_id)
    values = parse(SupportItemInput, data)
    _check_category(ctx, values)
    _check_links(ctx, case_id, values)
    with ctx.write() as session:
        item = SupportItem(case_id=case_id, requested_on=ctx.today(), **values.model_dump())
        session.add(item)
    return item


def update_item(ctx: ServiceContext, item_id: int, data: SupportItemInput | dict[str, Any], *,
                expected_version: int | None = None) -> SupportItem:
    """Change a request while it still awaits a decision; decided items keep what was decided."""
    item = _item_for_write(ctx, item_id)
    values = parse(SupportItemInput, data)
    if item.status is not SupportStatus.REQUESTED:
        raise ValidationFailed.one("status", f"this item is {item.status.label.lower()}; only a request "
                                   "awaiting a decision can be changed")
    _check_category(ctx, values, item.category)
    _check_links(ctx, item.case_id, values)
    with ctx.write():
        changes = values.model_dump()
        check_version(item, "Support item", expected_version, changes)
        for name, value in changes.items():
            setattr(item, name, value)
    return item


def _item_for_write(ctx: ServiceContext, item_id: int) -> SupportItem:
    item = ctx.session.get(SupportItem, item_id)
    if item is None:
        raise NotFound(f"there is no support item with id {item_id}")
    access.case_for_write(ctx, item.case_id)
    return item


def need_identified(ctx: ServiceContext, case_id: int) -> bool:
    """Whether an FGDM or review meeting has been held on the case, where the family named its needs."""
    access.case_for_read(ctx, case_id)
    return _need_identified(ctx, case_id)


def _need_identified(ctx: ServiceContext, case_id: int) -> bool:
    return bool(columns(ctx.session, _NEED_IDENTIFIED, {"case_id": case_id}))


def _held_meeting(case_id: Any) -> ColumnElement[bool]:
    """A meeting of the case held as an FGDM meeting or a review: what shows the family's need was identified."""
    return and_(Meeting.case_id == case_id, Meeting.status == MeetingStatus.HELD,
                col(Meeting.kind).in_([MeetingKind.FGDM_MEETING, MeetingKind.REVIEW]))


# Built once, the case a parameter: the Support tab sends these on every opening of a case.
_NEED_IDENTIFIED = select(Meeting.id).where(_held_meeting(bindparam("case_id")))
_ITEMS = (select(SupportItem, Staff.name).outerjoin(Staff, Staff.id == SupportItem.approved_by_id)
          .where(SupportItem.case_id == bindparam("case_id")).order_by(SupportItem.requested_on, SupportItem.id))
"""A case's items with the names of who approved them (read with them: a query of their own cost as much)."""
_CASE_NEED = access.case_columns(exists().where(_held_meeting(Case.id)).label("need_identified"))
"""The case's keys for the access check, with `need_identified` asked in the same query."""


def approve_item(ctx: ServiceContext, item_id: int, *, exception_reason: str = "",
                 expected_version: int | None = None) -> SupportItem:
    """Approve a request; above the threshold only a manager may, and before a meeting only with a reason."""
    item = _item_for_write(ctx, item_id)
    whole, payments = commitment(schedule_of(item))
    limit = ctx.settings.support_approval_threshold
    if whole > limit:
        what = (f"{format_money(whole)} in all ({payments} payments of {format_money(item.amount)})"
                if payments > 1 else format_money(whole))
        access.require_role(ctx, StaffRole.MANAGER, doing=f"approve this item: it commits {what}, above the "
                                                          f"approval threshold of {format_money(limit)}")
    if item.status is not SupportStatus.REQUESTED:
        raise ValidationFailed.one("status", f"this item is {item.status.label.lower()}; only a request can "
                                   "be approved")
    exception_reason = exception_reason.strip()
    if not need_identified(ctx, item.case_id) and not exception_reason:
        raise ValidationFailed.one("exception_reason", "no FGDM meeting has been held on this case yet, so "
                                   "no meeting has identified the need; record why it is approved now")
    with ctx.write():
        check_version(item, "Support item", expected_version, {"status": SupportStatus.APPROVED})
        item.status = SupportStatus.APPROVED
        item.approved_by_id = ctx.actor.staff_id
        item.approved_on = ctx.today()
        item.approval_exception = exception_reason
    return item


def pay_item(ctx: ServiceContext, item_id: int, *, paid_on: date | str | None = None,
             expected_version: int | None = None) -> SupportItem:
    """Record that payment went out (for a recurring item: that the payments have been set up)."""
    item = _item_for_write(ctx, item_id)
    paid_on = read_day(paid_on, "paid_on") or ctx.today()
    if item.status is not SupportStatus.APPROVED:
        raise ValidationFailed.one("status", f"this item is {item.status.label.lower()}; approve it before "
                                   "recording payment")
    if paid_on > ctx.today():
        raise ValidationFailed.one("paid_on", "cannot be in the future: record payment once it is made")
    if item.approved_on is not None and paid_on < item.approved_on:
        raise ValidationFailed.one("paid_on", "is before the item was approved; check the date")
    with ctx.write():
        check_version(item, "Support item", expected_version, {"status": SupportStatus.PAID})
        item.status = SupportStatus.PAID
        item.paid_on = paid_on
    return item


def decline_item(ctx: ServiceContext, item_id: int, *, reason: str,
                 expected_version: int | None = None) -> SupportItem:
    """Decline a request, or an approval not yet paid; the reason is what the family will be told."""
    item = _item_for_write(ctx, item_id)
    if not reason.strip():
        raise ValidationFailed.one("declined_reason", "say why the item is declined, so the family can be told")
    if item.status not in (SupportStatus.REQUESTED, SupportStatus.APPROVED):
        raise ValidationFailed.one("status", f"this item is {item.status.label.lower()}; it can no longer be "
                                   "declined")
    with ctx.write():
        check_version(item, "Support item", expected_version, {"status": SupportStatus.DECLINED})
        item.status = SupportStatus.DECLINED
        item.declined_reason = reason.strip()
    return item


def list_items(ctx: ServiceContext, case_id: int) -> list[SupportItemView]:
    """A case's items in the order they were asked for, with names resolved for screens and the plan."""
    access.case_for_read(ctx, case_id)
    return _item_views(ctx, case_id)


def _item_views(ctx: ServiceContext, case_id: int, *, names: dict[int, str] | None = None,
                actions: dict[int, str] | None = None) -> list[SupportItemView]:
    """`list_items` of a case already checked; recipients' names and actions' wording found in `names` and
    `actions` (already read by the caller) are not read again."""
    session = ctx.session
    rows = session.exec(_ITEMS, params={"case_id": case_id}).all()
    items = [item for item, _approver in rows]
    recipients = _known(names, {item.recipient_member_id for item in items}, lambda wanted: {
        member_id: person.full_name for member_id, person in keyed(
            session, select(NetworkMember.id, Person).join(Person, Person.id == NetworkMember.person_id),
            NetworkMember.id, wanted).items()})
    served = _known(actions, {item.plan_action_id for item in items}, lambda wanted: keyed(
        session, select(PlanAction.id, PlanAction.what), PlanAction.id, wanted))
    labels = ctx.settings.support_categories
    views = []
    for item, approver in rows:
        approved_by = approver or ("Local user" if item.approved_on else "")
        views.append(SupportItemView(item=item, category=label_of(labels, item.category),
                                     recipient=recipients.get(item.recipient_member_id, ""),
                                     action=served.get(item.plan_action_id, ""), approved_by=approved_by,
                                     total=support_money.total_value(schedule_of(item))))
    return views


def _known(known: dict[int, str] | None, wanted: set[int | None],
           read: Callable[[set[int | None]], dict[int, str]]) -> dict[int, str]:
    """The texts of the wanted ids: from `known` where it has them, the rest through `read` (one query)."""
    found = {key: known[key] for key in wanted if key in known} if known else {}
    missing = wanted - found.keys() - {None}
    if missing:
        found.update(read(missing))
    return found


def totals_of(items: list[SupportItem], today: date) -> SupportTotals:
    """The four case totals (see the module docstring), from items already read."""
    def value(statuses: tuple[SupportStatus, ...]) -> Decimal:
        return support_money.add_up(support_money.total_value(schedule_of(i)) for i in items
                                    if i.status in statuses)

    decided = [i for i in items if i.status in (SupportStatus.APPROVED, SupportStatus.PAID)]
    return SupportTotals(
        requested=value((SupportStatus.REQUESTED,)),
        approved=value((SupportStatus.APPROVED, SupportStatus.PAID)),
        paid=support_money.add_up(support_money.value_up_to(schedule_of(i), today) for i in items
                                  if i.status is SupportStatus.PAID),
        committed=support_money.add_up(support_money.value_after(schedule_of(i), today) for i in decided
                                       if i.frequency is not Frequency.ONE_OFF),
        declined=value((SupportStatus.DECLINED,)),
    )


def case_support(ctx: ServiceContext, case_id: int) -> CaseSupport:
    """A case's items and its totals as of today (see the module docstring), from one read of the items."""
    items = list_items(ctx, case_id)
    return CaseSupport(items=items, totals=totals_of([view.item for view in items], ctx.today()))


@dataclass
class SupportWithChoices(CaseSupport):
    """`case_support` with what the Support tab's form offers and whether the need was identified."""

    members: list[tuple[int, str]]
    """(id, name) of who may receive support, as `plans.nameable_members`."""
    actions: list[tuple[int, str]]
    """(id, what) of the latest plan version's actions, as `plans.latest_actions`."""
    need_identified: bool
    """As `need_identified`."""


def case_support_with_choices(ctx: ServiceContext, case_id: int) -> SupportWithChoices:
    """What `case_support`, `plans.nameable_members`, `plans.latest_actions` and `need_identified` give the
    Support tab, with the case checked once: the network read once (as columns) names both the recipients
    and the choices, and the latest actions word the items serving them (six queries rather than eleven)."""
    case = access.check_read(ctx, case_id, _CASE_NEED)
    network = cases.network_names(ctx.session, case_id)
    actions = cases.latest_actions(ctx.session, case_id)
    items = _item_views(ctx, case_id, names=network.names, actions=dict(actions))
    return SupportWithChoices(items=items, totals=totals_of([view.item for view in items], ctx.today()),
                              members=network.nameable, actions=actions,
                              need_identified=bool(case.need_identified))


def budget_view(ctx: ServiceContext, quarter: Quarter | str) -> BudgetView:
    """Every case's support falling in one financial quarter, against the quarter's budget.

    Money counts in the quarter its payment dates fall in, so a weekly item running over New Year is
    split between the third and fourth quarters. *paid* counts paid items' payments in the quarter.
    """
    access.require_role(ctx, StaffRole.MANAGER, StaffRole.ADMINISTRATOR, doing="see the service-wide budget")
    if isinstance(quarter, str):
        try:
            quarter = Quarter.parse(quarter)
        except ValueError as error:
            raise ValidationFailed.one("quarter", str(error)) from None
    first, last = quarter.first_day, quarter.last_day
    rows = ctx.session.exec(select(SupportItem, Case.reference).join(Case, Case.id == SupportItem.case_id)
                            .where(SupportItem.status != SupportStatus.DECLINED, *_may_fall_between(first, last))
                            .order_by(Case.reference, SupportItem.id)).all()
    lines: dict[int, BudgetLine] = {}
    kinds: dict[str, CategorySpend] = {code: CategorySpend(label, ZERO, ZERO, ZERO)
                                       for code, label in ctx.settings.support_categories.items()}
    for item, reference in rows:
        amount = support_money.value_between(schedule_of(item), first, last)
        if not amount:
            continue
        line = lines.setdefault(item.case_id, BudgetLine(item.case_id, reference, ZERO, ZERO, ZERO))
        kind = kinds.setdefault(item.category, CategorySpend(label_of(ctx.settings.support_categories,
                                                                      item.category), ZERO, ZERO, ZERO))
        for spend in (line, kind):
            if item.status is SupportStatus.REQUESTED:
                spend.requested += amount
            else:
                spend.approved += amount
            if item.status is SupportStatus.PAID:
                spend.paid += amount
    found = list(lines.values())
    return BudgetView(quarter=quarter, budget=ctx.settings.support_budget(quarter),
                      approved=support_money.add_up(line.approved for line in found),
                      paid=support_money.add_up(line.paid for line in found),
                      requested=support_money.add_up(line.requested for line in found), lines=found,
                      categories=[kind for kind in kinds.values() if kind.approved or kind.requested])


__all__ = ["BudgetLine", "BudgetView", "CaseSupport", "CategorySpend", "SupportItemInput", "SupportItemView",
           "SupportTotals", "SupportWithChoices", "add_item", "approve_item", "budget_view", "case_support",
           "case_support_with_choices", "categories", "decline_item",
           "list_items", "need_identified", "pay_item", "schedule_of", "totals_of", "update_item"]
