"""The home screen's questions: which of my cases are at which stage, what is coming up, what needs action.

"My cases" are the open cases allocated to the current coordinator; the owner of a single-user database
and anyone without an allocation of their own (a manager) see every open case they may open. Each list is
capped so the home screen stays quick on a large service; the counts say when there are more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Select, and_, func, true
from sqlmodel import col, select

from fgdm.domain import lifecycle
from fgdm.domain.duty import DutyState, add_working_days
from fgdm.domain.enums import (
    CaseStatus,
    MeetingKind,
    MeetingStatus,
    OfferResponse,
    StaffRole,
    SupportStatus,
)
from fgdm.domain.support_categories import label_of
from fgdm.i18n import format_day, format_day_short, format_instant, format_money
from fgdm.models import (
    Case,
    CaseChild,
    ChildAttention,
    FamilyPlan,
    FgdmOffer,
    Meeting,
    NetworkMember,
    Person,
    SupportItem,
    person_name,
)
from fgdm.services import follow_ups, meetings
from fgdm.services.home._view import (
    ALLOCATED_SCOPE,
    EVERY_CASE_SCOPE,
    PER_KIND,
    PER_STAGE,
    UPCOMING_DAYS,
    ActionItem,
    CaseLine,
    HomeView,
    Row,
    StageGroup,
    StageLines,
    groups,
    lines_of,
)
from fgdm.services.shared import access, attention
from fgdm.services.shared.clock import london_datetime
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.lookups import columns
from fgdm.store.follow_ups import among


def _has_allocation(ctx: ServiceContext) -> bool:
    """Whether the actor coordinates any case: asked once per read of home, whose lists all depend on it."""
    return ctx.actor.staff_id is not None and bool(columns(ctx.session,
        select(Case.id).where(Case.coordinator_id == ctx.actor.staff_id).limit(1)))


def _allocated_to(ctx: ServiceContext, allocated: bool) -> int | None:
    """The coordinator whose cases are "my cases", or None where they are every case the actor may open."""
    if ctx.actor.staff_id is None or (not allocated and ctx.actor.sees_every_case):
        return None
    return ctx.actor.staff_id


def _my_cases(ctx: ServiceContext, allocated: bool, *, stage: CaseStatus | None = None) -> ColumnElement[bool]:
    """The case filter for "my cases": allocated to me, or everything I may open if nothing is allocated; open
    ones, or those at one open ``stage`` (said once: PostgreSQL, told "not closed" and "preparing" both, thought
    half as many cases were preparing and walked every case in reference order to find them)."""
    visible = and_(access.visible_case_filter(ctx), col(Case.erased_at).is_(None),
                   Case.status != CaseStatus.CLOSED if stage is None else Case.status == stage)
    coordinator_id = _allocated_to(ctx, allocated)
    return visible if coordinator_id is None else and_(visible, Case.coordinator_id == coordinator_id)


def _mine(ctx: ServiceContext) -> ColumnElement[bool]:
    return _my_cases(ctx, _has_allocation(ctx))


def _children_names(ctx: ServiceContext, case_ids: Sequence[int]) -> dict[int, str]:
    names: dict[int, list[str]] = {}
    if not case_ids:
        return {}
    rows = columns(ctx.session,
        select(CaseChild.case_id, Person.given_name, Person.family_name)
        .join(Person, Person.id == CaseChild.person_id)
        .where(among(ctx.session, CaseChild.case_id, set(case_ids))).order_by(CaseChild.position, CaseChild.id))
    for case_id, given, family in rows:
        names.setdefault(case_id, []).append(person_name(given, family))
    return {case_id: ", ".join(found) for case_id, found in names.items()}


Actions = list[tuple[str, str, list[Row]]]
"""Each kind of action's rows: (kind, title, rows)."""


