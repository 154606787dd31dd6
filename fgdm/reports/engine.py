"""Evaluating the definitions for a period: each measure's drill-down list, and its number made from that list.

A measure's rule lists records; the counting unit turns them into children or families (each counted once,
at their first qualifying record, so quarters of a flow add up to the year); the aggregate makes the number.
Where a rule can total what it lists (``Rule.tally``), a return's line takes its number from the totals and
reads its records only when they are asked for: most returns show numbers only, and the records behind a
large service's quarter (some 25,000, with each open case's children) took most of the return's time.
An explanation (``listed``) reads the records and makes the number from them.
"""

from __future__ import annotations

import gc
import math
import statistics
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from operator import attrgetter
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from fgdm.domain.enums import MeetingKind
from fgdm.domain.periods import Period
from fgdm.i18n import format_day, format_instant
from fgdm.models import Case, CaseChild, NetworkMember, Person, person_name
from fgdm.reports.definitions import Definitions, Measure
from fgdm.reports.rules import (
    CHILD_RECORD_ORDER,
    RECORD_ORDER,
    RULES,
    Row,
    Scope,
    Totals,
    among,
    fetch,
    id_chunks,
    own_children,
)

Value = int | Decimal | None

PERSON_UNITS = ("children", "families", "parents")
"""Units counted once each, at their first qualifying record, whatever the rule lists."""
FOLLOW_UP_RULES = ("outcomes", "outcomes_missing")
"""Rules counting a follow-up, named by its ``months`` parameter."""
UNIT_FIELDS = {"children": "child_id", "families": "case_id", "parents": "member_id"}
"""The field of a row naming the child, family or parent it counts for."""
TOTALLED = ("count", "sum", "share")
"""Aggregates a list's totals by category make as the list itself would: not medians and percentiles."""


@dataclass(frozen=True)
class Line:
    """One number of the return, how many records it counts, and those records, read when first asked for (on
    the session the return was made with)."""

    measure: Measure
    value: Value
    records: int
    read_rows: Callable[[], Sequence[Row]] = field(repr=False, compare=False)

    @cached_property
    def rows(self) -> tuple[Row, ...]:
        return tuple(self.read_rows())


@dataclass(frozen=True)
class Report:
    period: Period
    as_at: datetime
    definitions: Definitions
    lines: tuple[Line, ...]

    def line(self, measure_id: str) -> Line:
        for line in self.lines:
            if line.measure.id == measure_id:
                return line
        raise KeyError(measure_id)

    @property
    def note(self) -> str:
        return data_as_at_note(self.period, self.as_at)


def data_as_at_note(period: Period, as_at: datetime) -> str:
    """Every output says that it counts the records as they stand now, not as they stood at the period end."""
    return (f"Counted from the records as they stand at {format_instant(as_at)}. Anything entered or "
            f"corrected since {format_day(period.end)} is included, so a later run can differ from a "
            "return already sent.")


@dataclass(frozen=True)
class DrillRow:
    """A drill-down row as a manager reads it: the case, the child if counted by child, the record."""

    reference: str
    family_name: str
    child: str
    on: date
    record: str
    record_id: int
    detail: str
    amount: Decimal | None
    days: int | None
    case_id: int | None = None
    """The case the record belongs to, so a screen can open it."""
    child_person_id: int | None = None
    """The person whose name ``child`` shows, so the disclosure rule can be asked about them."""
    member_person_id: int | None = None
    """For an offer, the parent or PR holder ``detail`` speaks of, as a person, for the same reason."""


class _CollectorPause:
    """Hold off Python's cyclic garbage collector while a return is made. Its rows are plain values that make
    no cycles, but tens of thousands of them set the collector scanning every live object again and again:
    a fifth of a large service's return. It runs as usual once the last return being made is made.

    The collector is the whole process's, and returns are made in the workbench's worker threads: two at once
    must not turn it back on for each other, hence a count of the returns under way."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._under_way = 0
        self._was_enabled = True

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._under_way == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._under_way += 1
        try:
            yield
        finally:
            with self._lock:
                self._under_way -= 1
                if self._under_way == 0 and self._was_enabled:
                    gc.enable()


_collector_paused = _CollectorPause()


def _percentile(days: list[int], share: float) -> int:
    """Nearest rank: the smallest value that at least ``share`` of the values are within."""
    ordered = sorted(days)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def aggregate(measure: Measure, rows: Sequence[Row], with_family: Iterable[str]) -> Value:
    if measure.aggregate == "count":
        return len(rows)
    if measure.aggregate == "sum":
        return sum((row.amount or Decimal("0") for row in rows), Decimal("0.00")).quantize(Decimal("0.01"))
    if not rows:
        return None
    if measure.aggregate == "share":
        wanted = set(with_family)
        share = Decimal(100 * sum(row.category in wanted for row in rows)) / len(rows)
        return share.quantize(Decimal("0.1"))
    days = [row.days for row in rows if row.days is not None]
    if measure.aggregate == "median":
        return Decimal(str(statistics.median(days))).quantize(Decimal("0.1"))
    return _percentile(days, 0.9)


def totalled(measure: Measure, by_category: Mapping[str, Totals], with_family: Iterable[str]) -> Value:
    """The number ``aggregate`` makes from a list, made from the list's totals by category."""
    records = sum(totals.records for totals in by_category.values())
    if measure.aggregate == "count":
        return records
    if measure.aggregate == "sum":
        amounts = (totals.amount or Decimal("0") for totals in by_category.values())
        return sum(amounts, Decimal("0.00")).quantize(Decimal("0.01"))
    if not records:
        return None
    wanted = set(with_family)
    share = Decimal(100 * sum(totals.records for category, totals in by_category.items() if category in wanted))
    return (share / records).quantize(Decimal("0.1"))


