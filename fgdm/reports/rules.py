"""The one implementation of each counting rule: a set-based query returning the records behind a number.

A rule lists. The number on the return is computed from the list (its length, or the sum of its amounts...).
A rule listing thousands of records a quarter may also total them (``Rule.tally``), from the list's own query
with counts and sums for columns, or from the same read counted before it is made into rows; the return then
reads numbers, and the rows are made only when a drill-down asks for them. A drill-down (``explain``) makes
its number from the rows it shows, so the two cannot disagree, and a tally is held to the list by the same
query (``tests/reports/test_queries.py``). Each rule is one or two queries whatever the number of cases, so a
whole return stays fast on a large service.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from operator import attrgetter
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import (
    String,
    and_,
    cast,
    func,
    literal_column,
    or_,
    select,
    type_coerce,
)
from sqlmodel import Session

from fgdm.domain.child_parties import TIES, Member, parties_by_child
from fgdm.domain.enums import (
    CaseStatus,
    Employer,
    ExceptionScope,
    Frequency,
    LivingArrangement,
    MeetingKind,
    MeetingStatus,
    OfferResponse,
    PlanStatus,
    Qualification,
    StaffRole,
    SupportStatus,
)
from fgdm.domain.periods import Period
from fgdm.domain.support_categories import label_of
from fgdm.models import (
    BestInterestsException,
    Case,
    CaseChild,
    FamilyPlan,
    FgdmOffer,
    Meeting,
    NetworkMember,
    PreProceedingsEpisode,
    Relationship,
    Staff,
    SupportItem,
)
from fgdm.reports.definitions import ReportSettings
from fgdm.store.follow_ups import FollowUp, agreed_window, among, fetch, first_agreed_plans, follow_ups

LONDON = ZoneInfo("Europe/London")
CASES_PER_QUERY = 5000
"""Ids (cases, children, network members) in one statement's list (see ``among``): a quarter's cases at once."""


class Row(NamedTuple):
    """One record behind a number: which case, which record, on which day, and what it adds.

    A named tuple rather than a frozen dataclass: a large service's return makes some 30,000 of them, and a
    tuple is made in a third of the time. What the record is, in words, is made only when it is shown
    (``detail``): ``describe`` applied to ``facts``. Only the drill-down shows it, and formatting dates and
    labels for every record was a fifth of a return that shows none of them."""

    case_id: int | None
    on: date
    record: str
    record_id: int
    facts: tuple[Any, ...]
    describe: Callable[..., str]
    category: str = ""
    amount: Decimal | None = None
    days: int | None = None
    child_id: int | None = None
    member_id: int | None = None
    """For offers: the parent or PR holder offered (their place in this case's network)."""

    @property
    def detail(self) -> str:
        """The record in words, as the drill-down prints it."""
        return self.describe(*self.facts)

    def for_child(self, child_id: int) -> Row:
        """The same record counted for one child. Made as a tuple of the row's own fields around the child's,
        a third faster than through the named arguments: a case's row stands for each of its children."""
        return _new_row(Row, (*self[:_CHILD], child_id, *self[_CHILD + 1:]))


_new_row = tuple.__new__
_CHILD = Row._fields.index("child_id")


RECORD_ORDER = attrgetter("on", "record", "record_id")
"""Drill-down order: by day, then record. A rule lists each of its records once, so this orders its rows."""
CHILD_RECORD_ORDER = attrgetter("on", "record", "record_id", "child_id")
"""Drill-down order of rows counted by child, every one of which names its child."""


@dataclass(frozen=True)
class Scope:
    """What every rule reads: the records, the council's settings, and today (for what is due)."""

    session: Session
    settings: ReportSettings
    today: date
    follow_up_months: tuple[int, ...] = ()
    """The follow-ups (months after the first agreed plan) the return counts: read together."""
    meeting_kinds: tuple[MeetingKind, ...] = ()
    """The kinds of meeting the return counts: their held meetings are read together."""
    children: dict[int, list[int]] = field(default_factory=dict, compare=False)
    """Each case's children, for the cases whose children have been read (counting by child)."""
    memo: dict[Any, Any] = field(default_factory=dict, compare=False)
    """Query results shared by rules within one evaluation (the offers, the held meetings, the follow-ups)."""


class Totals(NamedTuple):
    """What a rule's records of one category add up to: how many, and the sum of their amounts."""

    records: int
    amount: Decimal | None = None


RuleFunction = Callable[[Scope, Period, Mapping[str, Any]], list[Row]]
Categories = Callable[[Mapping[str, Any], ReportSettings], list[tuple[str, str]]]
TallyFunction = Callable[[Scope, Period, Mapping[str, Any], str], dict[str, Totals] | None]
"""The totals by category of what the rule lists for a unit, or None where only the list can count it."""


@dataclass(frozen=True)
class Rule:
    run: RuleFunction
    native_unit: str
    categories: Categories | None = None
    tally: TallyFunction | None = None


def id_chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    """``ids`` in lists of at most ``CASES_PER_QUERY``, one statement each."""
    for start in range(0, len(ids), CASES_PER_QUERY):
        yield ids[start:start + CASES_PER_QUERY]


def _members(enum_class: Any) -> Categories:
    return lambda params, settings: [(member.value, member.label) for member in enum_class]


def _bounded(column: Any, period: Period) -> Any:
    """``column`` within the period; a period since records began has no lower bound."""
    if period.start == date.min:
        return column <= period.end
    return column.between(period.start, period.end)


def _is_recipient_of_duty() -> Any:
    """A parent (with PR or not) or anyone with parental responsibility: whom s.31ZA says to offer."""
    return or_(NetworkMember.is_parent, NetworkMember.parental_responsibility)


# ---------------------------------------------------------------- offers

def _in_pre_proceedings() -> Any:
    """An offer made in pre-proceedings, where s.31ZA applies: in the letter before proceedings, in a case with
    a letter, or on or after a child of the case had a pre-proceedings decision recorded. Others (a family-help
    case with no letter) are FGDM offers, but not the s.31ZA offer."""
    decided = (select(PreProceedingsEpisode.id)
               .where(PreProceedingsEpisode.case_id == FgdmOffer.case_id,
                      PreProceedingsEpisode.pp_start_date <= FgdmOffer.offered_on).exists())
    letter = select(Case.id).where(Case.id == FgdmOffer.case_id, Case.lbp_date.is_not(None)).exists()
    return or_(FgdmOffer.in_lbp, letter, decided)


def _offers_to_recipients(scope: Scope, period: Period) -> list[tuple[Any, ...]]:
    """Every offer made in the period to a parent or PR holder, whatever its answer, as (id, case, day, in the
    letter before proceedings, answer, recipient, the case's letter before proceedings, whether it was at or
    before that letter, whether it was made in pre-proceedings). Read once per period and shared by all the
    offer measures, which differ only in the answers, timing and setting they keep.

    The recipient (by its id and the offer's case: the offers service refuses a member of another case's
    network) and the case's letter are read by subqueries on their keys. As joins, PostgreSQL misjudged how
    many rows they keep and read every case, or every network member, in parallel workers (21 ms, against
    6.5 ms probing each offer's by key)."""
    key = ("offers", period)
    if key not in scope.memo:
        recipient = (select(_is_recipient_of_duty())
                     .where(NetworkMember.id == FgdmOffer.network_member_id, NetworkMember.case_id == FgdmOffer.case_id)
                     .scalar_subquery())
        letter = select(Case.lbp_date).where(Case.id == FgdmOffer.case_id).scalar_subquery()
        query = (select(FgdmOffer.id, FgdmOffer.case_id, FgdmOffer.offered_on, FgdmOffer.in_lbp, FgdmOffer.response,
                        FgdmOffer.network_member_id, letter, _in_pre_proceedings())
                 .where(_bounded(FgdmOffer.offered_on, period), recipient))
        scope.memo[key] = [
            (offer_id, case_id, offered_on, in_lbp, response, member_id, lbp_date,
             in_lbp or lbp_date is None or offered_on <= lbp_date, bool(pre_proceedings))
            for offer_id, case_id, offered_on, in_lbp, response, member_id, lbp_date, pre_proceedings
            in fetch(scope.session, query)]
    return scope.memo[key]


def _kept_offers(scope: Scope, period: Period, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """The offers an offer measure keeps: of the answers it counts, at or before the letter, after it, or any;
    in pre-proceedings (the s.31ZA offers: ``pre_proceedings = true``), outside it (false), or either."""
    responses = {OfferResponse(value) for value in params.get("responses", [r.value for r in OfferResponse])}
    wanted_timing = {"at_or_before_lbp": True, "after_lbp": False}.get(params.get("timing", "any"))
    wanted_setting = params.get("pre_proceedings")
    return [offer for offer in _offers_to_recipients(scope, period)
            if offer[4] in responses and (wanted_timing is None or offer[7] == wanted_timing)
            and (wanted_setting is None or offer[8] == wanted_setting)]


def _recipients(scope: Scope, member_ids: Iterable[int]) -> dict[int, tuple[str, bool, bool]]:
    """Each offer recipient's relationship to the child and standing, for the drill-down's words: read only
    when an offer measure's rows are made, each member once."""
    known: dict[int, tuple[str, bool, bool]] = scope.memo.setdefault("recipients", {})
    missing = sorted(set(member_ids).difference(known))
    for chunk in id_chunks(missing):
        query = select(NetworkMember.id, NetworkMember.relationship_to_child, NetworkMember.is_parent,
                       NetworkMember.parental_responsibility).where(among(scope.session, NetworkMember.id, chunk))
        known.update((member_id, tuple(facts)) for member_id, *facts in fetch(scope.session, query))
    return known


def own_children(scope: Scope, member_ids: Iterable[int]) -> dict[int, list[int]]:
    """The children each parent or PR holder offered is a party for (their own, by the recorded ties; every child
    of the case where none is recorded), by the same rule as the duty: counting offers by child counts each
    offer for the recipient's own children, not a sibling's."""
    wanted = sorted(set(member_ids))
    if not wanted:
        return {}
    members = [row for chunk in id_chunks(wanted) for row in fetch(scope.session, select(
        NetworkMember.id, NetworkMember.case_id, NetworkMember.person_id, NetworkMember.is_parent,
        NetworkMember.parental_responsibility).where(among(scope.session, NetworkMember.id, chunk)))]
    case_ids = sorted({case_id for _id, case_id, *_rest in members})
    children = [row for chunk in id_chunks(case_ids) for row in fetch(scope.session, select(
        CaseChild.id, CaseChild.case_id, CaseChild.person_id).where(among(scope.session, CaseChild.case_id, chunk))
        .order_by(CaseChild.case_id, CaseChild.position, CaseChild.id))]
    ties = fetch(scope.session, select(Relationship.from_person_id, Relationship.to_person_id, Relationship.kind)
                 .where(Relationship.kind.in_(TIES),
                        Relationship.from_person_id.in_(sorted({row[2] for row in members})),
                        Relationship.to_person_id.in_(sorted({row[2] for row in children}))))
    by_case: dict[int, dict[int, int]] = {}
    for child_id, case_id, person_id in children:
        by_case.setdefault(case_id, {})[child_id] = person_id
    found: dict[int, list[int]] = {}
    for case_id, persons in by_case.items():
        parties = parties_by_child([Member(member_id, person_id, "", is_parent, responsible)
                                    for member_id, member_case, person_id, is_parent, responsible in members
                                    if member_case == case_id], persons, [tuple(tie) for tie in ties])
        for child_id in persons:
            for member_id in parties[child_id].member_ids:
                found.setdefault(member_id, []).append(child_id)
    return found


def _offer_detail(relationship: str, is_parent: bool, has_pr: bool, in_lbp: bool, lbp_date: date | None,
                  response: OfferResponse) -> str:
    who = relationship or ("parent" if is_parent else "person with PR")
    standing = "parent with PR" if is_parent and has_pr else ("parent" if is_parent else "PR holder")
    letter = ("in the letter before proceedings" if in_lbp else
              "no letter before proceedings" if lbp_date is None else
              f"letter before proceedings {lbp_date.isoformat()}")
    return f"offer to {who} ({standing}); {letter}; {response.label.lower()}"


def offers(scope: Scope, period: Period, params: Mapping[str, Any]) -> list[Row]:
    kept = _kept_offers(scope, period, params)
    recipients = _recipients(scope, (offer[5] for offer in kept))
    return [Row(case_id, offered_on, "offer", offer_id, (*recipients[member_id], in_lbp, lbp_date, response),
                _offer_detail, response.value, None, None, None, member_id)
            for offer_id, case_id, offered_on, in_lbp, response, member_id, lbp_date, _at_or_before, _pre in kept]


def offer_totals(scope: Scope, period: Period, params: Mapping[str, Any], unit: str) -> dict[str, Totals] | None:
    """The offers ``offers`` lists, by answer, counted from the same read without making their rows (or
    reading their recipients' words); counted by parent, child or family, only the list can count them."""
    if unit != "offers":
        return None
    counted = Counter(offer[4].value for offer in _kept_offers(scope, period, params))
    return {response: Totals(records) for response, records in counted.items()}


def exceptions(scope: Scope, period: Period, params: Mapping[str, Any]) -> list[Row]:
    """Best-interests decisions of one scope, from one read of every scope's shared by the return's measures."""
    key = ("exceptions", period)
    if key not in scope.memo:
        decision = BestInterestsException
        query = select(decision.id, decision.case_id, decision.case_child_id, decision.decided_on,
                       decision.decided_by, decision.scope).where(_bounded(decision.decided_on, period))
        scope.memo[key] = [
            Row(case_id, decided_on, "best-interests decision", decision_id, (scope_, decided_by), _exception_detail,
                scope_.value, None, None, child_id)
            for decision_id, case_id, child_id, decided_on, decided_by, scope_ in fetch(scope.session, query)]
    wanted = ExceptionScope(params["scope"]).value
    return [row for row in scope.memo[key] if row.category == wanted]


def _exception_detail(scope_: ExceptionScope, decided_by: str) -> str:
    return f"{scope_.label.lower()} not in the child's best interests, decided by {decided_by}"


# ---------------------------------------------------------------- meetings

def _london_day(instant: datetime) -> date:
    return instant.astimezone(LONDON).date()


def _window(period: Period) -> tuple[datetime | None, datetime]:
    """Instants safely around the period's days, for meetings held with no held_on date recorded."""
    end = datetime.combine(period.end + timedelta(days=2), time(), tzinfo=LONDON)
    if period.start == date.min:
        return None, end
    return datetime.combine(period.start - timedelta(days=1), time(), tzinfo=LONDON), end


def _undated_in(period: Period) -> Any:
    """Held meetings with no held_on date whose start instant is around the period (checked by day later)."""
    start, end = _window(period)
    undated = and_(Meeting.held_on.is_(None), Meeting.starts_at < end)
    return undated if start is None else and_(undated, Meeting.starts_at >= start)


def _unindexed(column: Any) -> Any:
    """The column as an expression no index serves (``column || ''``). SQLite keeps no statistics unless told
    to, so it takes any equality for selective: it walked the status index (most meetings are held) where
    the kind index, or given the cases the case index, reads a fraction of the rows."""
    return type_coerce(column, String).concat(literal_column("''"))


def _held_around(period: Period) -> Any:
    """Held meetings around the period (each one's day is checked by ``_days_in``)."""
    return and_(_unindexed(Meeting.status) == MeetingStatus.HELD,
                or_(_bounded(Meeting.held_on, period), _undated_in(period)))


def _days_in(period: Period, found: list[Any]) -> list[tuple[Any, ...]]:
    """Meetings read as (id, case, held_on, starts_at, other columns...) made (id, case, day, other columns...),
    where their day (held_on, or the day it started in England) is in the period. Unpacked as tuples: a
    result row's columns by name cost as much again as the rest of making the meeting measures."""
    first, last = period.start, period.end
    kept = []
    for meeting_id, case_id, held_on, starts_at, *rest in found:
        day = held_on or _london_day(starts_at)
        if first <= day <= last:
            kept.append((meeting_id, case_id, day, *rest))
    return kept


def _held_meetings(scope: Scope, period: Period, kind: MeetingKind) -> dict[MeetingKind, list[tuple[Any, ...]]]:
    """Held meetings whose day is in the period, as (id, case, day, kind, case referral, care application), by
    kind: of this kind and every kind the return counts, read together (one statement, not one a kind)."""
    kinds = tuple(sorted({kind, *scope.meeting_kinds}))
    key = ("held_meetings", period, kinds)
    if key not in scope.memo:
        query = (select(Meeting.id, Meeting.case_id, Meeting.held_on, Meeting.starts_at, Meeting.kind,
                        Case.referral_date, Case.care_application_date)
                 .join(Case, Case.id == Meeting.case_id)
                 .where(Meeting.kind.in_(kinds), _held_around(period)))
        by_kind: dict[MeetingKind, list[tuple[Any, ...]]] = {each: [] for each in kinds}
        for held in _days_in(period, fetch(scope.session, query)):
            by_kind[held[3]].append(held)
        scope.memo[key] = by_kind
    return scope.memo[key]


def _first_offers(scope: Scope, case_ids: Iterable[int]) -> dict[int, date | None]:
    """Each case's first s.31ZA offer (made in pre-proceedings) to a parent or PR holder that was not withdrawn,
    for the cases asked about, each
    read once: one grouped query through the case index, where a subquery per meeting cost three times as much.
    The recipient is tested by a subquery on its id: as a join, PostgreSQL read every network member."""
    known: dict[int, date | None] = scope.memo.setdefault("first_offers", {})
    missing = sorted(set(case_ids).difference(known))
    recipient = (select(_is_recipient_of_duty()).where(NetworkMember.id == FgdmOffer.network_member_id)
                 .scalar_subquery())
    for chunk in id_chunks(missing):
        known.update(dict.fromkeys(chunk))
        query = (select(FgdmOffer.case_id, func.min(FgdmOffer.offered_on))
                 .where(among(scope.session, FgdmOffer.case_id, chunk), FgdmOffer.response != OfferResponse.WITHDRAWN,
                        recipient, _in_pre_proceedings())
                 .group_by(FgdmOffer.case_id))
        known.update(fetch(scope.session, query))
    return known


def _meeting_facts(scope: Scope, period: Period, kind: MeetingKind) -> list[tuple[Any, ...]]:
    """Each held meeting of the kind as (id, case, day, first offer, care application, whether it followed an
    offer, whether it came before any care application): made once per kind and period, and shared by the
    measures that keep some of them."""
    key = ("meeting_facts", period, kind)
    if key not in scope.memo:
        held = _held_meetings(scope, period, kind)[kind]
        first_offers = _first_offers(scope, (meeting[1] for meeting in held))
        facts = []
        for meeting_id, case_id, day, _kind, _referred, applied in held:
            first_offer = first_offers[case_id]
            facts.append((meeting_id, case_id, day, first_offer, applied,
                          first_offer is not None and first_offer <= day, applied is not None and day < applied))
        scope.memo[key] = facts
    return scope.memo[key]


def _kept_meetings(scope: Scope, period: Period, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """The held meetings a meetings measure keeps: all of its kind, or those after an offer, or also before any
    care application."""
    after_offer, before_application = params.get("after_offer"), params.get("before_application")
    return [facts for facts in _meeting_facts(scope, period, MeetingKind(params["kind"]))
            if (facts[5] or not after_offer) and (facts[6] or not before_application)]


def _meeting_detail(kind: MeetingKind, first_offer: date | None, applied: date | None) -> str:
    facts = [f"{kind.label} held"]
    if first_offer is not None:
        facts.append(f"first offer {first_offer.isoformat()}")
    if applied is not None:
        facts.append(f"care application {applied.isoformat()}")
    return "; ".join(facts)


def meetings(scope: Scope, period: Period, params: Mapping[str, Any]) -> list[Row]:
    kind = MeetingKind(params["kind"])
    return [Row(case_id, day, "meeting", meeting_id, (kind, first_offer, applied), _meeting_detail)
            for meeting_id, case_id, day, first_offer, applied, _offered, _before
            in _kept_meetings(scope, period, params)]


def meeting_totals(scope: Scope, period: Period, params: Mapping[str, Any], unit: str) -> dict[str, Totals] | None:
    """How many meetings ``meetings`` lists, counted from the same read without making their rows; a measure
    keeping every meeting of its kind needs no first offers (reviews: half the cases the offers are read for)."""
    if unit != "meetings":
        return None
    if params.get("after_offer") or params.get("before_application"):
        return {"": Totals(len(_kept_meetings(scope, period, params)))}
    kind = MeetingKind(params["kind"])
    return {"": Totals(len(_held_meetings(scope, period, kind)[kind]))}


def _held_before(scope: Scope, period: Period, kind: MeetingKind, case_ids: list[int]) -> list[tuple[Any, ...]]:
    """The held meetings of one kind of these cases on a day before the period, as (id, case, day): read
    through the case index."""
    if period.start == date.min:
        return []
    before = Period(date.min, period.start - timedelta(days=1))
    found = []
    for chunk in id_chunks(case_ids):
        query = select(Meeting.id, Meeting.case_id, Meeting.held_on, Meeting.starts_at).where(
            among(scope.session, Meeting.case_id, chunk),
            _unindexed(Meeting.kind) == kind,
            _held_around(before))
        found += _days_in(before, fetch(scope.session, query))
    return found


def first_meetings(scope: Scope, period: Period, params: Mapping[str, Any]) -> list[Row]:
    """Each case's first held FGDM meeting, where that first meeting falls in the period.

    Only a case with a meeting in the period can have its first there: the period's meetings are already read
    for the meetings rule, and only those cases' earlier meetings are read, by case."""
    in_period = _held_meetings(scope, period, MeetingKind.FGDM_MEETING)[MeetingKind.FGDM_MEETING]
    referred = {case_id: referral for _id, case_id, _day, _kind, referral, _applied in in_period}
    earlier = _held_before(scope, period, MeetingKind.FGDM_MEETING, sorted(referred))
    first: dict[int, tuple[int, date]] = {}
    for day, meeting_id, case_id in sorted([(day, meeting_id, case_id)
                                            for meeting_id, case_id, day, *_rest in [*in_period, *earlier]]):
        first.setdefault(case_id, (meeting_id, day))
    rows = []
    for case_id, (meeting_id, day) in first.items():
        if period.contains(day):
            days = (day - referred[case_id]).days
            rows.append(Row(case_id, day, "meeting", meeting_id, (referred[case_id], days), _first_meeting_detail,
                            "", None, days))
    return rows


def _first_meeting_detail(referred: date, days: int) -> str:
    return f"referred {referred.isoformat()}, first FGDM meeting {days} days later"


# ---------------------------------------------------------------- cases, plans, support

def _open_cases_query(period: Period) -> Any:
    """Cases open on any day of the period, one row per case with its children's ids as one text. Grouped by
    referral date first, so SQLite groups in the order of the referral date index it reads by, rather than
    reading every case in id order to group them."""
    return (select(Case.id, Case.referral_date, Case.closed_on, Case.status,
                   func.aggregate_strings(cast(CaseChild.id, String), ","))
            .outerjoin(CaseChild, CaseChild.case_id == Case.id)
            .where(Case.referral_date <= period.end, or_(Case.closed_on.is_(None), Case.closed_on >= period.start))
            .group_by(Case.referral_date, Case.id))


def open_cases(scope: Scope, period: Period, params: Mapping[str, Any]) -> list[Row]:
    """Cases open on any day of the period. Their children's ids come with them, as one text per case, and are
    kept in ``scope.children`` for counting by child: as a second query, the list of a quarter's 4,500 case ids
    cost more to write, send and parse than the join, and a row per child made each case's columns be
    converted once per child."""
    rows = []
    for case_id, referral_date, closed_on, status, child_ids in fetch(scope.session, _open_cases_query(period)):
        rows.append(Row(case_id, max(referral_date, period.start), "case", case_id, (referral_date, closed_on, status),
                        _case_detail))
        scope.children[case_id] = [int(child_id) for child_id in child_ids.split(",")] if child_ids else []
    return rows


def open_case_totals(scope: Scope, period: Period, params: Mapping[str, Any], unit: str) -> dict[str, Totals] | None:
    """The open cases and their children, counted together by the listing's own query: each child is in one
    case, so counting by child counts the children of the cases listed."""
    if unit not in ("families", "children"):
        return None
    key = ("open_case_totals", period)
    if key not in scope.memo:
        counts = _open_cases_query(period).with_only_columns(func.count(Case.id.distinct()), func.count(CaseChild.id))
        scope.memo[key] = fetch(scope.session, counts.group_by(None))[0]
    families, children = scope.memo[key]
    return {"": Totals(children if unit == "children" else families)}


def _case_detail(referral_date: date, closed_on: date | None, status: CaseStatus) -> str:
    return f"referred {referral_date.isoformat()}" + (
        f", closed {closed_on.isoformat()}" if closed_on else f", open ({status.label.lower()})")


def _plans_query(period: Period) -> Any:
    return select(FamilyPlan.id, FamilyPlan.case_id, FamilyPlan.version_no, FamilyPlan.decision_on,
                  FamilyPlan.decision_by).where(_unindexed(FamilyPlan.status) == PlanStatus.AGREED,
                                                _bounded(FamilyPlan.decision_on, period))


def plans(scope: Scope, period: Period, params: Mapping[str, Any]) -> list[Row]:
    return [Row(case_id, decided, "family plan", plan_id, (version, by), _plan_detail)
            for plan_id, case_id, version, decided, by in fetch(scope.session, _plans_query(period))]


def plan_totals(scope: Scope, period: Period, params: Mapping[str, Any], unit: str) -> dict[str, Totals] | None:
    """The plan versions agreed, counted by the listing's own query (2,159 in a large service's quarter)."""
    if unit != "plans":
        return None
    count = _plans_query(period).with_only_columns(func.count())
    return {"": Totals(fetch(scope.session, count)[0][0])}


def _plan_detail(version: int, by: str | None) -> str:
    return f"version {version} agreed by {by or 'the referrer'}"


def _support_query(params: Mapping[str, Any], period: Period) -> Any:
    """Support items approved (or paid) on a day of the period, with that day."""
    paid = params["stage"] == "paid"
    day_column = SupportItem.paid_on if paid else SupportItem.approved_on
    statuses = [SupportStatus.PAID] if paid else [SupportStatus.APPROVED, SupportStatus.PAID]
    return select(SupportItem.id, SupportItem.case_id, day_column, SupportItem.category, SupportItem.description,
                  SupportItem.frequency, SupportItem.status, SupportItem.amount).where(
        _bounded(day_column, period), _unindexed(SupportItem.status).in_(statuses))


def support(scope: Scope, period: Period, params: Mapping[str, Any]) -> list[Row]:
    labels = dict(scope.settings.support_categories)
    found = fetch(scope.session, _support_query(params, period))
    return [Row(case_id, day, "support item", item_id, (labels, category, description, frequency, status),
                _support_detail, category, amount)
            for item_id, case_id, day, category, description, frequency, status, amount in found]


def support_totals(scope: Scope, period: Period, params: Mapping[str, Any], unit: str) -> dict[str, Totals] | None:
    """The items and their amounts by category, from the listing's own query."""
    if unit != "support items":
        return None
    query = (_support_query(params, period)
             .with_only_columns(SupportItem.category, func.count(), func.sum(SupportItem.amount))
             .group_by(SupportItem.category))
    return {category: Totals(records, amount) for category, records, amount in fetch(scope.session, query)}


def _support_detail(labels: dict[str, str], category: str, description: str, frequency: Frequency,
                    status: SupportStatus) -> str:
    return f"{label_of(labels, category)}: {description} ({frequency.label.lower()}, {status.label.lower()})"


# ---------------------------------------------------------------- outcomes

def _scope_follow_ups(scope: Scope, months: int, period: Period) -> list[FollowUp]:
    """The 3-, 6- and 12-month follow-ups of a period share one read of the first agreed plans, of the cases
    whose first plan was agreed in the days any of them can start from (a sixth of a large service's cases
    for a quarter, where reading every case's cost more than the rest of the outcome measures), and one read
    of those cases' children and outcomes."""
    every = tuple(sorted({months, *scope.follow_up_months}))
    key = ("follow_ups", period, every)
    if key not in scope.memo:
        first = first_agreed_plans(scope.session, agreed_from=agreed_window(every[-1], period)[0],
                                   agreed_by=agreed_window(every[0], period)[1])
        scope.memo[key] = follow_ups(scope.session, every, period, first)
    return scope.memo[key][months]


def _recorded(scope: Scope, months: int, period: Period) -> list[FollowUp]:
    """The follow-ups at ``months`` falling in the period with where the child lives recorded."""
    return [point for point in _scope_follow_ups(scope, months, period)
            if point.outcome_id is not None and point.living is not None]


def _not_recorded(scope: Scope, months: int, period: Period) -> list[FollowUp]:
    """The follow-ups at ``months`` falling in the period, due by today, with nothing recorded."""
    return [point for point in _scope_follow_ups(scope, months, period)
            if point.outcome_id is None and point.due_on <= scope.today]


def outcomes(scope: Scope, period: Period, params: Mapping[str, Any]) -> list[Row]:
    months = int(params["months"])
    return [Row(point.case_id, point.due_on, "outcome", point.outcome_id, (months, point.plan_agreed_on, point.living),
                _outcome_detail, point.living.value, None, None, point.case_child_id)
            for point in _recorded(scope, months, period)]


def outcome_totals(scope: Scope, period: Period, params: Mapping[str, Any], unit: str) -> dict[str, Totals] | None:
    """The children ``outcomes`` lists, by where they live, counted without making their rows."""
    if unit != "children":
        return None
    counted = Counter(point.living.value for point in _recorded(scope, int(params["months"]), period))
    return {living: Totals(records) for living, records in counted.items()}


def _outcome_detail(months: int, plan_agreed_on: date, living: LivingArrangement) -> str:
    return f"{months}-month follow-up (plan agreed {plan_agreed_on.isoformat()}): {living.label.lower()}"


def outcomes_missing(scope: Scope, period: Period, params: Mapping[str, Any]) -> list[Row]:
    months = int(params["months"])
    return [Row(point.case_id, point.due_on, "child", point.case_child_id, (months, point.due_on),
                _missing_outcome_detail, "", None, None, point.case_child_id)
            for point in _not_recorded(scope, months, period)]


def missing_outcome_totals(scope: Scope, period: Period, params: Mapping[str, Any],
                           unit: str) -> dict[str, Totals] | None:
    """The children ``outcomes_missing`` lists, counted without making their rows."""
    if unit != "children":
        return None
    return {"": Totals(len(_not_recorded(scope, int(params["months"]), period)))}


def _missing_outcome_detail(months: int, due_on: date) -> str:
    return f"{months}-month follow-up due {due_on.isoformat()}, not recorded"


# ---------------------------------------------------------------- workforce

_GROUPS: dict[str, Any] = {"role": StaffRole, "qualification": Qualification, "employer": Employer}


_GROUP_FIELDS = {"role": 2, "qualification": 3, "employer": 4}
"""Where each grouping is among a staff row's facts."""


def workforce(scope: Scope, period: Period, params: Mapping[str, Any]) -> list[Row]:
    """Staff in post at the period end in the counted roles, grouped as asked: one read for every grouping."""
    key = ("workforce", period)
    if key not in scope.memo:
        in_post = and_(or_(Staff.started_on.is_(None), Staff.started_on <= period.end),
                       or_(Staff.left_on > period.end, and_(Staff.left_on.is_(None), Staff.active)))
        query = select(Staff.id, Staff.name, Staff.job_title, Staff.role, Staff.qualification,
                       Staff.employer).where(in_post, Staff.role.in_(scope.settings.workforce_roles))
        scope.memo[key] = [(staff_id, tuple(facts)) for staff_id, *facts in fetch(scope.session, query)]
    group = _GROUP_FIELDS[params["group"]]
    return [Row(None, period.end, "staff", staff_id, facts, _staff_detail, facts[group].value)
            for staff_id, facts in scope.memo[key]]


def _staff_detail(name: str, job_title: str, role: StaffRole, qualification: Qualification,
                  employer: Employer) -> str:
    return (f"{name}, {job_title or role.label.lower()}: {qualification.label.lower()}, "
            f"{employer.label.lower()} employer")


def _workforce_categories(params: Mapping[str, Any], settings: ReportSettings) -> list[tuple[str, str]]:
    if params["group"] == "role":
        return [(role.value, role.label) for role in settings.workforce_roles]
    return [(member.value, member.label) for member in _GROUPS[params["group"]]]


RULES: dict[str, Rule] = {
    "offers": Rule(offers, "offers", tally=offer_totals),
    "exceptions": Rule(exceptions, "best-interests decisions"),
    "meetings": Rule(meetings, "meetings", tally=meeting_totals),
    "first_meetings": Rule(first_meetings, "meetings"),
    "open_cases": Rule(open_cases, "families", tally=open_case_totals),
    "plans": Rule(plans, "plans", tally=plan_totals),
    "support": Rule(support, "support items", lambda params, settings: list(settings.support_categories),
                    support_totals),
    "outcomes": Rule(outcomes, "children", _members(LivingArrangement), outcome_totals),
    "outcomes_missing": Rule(outcomes_missing, "children", tally=missing_outcome_totals),
    "workforce": Rule(workforce, "staff", _workforce_categories),
}