def _names_for(ctx: ServiceContext, *row_lists: Sequence[Row]) -> dict[int, str]:
    """The children's names of every row's case, in one query for all the panels (not one per panel)."""
    return _children_names(ctx, [case_id for rows in row_lists for case_id, _, _ in rows])


def _stage(ctx: ServiceContext, allocated: bool, status: CaseStatus, limit: int) -> list[Row]:
    found = columns(ctx.session, select(Case.id, Case.reference, Case.status_changed_on)
                    .where(_my_cases(ctx, allocated, stage=status)).order_by(Case.reference).limit(limit))
    return [(case_id, reference, f"since {format_day_short(day)}" if day else "") for case_id, reference, day in found]


def _stage_rows(ctx: ServiceContext, allocated: bool,
                lines: StageLines = StageLines()) -> list[tuple[CaseStatus, int, list[Row]]]:
    totals = dict(columns(ctx.session, select(Case.status, func.count()).where(_my_cases(ctx, allocated))
                          .group_by(Case.status)))
    return [(status, totals.get(status, 0), _stage(ctx, allocated, status, lines.of(status)))
            for status in lifecycle.STAGES[:-1]]


def cases_by_stage(ctx: ServiceContext) -> list[StageGroup]:
    stages = _stage_rows(ctx, _has_allocation(ctx))
    return groups(stages, _names_for(ctx, *(rows for _, _, rows in stages)))


def stage_cases(ctx: ServiceContext, status: CaseStatus | str) -> list[CaseLine]:
    """A stage's lines read whole (its first `PER_STAGE` cases), for the workbench's line that shows the rest."""
    rows = _stage(ctx, _has_allocation(ctx), CaseStatus(status), PER_STAGE)
    return lines_of(rows, _names_for(ctx, rows))


def _upcoming_rows(ctx: ServiceContext, mine: ColumnElement[bool], days: int = UPCOMING_DAYS) -> list[Row]:
    last = london_datetime(ctx.today() + timedelta(days=days + 1), datetime.min.time())
    reminders = meetings.upcoming_with_gaps(ctx, until=last, case_filter=mine, limit=PER_KIND)
    rows = []
    for reminder in reminders:
        missing = f" · still to arrange: {', '.join(reminder.gaps)}" if reminder.gaps else ""
        rows.append((reminder.case_id, reminder.case_reference,
                     f"{format_instant(reminder.starts_at)} · {reminder.kind.label}{missing}"))
    return rows


def upcoming_meetings(ctx: ServiceContext, days: int = UPCOMING_DAYS) -> list[CaseLine]:
    """Planned meetings in my cases to the end of the fortnight, each with what is still to arrange.

    SQL keeps my cases' first 50: a whole service has thousands of meetings in a fortnight.
    """
    rows = _upcoming_rows(ctx, _mine(ctx), days)
    return lines_of(rows, _names_for(ctx, rows))


def _follow_ups_due(ctx: ServiceContext, allocated: bool) -> list[Row]:
    """Where each child lives 3, 6 and 12 months after the first agreed plan: prompts once due, in my cases
    whether or not they have closed since (a case often closes before its last follow-up). A referrer, who
    records no follow-ups, has none: asking the service for them refused a referrer's whole home."""
    if ctx.actor.role is StaffRole.REFERRER and not ctx.actor.is_owner:
        return []
    due = follow_ups.due_follow_ups(ctx, limit=PER_KIND + 1, coordinator_id=_allocated_to(ctx, allocated))
    return [(item.case_id, item.reference,
             f"{item.child_name}: {item.months}-month follow-up due {format_day_short(item.due_on)}") for item in due]


def last_unanswered_day(today: date, working_days: int) -> date:
    """The latest offer date whose answer was due before today (due = offered + N working days)."""
    day = today - timedelta(days=1)
    while add_working_days(day, working_days) >= today:
        day -= timedelta(days=1)
    return day


