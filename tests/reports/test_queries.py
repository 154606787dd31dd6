"""How the return reads the records: the offer measures share one query, children are read for their cases only.

Every count is checked elsewhere (scenarios, goldens, reconciliation); these keep the return fast on a large
service, where a query per measure or reading every child of the service cost more than the counting.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import pytest

from fgdm.domain.periods import parse_quarter
from fgdm.reports import engine, rules
from fgdm.reports.rules import RULES
from fgdm.services import reports
from fgdm.services.shared.context import ServiceContext
from tests.reports.dataset import build_sample
from tests.statements import statements


@contextmanager
def selects_sent(ctx: ServiceContext) -> Iterator[list[str]]:
    """`tests.statements.statements` on one line each, to be read by text."""
    with statements(ctx) as sent:
        flat: list[str] = []
        yield flat
    flat.extend(" ".join(statement.split()) for statement in sent)


def picks_by_ids(ctx: ServiceContext, statement: str, column: str) -> bool:
    """``column`` is one of a list of ids: one array parameter on PostgreSQL (rendering thousands of ids into the
    statement took 10 ms of a return), written as numbers on SQLite; never a placeholder per id (psycopg parsed
    each in Python, on every execution)."""
    if ctx.session.get_bind().dialect.name == "postgresql":
        return bool(re.search(rf"{re.escape(column)} = ANY \(%\(ids_\d+\)s::INTEGER\[\]\)", statement))
    return bool(re.search(rf"{re.escape(column)} IN \(\d+(, \d+)*\)", statement))


def test_the_eight_offer_measures_are_made_from_one_query(ctx: ServiceContext) -> None:
    build_sample(ctx, seed=7, cases=40)
    with selects_sent(ctx) as sent:
        report = reports.quarterly_return(ctx, parse_quarter("2026-Q2"))
    assert len([line for line in report.lines if line.measure.rule == "offers"]) == 8
    assert len([statement for statement in sent if statement.startswith("SELECT fgdm_offer.id")]) == 1


def test_children_are_read_only_for_the_cases_counted_by_child(ctx: ServiceContext) -> None:
    build_sample(ctx, seed=7, cases=40)
    with selects_sent(ctx) as sent:
        reports.quarterly_return(ctx, parse_quarter("2026-Q2"))
    children = [statement for statement in sent if statement.startswith("SELECT case_child.case_id, case_child.id")]
    assert children
    assert all(picks_by_ids(ctx, statement, "WHERE case_child.case_id") for statement in children)


def test_the_three_follow_ups_share_one_read_of_the_first_agreed_plans(ctx: ServiceContext) -> None:
    build_sample(ctx, seed=7, cases=40)
    with selects_sent(ctx) as sent:
        reports.quarterly_return(ctx, parse_quarter("2026-Q2"))
    assert len([statement for statement in sent if "min(family_plan.decision_on)" in statement]) == 1


def test_first_meetings_read_the_meetings_of_the_period_s_cases_by_case(ctx: ServiceContext) -> None:
    build_sample(ctx, seed=7, cases=40)
    with selects_sent(ctx) as sent:
        report = reports.quarterly_return(ctx, parse_quarter("2026-Q2"))
    assert report.line("days_to_meeting_median").rows
    meetings = [statement for statement in sent if statement.startswith("SELECT meeting.id")]
    by_case = [statement for statement in meetings if picks_by_ids(ctx, statement, "meeting.case_id")]
    assert by_case and all("SELECT meeting.case_id FROM meeting" not in statement for statement in meetings)


def test_first_meetings_read_earlier_meetings_by_case_without_the_offer_subquery(ctx: ServiceContext) -> None:
    build_sample(ctx, seed=7, cases=40)
    with selects_sent(ctx) as sent:
        reports.quarterly_return(ctx, parse_quarter("2026-Q2"))
    by_case = [statement for statement in sent if picks_by_ids(ctx, statement, "meeting.case_id")]
    assert by_case
    assert all(statement.startswith("SELECT meeting.id, meeting.case_id, meeting.held_on, meeting.starts_at FROM "
                                    "meeting WHERE") and "fgdm_offer" not in statement for statement in by_case)


def test_held_meetings_of_every_kind_are_read_once_and_their_first_offers_once_by_case(ctx: ServiceContext) -> None:
    build_sample(ctx, seed=7, cases=40)
    with selects_sent(ctx) as sent:
        report = reports.quarterly_return(ctx, parse_quarter("2026-Q2"))
    assert len([line for line in report.lines if line.measure.rule == "meetings"]) == 4
    held = [statement for statement in sent
            if statement.startswith("SELECT meeting.id") and "JOIN fgdm_case" in statement]
    assert len(held) == 1  # FGDM meetings and reviews together
    first_offers = [statement for statement in sent if statement.startswith("SELECT fgdm_offer.case_id, min(")]
    assert len(first_offers) == 1 and picks_by_ids(ctx, first_offers[0], "fgdm_offer.case_id")
    assert all("fgdm_offer" not in statement for statement in held)


def test_open_cases_read_their_children_in_the_same_query(ctx: ServiceContext) -> None:
    build_sample(ctx, seed=7, cases=40)
    period = parse_quarter("2026-Q2")
    with selects_sent(ctx) as sent:
        found = reports.explain(ctx, "children_supported", period)
    assert found.line.value == len(found.rows) > len(reports.explain(ctx, "families_supported", period).rows)
    assert all(row.child for row in found.rows)
    open_cases = [statement for statement in sent if statement.startswith("SELECT fgdm_case.id, fgdm_case.referral")]
    assert len(open_cases) == 1 and "LEFT OUTER JOIN case_child" in open_cases[0]
    assert not [statement for statement in sent if statement.startswith("SELECT case_child.case_id, case_child.id")]


def test_a_record_is_put_into_words_only_when_shown(ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch) -> None:
    build_sample(ctx, seed=7, cases=40)
    worded: list[tuple[object, ...]] = []
    support_detail = rules._support_detail

    def noting(*facts: object) -> str:
        worded.append(facts)
        return support_detail(*facts)

    monkeypatch.setattr(rules, "_support_detail", noting)
    period = parse_quarter("2026-Q2")
    report = reports.quarterly_return(ctx, period)
    assert report.line("support_approved").rows and worded == []
    found = reports.explain(ctx, "support_approved", period)
    assert len(worded) == len(found.rows)
    assert all(row.detail.endswith(")") and ": " in row.detail for row in found.rows)


def test_the_collector_waits_while_the_return_is_made_and_runs_again_after(
        ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch) -> None:
    build_sample(ctx, seed=3, cases=12)
    seen: list[bool] = []
    exceptions = RULES["exceptions"]

    def exceptions_noting_the_collector(scope: Any, period: Any, params: Any) -> Any:
        seen.append(gc.isenabled())
        return exceptions.run(scope, period, params)

    monkeypatch.setitem(RULES, "exceptions", replace(exceptions, run=exceptions_noting_the_collector))
    reports.quarterly_return(ctx, parse_quarter("2026-Q2"))
    assert seen and not any(seen)
    assert gc.isenabled()
    gc.disable()
    try:
        reports.quarterly_return(ctx, parse_quarter("2026-Q2"))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_return_counts_where_its_rules_total_and_lists_records_only_when_asked(
        ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch) -> None:
    """Open cases, plans agreed and support are numbers from their rules' own queries; listing them (4,493 open
    cases and 9,481 children on the large service) waits for a drill-down."""
    build_sample(ctx, seed=7, cases=40)
    listed: list[str] = []
    for name in ("open_cases", "plans", "support"):
        rule = RULES[name]

        def noting(scope: Any, period: Any, params: Any, _name: str = name, _run: Any = rule.run) -> Any:
            listed.append(_name)
            return _run(scope, period, params)

        monkeypatch.setitem(RULES, name, replace(rule, run=noting))
    period = parse_quarter("2026-Q2")
    with selects_sent(ctx) as sent:
        report = reports.quarterly_return(ctx, period)
    assert listed == []
    assert not [statement for statement in sent if statement.startswith("SELECT family_plan.id")]
    assert report.line("plans_agreed").value == len(report.line("plans_agreed").rows) > 0
    assert sorted(set(listed)) == ["plans"]


def test_explain_makes_the_number_from_the_records_it_shows(ctx: ServiceContext,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A drill-down and its number cannot disagree: explain does not take the rule's totals."""
    build_sample(ctx, seed=7, cases=40)
    period = parse_quarter("2026-Q2")
    found = reports.explain(ctx, "plans_agreed", period)
    monkeypatch.setitem(RULES, "plans", replace(RULES["plans"], tally=lambda *_args: {"": rules.Totals(999)}))
    assert reports.quarterly_return(ctx, period).line("plans_agreed").value == 999
    again = reports.explain(ctx, "plans_agreed", period)
    assert again.line.value == len(again.rows) == len(found.rows) > 0


def test_returns_made_at_once_keep_the_collector_waiting_until_the_last_is_made() -> None:
    """Two returns in two worker threads: the first to finish must not turn the collector on for the other."""
    assert gc.isenabled()
    with engine._collector_paused():
        with engine._collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
