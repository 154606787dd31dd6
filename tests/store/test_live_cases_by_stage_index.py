"""Home's stage lists on PostgreSQL (migration 0007): each stage's first open cases by reference come from the
partial index of live cases alone, not from a walk of every case in reference order."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, text

from fgdm.domain.enums import CaseStatus
from fgdm.services import home
from fgdm.services.shared.context import Workspace
from fgdm.store.schema_compare import LIVE_CASES_BY_STAGE_INDEX
from tests.factories import make_case


@pytest.mark.parametrize("database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_each_stage_list_reads_the_live_cases_index_alone(workspace: Workspace) -> None:
    sent: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        sent.append((statement, parameters))

    with workspace.context() as ctx:
        for family in ("Okafor", "Jones", "Novak"):
            make_case(ctx, family_name=family)
        event.listen(ctx.session.get_bind(), "before_cursor_execute", record)
        try:
            home.cases_by_stage(ctx)
        finally:
            event.remove(ctx.session.get_bind(), "before_cursor_execute", record)
        connection = ctx.session.connection()
        # Three cases: the planner would take any path. With sequential scans off, the plan shows whether the
        # very statement home sends can be answered by the index without reading a case row.
        connection.execute(text("SET LOCAL enable_seqscan = off"))
        stage_lists = [(statement, parameters) for statement, parameters in sent
                       if "ORDER BY fgdm_case.reference" in statement]
        plans = [[row[0] for row in connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)]
                 for statement, parameters in stage_lists]
    assert len(plans) == len(CaseStatus) - 1
    for plan in plans:
        assert any(f"Index Only Scan using {LIVE_CASES_BY_STAGE_INDEX}" in line for line in plan), plan


@pytest.mark.parametrize("database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_homes_support_and_overdue_plan_indexes_carry_their_lines_on_postgresql(workspace: Workspace) -> None:
    """Migration 0007 remakes 0006's two indexes with the rest of home's line, so PostgreSQL can answer each
    list from the index (a plain one it walked in date order and left for the table: 7 ms each, 4 with these)."""
    with workspace.engine.connect() as connection:
        made = dict(connection.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN "
            "('ix_support_item_status_requested_on', 'ix_family_plan_status_review_date')")).all())
    assert made["ix_support_item_status_requested_on"].endswith(
        "(status, requested_on) INCLUDE (case_id, category, amount)")
    assert made["ix_family_plan_status_review_date"].endswith("(status, review_date) INCLUDE (case_id, version_no, id)")
