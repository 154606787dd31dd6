"""SQLite's planner statistics: gathered at the upgrade to 0005, checked once per engine; home's count of open
cases by stage, and each stage's first cases, read from the status, erasure and reference index (no sort)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.pool import Pool

from fgdm.services import home
from fgdm.services.context import Workspace
from fgdm.store.engine import make_engine
from fgdm.store.migrate import upgrade
from fgdm.store.schema_compare import CASE_OPEN_STATUS_INDEX
from tests.factories import make_case
from tests.store.test_query_plans import plans_of


@contextmanager
def _traced(seen: list[str]) -> Iterator[None]:
    def trace(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.set_trace_callback(seen.append)

    event.listen(Pool, "connect", trace, insert=True)
    try:
        yield
    finally:
        event.remove(Pool, "connect", trace)


def test_statistics_are_checked_once_per_engine_not_on_every_connection(tmp_path: Path) -> None:
    seen: list[str] = []
    with _traced(seen):
        engine = make_engine(f"sqlite:///{tmp_path / 'fgdm.sqlite3'}")
        first, second = engine.connect(), engine.connect()
        first.close()
        second.close()
        engine.dispose()
    assert seen.count("PRAGMA optimize=0x10002") == 1


def test_the_upgrade_to_0005_gathers_statistics_and_home_counts_from_the_index(
        tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'fgdm.sqlite3'}")
    upgrade(engine, "0004", backup=False)
    workspace = Workspace(engine=engine, clock=clock, migrate=False)
    with workspace.context() as ctx:
        for family in ("Okafor", "Jones", "Novak"):
            make_case(ctx, family_name=family)
    upgrade(engine, backup=False)
    with engine.connect() as connection:
        analysed = set(connection.execute(text("SELECT tbl FROM sqlite_stat1")).scalars())
    assert {"fgdm_case", "case_child", "person"} <= analysed
    plans = plans_of(workspace, home.cases_by_stage)
    counts = [plan for statement, plan in plans if "count(*)" in statement]
    assert counts == [[f"SCAN fgdm_case USING COVERING INDEX {CASE_OPEN_STATUS_INDEX}"]]
    stages = [plan for statement, plan in plans if "ORDER BY fgdm_case.reference" in statement]
    assert len(stages) == 5
    assert all(plan == [f"SEARCH fgdm_case USING INDEX {CASE_OPEN_STATUS_INDEX} (status=? AND erased_at=?)"]
               for plan in stages), stages
    workspace.dispose()
