"""SQLite's query plans for the case search, home's lists and the quarterly return: each table is reached
through an index.

A bench figure can hide a missing index on a small database; the plan cannot. Plans are read with
EXPLAIN QUERY PLAN for the very statements (and parameters) the services send, on a generated service.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event

from fgdm import demo
from fgdm.domain.periods import last_complete_quarter
from fgdm.services import cases, follow_ups, home, reports
from fgdm.services.shared import attention
from fgdm.services.shared.context import ServiceContext, Workspace

SMALL_TABLES = {"staff"}
"""A service has tens of staff: reading them all is cheaper than any index."""


@contextmanager
def statements_sent(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    sent: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


def plans_of(workspace: Workspace, call: Callable[[ServiceContext], object]) -> list[tuple[str, list[str]]]:
    """Each SELECT the call sends, with the lines of its query plan."""
    with workspace.context() as ctx, statements_sent(workspace.engine) as sent:
        call(ctx)
    with workspace.engine.connect() as connection:
        return [(statement, [row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}",
                                                                          parameters)])
                for statement, parameters in sent]


def full_scans(plan: list[str]) -> list[str]:
    """Plan lines reading a whole table row by row, without any index."""
    scans = (re.fullmatch(r"SCAN (\w+)", line) for line in plan)
    return [match.group(1) for match in scans if match and match.group(1) not in SMALL_TABLES]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    from fgdm.config import Settings

    path = tmp_path_factory.mktemp("plans") / "service.sqlite3"
    workspace = Workspace(Settings(database_url=f"sqlite:///{path}"))
    with workspace.context() as ctx:
        demo.generate_service(ctx, seed=7, cases=120, large_service=True)
    yield workspace
    workspace.dispose()


def test_the_case_list_page_is_read_in_order_through_the_reference_index(service: Workspace) -> None:
    plans = plans_of(service, lambda ctx: cases.list_cases(ctx, search="ok", limit=50))
    page = next(plan for statement, plan in plans if "ORDER BY fgdm_case.reference" in statement)
    assert "SCAN fgdm_case USING INDEX ix_fgdm_case_reference" in page
    children = next(plan for statement, plan in plans if statement.lstrip().startswith("SELECT case_child"))
    assert any("USING INDEX ix_case_child_case_id" in line for line in children)


def test_only_the_search_count_passes_over_the_cases_and_nothing_else_is_scanned(service: Workspace) -> None:
    """A substring cannot use a b-tree, so the total is one pass over fgdm_case and nothing more."""
    plans = plans_of(service, lambda ctx: cases.list_cases(ctx, search="ok", limit=50))
    scanned = [(statement.split("FROM")[0].strip(), table) for statement, plan in plans for table in full_scans(plan)]
    assert scanned == [("SELECT count(*) AS count_1", "fgdm_case")]


def test_every_quarterly_count_reaches_its_rows_through_an_index(service: Workspace) -> None:
    def quarterly(ctx: ServiceContext) -> object:
        return reports.quarterly_return(ctx, last_complete_quarter(ctx.today()))

    plans = plans_of(service, quarterly)
    assert len(plans) > 10
    scanned = {table for _statement, plan in plans for table in full_scans(plan)}
    assert scanned == set()


def test_held_meetings_and_agreed_plans_are_not_read_through_their_status_index(service: Workspace) -> None:
    """Most meetings are held and most plans agreed, so a status index reads most of its table; SQLite, with
    no statistics, would take one for selective. The kind, case and decision-day indexes read a fraction."""
    def quarterly(ctx: ServiceContext) -> object:
        return reports.quarterly_return(ctx, last_complete_quarter(ctx.today()))

    plans = plans_of(service, quarterly)
    meetings = [line for statement, plan in plans if statement.startswith("SELECT meeting.id") for line in plan]
    agreed = [line for statement, plan in plans if "FROM family_plan WHERE" in " ".join(statement.split())
              and "family_plan.decision_on BETWEEN" in statement for line in plan]
    assert meetings and not [line for line in meetings if "ix_meeting_status" in line]
    assert any("SEARCH meeting USING INDEX ix_meeting_case_id" in line for line in meetings)
    assert any("SEARCH family_plan USING INDEX ix_family_plan_decision_on" in line for line in agreed)


def test_homes_oldest_support_requests_and_overdue_plans_come_from_indexes(service: Workspace) -> None:
    """Home lists the oldest 50 of each on every start. Support requests come in order from one index (an index
    on status alone read every request and sorted). Plans past review are looked for only in the cases whose
    current plan's review date has passed, from the record of what needs attention (migration 0008): every
    agreed plan, and whether a later version replaced it, was read to find none on the large service."""
    plans = dict(plans_of(service, home.needs_action))
    support = next(plan for statement, plan in plans.items() if "support_item.requested_on" in statement)
    overdue = next(plan for statement, plan in plans.items() if "family_plan.review_date" in statement)
    assert support[0] == "SEARCH support_item USING INDEX ix_support_item_status_requested_on (status=?)"
    assert not [line for line in support if "TEMP B-TREE" in line]
    assert ("SEARCH child_attention USING COVERING INDEX ix_child_attention_plan_review_on_case_id "
            "(plan_review_on<?)") in overdue, overdue
    assert any("USING COVERING INDEX ix_family_plan_based_on_id (based_on_id=?)" in line for line in overdue)


def test_home_finds_follow_ups_due_and_duties_not_met_from_the_record_of_what_needs_attention(
        service: Workspace) -> None:
    """Migration 0008: the children with a follow-up due come from the index of days due, earliest first (no
    sort, no case read but theirs); the cases owed the duty from the index of duty states."""
    (_, due), (_, first), *_ = plans_of(service, lambda ctx: follow_ups.due_follow_ups(ctx, limit=50))
    assert due[0] == ("SEARCH child_attention USING COVERING INDEX ix_child_attention_follow_up_due_on_case_id "
                      "(follow_up_due_on<?)"), due
    assert not [line for line in due if "TEMP B-TREE" in line]
    assert first[0].startswith("SEARCH family_plan USING COVERING INDEX ix_family_plan_status_case_id_decision_on "
                               "(status=? AND case_id=?"), first
    (_, owed), *_ = plans_of(service, home.duty_not_met)
    assert ("SEARCH child_attention USING COVERING INDEX ix_child_attention_duty_state_case_id (duty_state=?)"
            in owed), owed
    assert full_scans(owed) == []


def test_a_start_asks_for_outdated_records_of_what_needs_attention_by_the_index_of_rules(
        service: Workspace) -> None:
    """Every start asks whether any child's record was worked out by older rules. Grouped by case, SQLite walked
    every child in case order to find none (3 ms on the large service); from the index of rules it reads none."""
    plans = plans_of(service, lambda ctx: attention.outdated_cases(ctx.session, attention.BATCH))
    assert [plan for _, plan in plans] == [["SEARCH child_attention USING INDEX ix_child_attention_rules "
                                            "(rules<?)"]], plans
