"""How the return reads the records: the offer measures share one query, children are read for their cases only.

Every count is checked elsewhere (scenarios, goldens, reconciliation); these keep the return fast on a large
service, where a query per measure or reading every child of the service cost more than the counting.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from fgdm.reports.periods import parse_quarter
from fgdm.services import reports
from fgdm.services.context import ServiceContext
from tests.reports.dataset import build_sample


@contextmanager
def selects_sent(ctx: ServiceContext) -> Iterator[list[str]]:
    sent: list[str] = []
    engine = ctx.session.get_bind()

    def record(_conn: Any, _cursor: Any, statement: str, _parameters: Any, _context: Any, _many: bool) -> None:
        sent.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_the_seven_offer_measures_are_made_from_one_query(ctx: ServiceContext) -> None:
    build_sample(ctx, seed=7, cases=40)
    with selects_sent(ctx) as sent:
        report = reports.quarterly_return(ctx, parse_quarter("2026-Q2"))
    assert len([line for line in report.lines if line.measure.rule == "offers"]) == 7
    assert len([statement for statement in sent if statement.startswith("SELECT fgdm_offer.id")]) == 1


def test_children_are_read_only_for_the_cases_counted_by_child(ctx: ServiceContext) -> None:
    build_sample(ctx, seed=7, cases=40)
    with selects_sent(ctx) as sent:
        reports.quarterly_return(ctx, parse_quarter("2026-Q2"))
    children = [statement for statement in sent if statement.startswith("SELECT case_child.case_id, case_child.id")]
    assert children
    assert all("WHERE case_child.case_id IN" in statement for statement in children)