def _stale_offers(ctx: ServiceContext, mine: ColumnElement[bool]) -> list[Row]:
    days = ctx.settings.offer_response_working_days
    pending = columns(ctx.session,
        select(FgdmOffer.case_id, Case.reference, FgdmOffer.offered_on, Person.given_name, Person.family_name)
        .join(Case, Case.id == FgdmOffer.case_id)
        .join(NetworkMember, NetworkMember.id == FgdmOffer.network_member_id)
        .join(Person, Person.id == NetworkMember.person_id)
        .where(mine, FgdmOffer.response == OfferResponse.PENDING,
               col(FgdmOffer.offered_on) <= last_unanswered_day(ctx.today(), days))
        .order_by(FgdmOffer.offered_on).limit(PER_KIND + 1))
    return [(case_id, reference,
             f"offer to {person_name(given, family)} of {format_day(offered)}: no answer after {days} working days")
            for case_id, reference, offered, given, family in pending]


def _invitations_not_sent(ctx: ServiceContext, mine: ColumnElement[bool]) -> list[Row]:
    found = columns(ctx.session,
        select(Meeting.case_id, Case.reference, Meeting.starts_at).join(Case, Case.id == Meeting.case_id)
        .where(mine, Meeting.kind == MeetingKind.FGDM_MEETING, Meeting.status == MeetingStatus.PLANNED,
               col(Meeting.invitations_sent_at).is_(None), col(Meeting.starts_at) >= ctx.now())
        .order_by(Meeting.starts_at).limit(PER_KIND + 1))
    return [(case_id, reference, f"FGDM meeting on {format_instant(starts)}: invitations not sent")
            for case_id, reference, starts in found]


def _plans_past_review(ctx: ServiceContext, mine: ColumnElement[bool]) -> list[Row]:
    """Current agreed plans past their review date, earliest first: the cases come from the record of what
    needs attention, which keeps each case's review date (walking every agreed plan to find the few no later
    version replaced took 4.5 ms on PostgreSQL, to find none on the large service)."""
    today = ctx.today()
    due = select(ChildAttention.case_id).where(col(ChildAttention.plan_review_on) < today)
    found = columns(ctx.session,
        select(FamilyPlan.case_id, Case.reference, FamilyPlan.review_date, FamilyPlan.version_no)
        .join(Case, Case.id == FamilyPlan.case_id)
        .where(col(FamilyPlan.case_id).in_(due), mine, attention.current_agreed_plan(),
               col(FamilyPlan.review_date) < today)
        .order_by(FamilyPlan.review_date).limit(PER_KIND + 1))
    return [(case_id, reference, f"plan version {version} was due for review on {format_day(review)}")
            for case_id, reference, review, version in found]


def _support_awaiting_approval(ctx: ServiceContext, mine: ColumnElement[bool]) -> list[Row]:
    found = columns(ctx.session,
        select(SupportItem.case_id, Case.reference, SupportItem.category, SupportItem.amount,
               SupportItem.requested_on)
        .join(Case, Case.id == SupportItem.case_id)
        .where(mine, SupportItem.status == SupportStatus.REQUESTED)
        .order_by(SupportItem.requested_on).limit(PER_KIND + 1))
    labels = ctx.settings.support_categories
    return [(case_id, reference,
             f"{label_of(labels, category)} {format_money(amount)}, requested {format_day(requested)}")
            for case_id, reference, category, amount, requested in found]


_OPEN_DUTY = col(ChildAttention.duty_state).in_((DutyState.PENDING, DutyState.BREACHED))


def _owed_cases(ctx: ServiceContext, mine: ColumnElement[bool]) -> Select[tuple[int, str]]:
    """My cases with a child owed the duty, in the form each back end reads fastest.

    Both should read the owed from the index of duty states and sort their few hundred cases. SQLite does so
    given them as a list (joined, it reads every case); PostgreSQL, given a list, walks every case in
    reference order asking each whether it is owed (its planner expects to meet 50 soon), 7 ms against 3
    joined.
    """
    if ctx.session.get_bind().dialect.name == "postgresql":
        return (select(Case.id, Case.reference).join(ChildAttention, col(ChildAttention.case_id) == Case.id)
                .where(mine, _OPEN_DUTY).distinct())
    return select(Case.id, Case.reference).where(mine, col(Case.id).in_(select(ChildAttention.case_id)
                                                                         .where(_OPEN_DUTY)))


