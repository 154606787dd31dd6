"""SQLite's planner statistics: gathered at the upgrade to 0005 and when a service has outgrown them; home's
count of open cases by stage, and each stage's first cases, read from the status, erasure and reference index
(no sort)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.pool import Pool

from fgdm.config import Settings
from fgdm.services import home
from fgdm.services.shared.context import Workspace
from fgdm.store import statistics
from fgdm.store.engine import make_engine
from fgdm.store.migrate import downgrade, upgrade
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


def _analysed(workspace: Workspace) -> set[str]:
    with workspace.engine.connect() as connection:
        if connection.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first() is None:
            return set()
        return set(connection.execute(text("SELECT tbl FROM sqlite_stat1")).scalars())


def test_a_service_that_grew_from_an_empty_file_gains_statistics_when_it_closes(
        tmp_path: Path, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(statistics, "MIN_CASES", 3)
    url = f"sqlite:///{tmp_path / 'fgdm.sqlite3'}"
    workspace = Workspace(Settings(database_url=url), clock=clock)
    with workspace.context() as ctx:
        make_case(ctx, family_name="Okafor")
    workspace.dispose()
    assert "fgdm_case" not in _analysed(workspace), "two cases are below the threshold: no write at close"
    workspace = Workspace(Settings(database_url=url), clock=clock)
    with workspace.context() as ctx:
        for family in ("Jones", "Novak", "Ó Briain"):
            make_case(ctx, family_name=family)
    workspace.dispose()
    assert {"fgdm_case", "case_child", "person"} <= _analysed(workspace)
    seen: list[str] = []
    with _traced(seen):
        workspace = Workspace(Settings(database_url=url), clock=clock)
        workspace.dispose()
    assert "ANALYZE" not in seen, "statistics made at four cases still fit four cases"


def test_a_close_behind_another_writer_waits_a_second_and_leaves_the_statistics_for_next_time(
        tmp_path: Path, clock, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(statistics, "MIN_CASES", 1)
    url = f"sqlite:///{tmp_path / 'fgdm.sqlite3'}"
    workspace = Workspace(Settings(database_url=url), clock=clock)
    with workspace.context() as ctx:
        make_case(ctx, family_name="Okafor")
    writer = sqlite3.connect(tmp_path / "fgdm.sqlite3")
    writer.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    workspace.dispose()
    assert time.monotonic() - started < statistics.LOCK_WAIT_MS / 1000 + 2
    assert "statistics were not gathered this time" in caplog.text
    writer.rollback()
    writer.close()
    workspace = Workspace(Settings(database_url=url), clock=clock)
    workspace.dispose()
    assert "fgdm_case" in _analysed(workspace)


def test_statistics_are_stale_once_the_cases_have_doubled() -> None:
    assert statistics.is_stale(12_000, None)
    assert not statistics.is_stale(12_000, "6000 1")
    assert statistics.is_stale(12_001, "6000 1")
    assert not statistics.is_stale(statistics.MIN_CASES - 1, None)


def test_the_upgrade_to_0005_gathers_statistics_and_home_counts_from_the_index(
        tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'fgdm.sqlite3'}")
    workspace = Workspace(engine=engine, clock=clock)
    with workspace.context() as ctx:
        for family in ("Okafor", "Jones", "Novak"):
            make_case(ctx, family_name=family)
    downgrade(engine, "0004")  # the cases as a service at 0004 held them, made by today's services
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM sqlite_stat1"))
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