class Evaluator:
    """Evaluates measures on one session, sharing each rule's query between the measures that use it."""

    def __init__(self, session: Session, definitions: Definitions, today: date) -> None:
        self.session = session
        self.definitions = definitions
        follow_up_months = {int(measure.params["months"]) for measure in definitions.measures
                            if measure.rule in FOLLOW_UP_RULES}
        meeting_kinds = {MeetingKind(measure.params["kind"]) for measure in definitions.measures
                         if measure.rule == "meetings"}
        self.scope = Scope(session=session, settings=definitions.settings, today=today,
                           follow_up_months=tuple(sorted(follow_up_months)), meeting_kinds=tuple(sorted(meeting_kinds)))
        self._rule_rows: dict[tuple[Any, ...], list[Row]] = {}
        self._by_category: dict[tuple[Any, ...], dict[str, list[Row]]] = {}
        self._tallies: dict[tuple[Any, ...], dict[str, Totals] | None] = {}

    def expanded(self, measure: Measure) -> list[Measure]:
        """The measure and, for a breakdown, one measure per category."""
        rule = RULES[measure.rule]
        if not measure.breakdown or rule.categories is None:
            return [measure]
        categories = rule.categories(measure.params, self.definitions.settings)
        return [measure, *(measure.for_category(value, label) for value, label in categories)]

    def all_measures(self) -> list[Measure]:
        return [line for measure in self.definitions.measures for line in self.expanded(measure)]

    def find(self, measure_id: str) -> Measure:
        for measure in self.all_measures():
            if measure.id == measure_id:
                return measure
        raise KeyError(measure_id)

    def _counts_first_record(self, measure: Measure) -> bool:
        return measure.kind == "flow" and self._converts_unit(measure)

    @staticmethod
    def _key(measure: Measure, period: Period) -> tuple[Any, ...]:
        return measure.rule, tuple(sorted((k, repr(v)) for k, v in measure.params.items())), period

    def _run(self, measure: Measure, period: Period) -> list[Row]:
        """The rule's rows in drill-down order, sorted once and shared by every measure of the same rule,
        parameters and period; a breakdown's line takes those of its category, in the same order."""
        key = self._key(measure, period)
        if key not in self._rule_rows:
            found = RULES[measure.rule].run(self.scope, period, measure.params)
            self._rule_rows[key] = sorted(found, key=RECORD_ORDER)
        if measure.category is None:
            return self._rule_rows[key]
        if key not in self._by_category:
            by_category: dict[str, list[Row]] = {}
            for row in self._rule_rows[key]:
                by_category.setdefault(row.category, []).append(row)
            self._by_category[key] = by_category
        return self._by_category[key].get(measure.category, [])

    def children_of_cases(self, case_ids: Iterable[int]) -> dict[int, list[int]]:
        """Each case's children, read only for the cases asked about and not read before (by this or by a rule
        that read them with its records): a quarter's rows name a few thousand cases, and reading every child
        of the service cost more than counting."""
        known = self.scope.children
        missing = sorted(set(case_ids).difference(known))
        for chunk in id_chunks(missing):
            known.update((case_id, []) for case_id in chunk)
            query = (select(CaseChild.case_id, CaseChild.id).where(among(self.session, CaseChild.case_id, chunk))
                     .order_by(CaseChild.case_id, CaseChild.position, CaseChild.id))
            for case_id, child_id in fetch(self.session, query):
                known[case_id].append(child_id)
        return known

    def _converts_unit(self, measure: Measure) -> bool:
        return measure.unit in PERSON_UNITS and RULES[measure.rule].native_unit != measure.unit

    def _in_unit(self, ordered: list[Row], measure: Measure) -> list[Row]:
        """The rows (in drill-down order) as the measure's unit: each child, family or parent once, at their
        first record; counted by child, a record for a whole case stands for each of its children."""
        if not self._converts_unit(measure):
            return ordered
        if measure.unit == "children":
            children = self.children_of_cases(row.case_id for row in ordered if not row.child_id and row.case_id)
            own = own_children(self.scope, (row.member_id for row in ordered if row.member_id and not row.child_id))
            by_child: list[Row] = []
            add = by_child.append
            for row in ordered:
                if row.child_id:
                    add(row)
                else:
                    for child in own.get(row.member_id or 0, children.get(row.case_id or 0, ())):
                        add(row.for_child(child))
            ordered = by_child
        unit_of = attrgetter(UNIT_FIELDS[measure.unit])
        first: dict[int | None, Row] = {}
        for row in ordered:
            first.setdefault(unit_of(row), row)
        return list(first.values())

    def rows(self, measure: Measure, period: Period) -> list[Row]:
        """The drill-down list of a measure: what its number counts, whether made from it or from the totals."""
        first_record = self._counts_first_record(measure)
        rows = self._in_unit(self._run(measure, period.since_records_began() if first_record else period), measure)
        if first_record:
            rows = [row for row in rows if period.contains(row.on)]
        if measure.unit == "children" and self._converts_unit(measure):
            return sorted(rows, key=CHILD_RECORD_ORDER)
        return rows

    def _with_family(self) -> Iterator[str]:
        return (arrangement.value for arrangement in self.definitions.settings.with_family)

    def _tally(self, measure: Measure, period: Period) -> dict[str, Totals] | None:
        """The rule's totals by category for the measure (its own category's, for a breakdown line), shared by
        the lines of a breakdown; None where the number is made from the list (medians, a record first
        qualifying, a unit the rule cannot total)."""
        tally = RULES[measure.rule].tally
        if tally is None or measure.aggregate not in TOTALLED or self._counts_first_record(measure):
            return None
        key = (*self._key(measure, period), measure.unit)
        if key not in self._tallies:
            self._tallies[key] = tally(self.scope, period, measure.params, measure.unit)
        by_category = self._tallies[key]
        if by_category is None or measure.category is None:
            return by_category
        return {measure.category: by_category.get(measure.category, Totals(0))}

    def listed(self, measure: Measure, period: Period) -> Line:
        """The line with its records read now and its number made from them, so the two cannot disagree."""
        rows = tuple(self.rows(measure, period))
        return Line(measure=measure, value=aggregate(measure, rows, self._with_family()), records=len(rows),
                    read_rows=lambda: rows)

    def line(self, measure: Measure, period: Period) -> Line:
        """The line of a return: its number from the rule's totals where it has them, its records read only if
        asked for; else as ``listed``."""
        by_category = self._tally(measure, period)
        if by_category is None:
            return self.listed(measure, period)
        return Line(measure=measure, value=totalled(measure, by_category, self._with_family()),
                    records=sum(totals.records for totals in by_category.values()),
                    read_rows=lambda: self.rows(measure, period))

    def report(self, period: Period, as_at: datetime, measure_ids: Iterable[str] | None = None) -> Report:
        wanted = set(measure_ids) if measure_ids is not None else None
        with _collector_paused():
            lines = tuple(self.line(measure, period) for measure in self.all_measures()
                          if wanted is None or measure.id in wanted)
        return Report(period=period, as_at=as_at, definitions=self.definitions, lines=lines)

    def drill_rows(self, line: Line) -> list[DrillRow]:
        """The records behind a number with the case reference, family and child names a manager checks."""
        case_ids = sorted({row.case_id for row in line.rows if row.case_id is not None})
        child_ids = sorted({row.child_id for row in line.rows if row.child_id is not None})
        cases: dict[int, tuple[str, str]] = {}
        for chunk in id_chunks(case_ids):
            query = select(Case.id, Case.reference, Case.family_name).where(among(self.session, Case.id, chunk))
            cases.update({case_id: (reference, family) for case_id, reference, family in self.session.exec(query)})
        names: dict[int, tuple[str, int]] = {}
        for chunk in id_chunks(child_ids):
            query = (select(CaseChild.id, Person.given_name, Person.family_name, Person.id)
                     .join(Person, Person.id == CaseChild.person_id).where(among(self.session, CaseChild.id, chunk)))
            names.update({child_id: (person_name(given, family), person_id)
                          for child_id, given, family, person_id in self.session.exec(query)})
        members: dict[int, int] = {}
        for chunk in id_chunks(sorted({row.member_id for row in line.rows if row.member_id is not None})):
            query = select(NetworkMember.id, NetworkMember.person_id).where(among(self.session, NetworkMember.id,
                                                                                  chunk))
            members.update(dict(self.session.exec(query).all()))
        return [DrillRow(reference=cases.get(row.case_id or 0, ("", ""))[0],
                         family_name=cases.get(row.case_id or 0, ("", ""))[1],
                         child=names.get(row.child_id or 0, ("", None))[0], on=row.on, record=row.record,
                         record_id=row.record_id, detail=row.detail, amount=row.amount, days=row.days,
                         case_id=row.case_id, child_person_id=names.get(row.child_id or 0, ("", None))[1],
                         member_person_id=members.get(row.member_id) if row.member_id is not None else None)
                for row in line.rows]