def _duty_not_met(ctx: ServiceContext, mine: ColumnElement[bool]) -> list[Row]:
    """My first cases in reference order with a child whose s.31ZA duty is pending or breached, with the first
    such child's reason, from the record of what needs attention (`attention`) that every save keeps in step.

    Working the duty out here, home once looked at the first 50 cases that could owe it and listed those not
    met: on a large service 14 of the 788 owed.
    """
    found = columns(ctx.session, _owed_cases(ctx, mine).order_by(Case.reference).limit(PER_KIND + 1))
    if not found:
        return []
    first: dict[int, str] = {}
    for case_id, given, family, state, reason in columns(ctx.session,
            select(ChildAttention.case_id, Person.given_name, Person.family_name, ChildAttention.duty_state,
                   ChildAttention.duty_reason)
            .join(CaseChild, col(CaseChild.id) == ChildAttention.case_child_id)
            .join(Person, col(Person.id) == CaseChild.person_id)
            .where(among(ctx.session, ChildAttention.case_id, {case_id for case_id, _ in found}), _OPEN_DUTY)
            .order_by(CaseChild.position, CaseChild.id)):
        first.setdefault(case_id, f"{person_name(given, family)}: {state.label.lower()}, {reason}")
    return [(case_id, reference, first[case_id]) for case_id, reference in found]


ACTION_TITLES = {
    "offer_no_response": "Offer with no answer",
    "invitations_not_sent": "Invitations not sent",
    "plan_review_overdue": "Plan past its review date",
    "support_awaiting_approval": "Support awaiting approval",
    "duty_not_met": "s.31ZA duty not yet met",
    "follow_up_due": "Follow-ups due",
}
"""Each kind of action, in the order home shows them."""


def _action_rows(ctx: ServiceContext, allocated: bool) -> Actions:
    return _in_order({**_actions_beside_stages(ctx, allocated), **_other_actions(ctx, _my_cases(ctx, allocated))})


def _in_order(found: dict[str, list[Row]]) -> Actions:
    """Each kind's first `PER_KIND` rows with its title, in the order home shows them."""
    return [(kind, title, found[kind][:PER_KIND]) for kind, title in ACTION_TITLES.items()]


def _more_than_listed(found: dict[str, list[Row]]) -> frozenset[str]:
    return frozenset(kind for kind, rows in found.items() if len(rows) > PER_KIND)


def _actions_beside_stages(ctx: ServiceContext, allocated: bool) -> dict[str, list[Row]]:
    """The actions read in the half of home's read that also reads the stages and the meetings.

    The halves are about equal in cost: with the duty here as well, the stages' half took 10 ms longer than the
    other at a large service's start on PostgreSQL (`docs/performance.md`)."""
    return {"follow_up_due": _follow_ups_due(ctx, allocated)}


def _other_actions(ctx: ServiceContext, mine: ColumnElement[bool]) -> dict[str, list[Row]]:
    return {"offer_no_response": _stale_offers(ctx, mine),
            "invitations_not_sent": _invitations_not_sent(ctx, mine),
            "plan_review_overdue": _plans_past_review(ctx, mine),
            "support_awaiting_approval": _support_awaiting_approval(ctx, mine),
            "duty_not_met": _duty_not_met(ctx, mine)}


def _items(actions: Actions, names: dict[int, str]) -> list[ActionItem]:
    return [ActionItem(kind, title, line) for kind, title, rows in actions for line in lines_of(rows, names)]


def duty_not_met(ctx: ServiceContext) -> list[ActionItem]:
    rows = _duty_not_met(ctx, _mine(ctx))[:PER_KIND]
    return [ActionItem("duty_not_met", "s.31ZA duty not yet met", line)
            for line in lines_of(rows, _names_for(ctx, rows))]


def needs_action(ctx: ServiceContext) -> list[ActionItem]:
    actions = _action_rows(ctx, _has_allocation(ctx))
    return _items(actions, _names_for(ctx, *(rows for _, _, rows in actions)))


Contexts = Callable[[], AbstractContextManager[ServiceContext]]
"""Opens another service context as the same user: another connection to the same records."""


@dataclass
class _Part:
    """What one half of home's read found: some of its lists, and the children's names of their cases."""

    stages: list[tuple[CaseStatus, int, list[Row]]] = field(default_factory=list)
    upcoming: list[Row] = field(default_factory=list)
    actions: dict[str, list[Row]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)


def _stages_upcoming_and_actions(ctx: ServiceContext, allocated: bool, lines: StageLines) -> _Part:
    mine = _my_cases(ctx, allocated)
    stages, upcoming = _stage_rows(ctx, allocated, lines), _upcoming_rows(ctx, mine)
    actions = _actions_beside_stages(ctx, allocated)
    return _Part(stages=stages, upcoming=upcoming, actions=actions,
                 names=_names_for(ctx, *(rows for _, _, rows in stages), upcoming, *actions.values()))


def _other_actions_part(ctx: ServiceContext, allocated: bool) -> _Part:
    actions = _other_actions(ctx, _my_cases(ctx, allocated))
    return _Part(actions=actions, names=_names_for(ctx, *actions.values()))


def _in_own_context(contexts: Contexts, allocated: bool) -> _Part:
    with contexts() as ctx:
        return _other_actions_part(ctx, allocated)


def home(ctx: ServiceContext, side_by_side: Contexts | None = None, stage_lines: StageLines = StageLines(),
         ) -> HomeView:
    """Everything the home screen shows, in two halves of about equal cost; of each stage, the lines
    ``stage_lines`` asks for.

    Given `side_by_side`, the second half is read in a context of its own at the same time as the first is read
    in `ctx`: on PostgreSQL the two connections' round trips and the server's work overlap, and SQLite lets go
    of Python's lock while it reads, so each half waits only for itself (a large service's home, read at
    every start and every return to home: 46 ms to 35 on PostgreSQL, 28 to 23 on SQLite). Each half is read
    consistently; the two may be a moment apart, as two glances at a dashboard are.
    """
    any_cases = bool(columns(ctx.session, select(Case.id).where(true()).limit(1)))
    if not any_cases:
        return HomeView(my_cases=[], upcoming=[], needs_action=[], any_cases=False)
    allocated = _has_allocation(ctx)
    if side_by_side is None:
        parts = [_stages_upcoming_and_actions(ctx, allocated, stage_lines), _other_actions_part(ctx, allocated)]
    else:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="fgdm-home") as pool:
            second = pool.submit(_in_own_context, side_by_side, allocated)
            parts = [_stages_upcoming_and_actions(ctx, allocated, stage_lines), second.result()]
    names = {case_id: children for part in parts for case_id, children in part.names.items()}
    found = {kind: rows for part in parts for kind, rows in part.actions.items()}
    return HomeView(my_cases=groups(parts[0].stages, names), upcoming=lines_of(parts[0].upcoming, names),
                    needs_action=_items(_in_order(found), names), any_cases=True,
                    scope=ALLOCATED_SCOPE if allocated else EVERY_CASE_SCOPE,
                    more_than_listed=_more_than_listed(found))


__all__ = ["ActionItem", "CaseLine", "HomeView", "StageGroup", "StageLines", "cases_by_stage", "duty_not_met",
           "home", "needs_action", "stage_cases", "upcoming_meetings"]
