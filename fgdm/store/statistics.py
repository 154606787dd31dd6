"""SQLite's planner statistics, gathered when a service has outgrown them.

Without statistics SQLite guesses, and on a large service it guesses wrong: it reads the next fortnight's
meetings through their status (38,000 planned or held) rather than their start time, and home's lists take
9 ms each instead of one. Migration 0005 gathers statistics for a service that already had its records, but
a service that started on 0005 with an empty file had none at all, and SQLite before 3.46 never gathers
them by itself (``PRAGMA optimize`` checks only the tables a connection has used, and only from 3.46 does
it notice a table that has grown). So fgdm checks when it closes a database, as SQLite advises for
short-lived connections: when the file has at least ``MIN_CASES`` cases and its statistics are missing or
were made when it had fewer than half as many, it runs ``ANALYZE`` (about a quarter of a second for 12,000
cases, on the way out, a few times in a service's life). PostgreSQL's autovacuum does this on its own.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

MIN_CASES = 500
"""Below this, any plan is quick and the statistics are not worth a write at every close."""
GROWTH = 2
"""Re-analyse once the cases have doubled since the statistics were made."""
LOCK_WAIT_MS = 1000
"""How long the close waits for another process's write to end; if it has not, the next close tries again."""

log = logging.getLogger(__name__)


def _recorded_cases(stat: str | None) -> int:
    """The row count at the head of a ``sqlite_stat1`` entry ("12000 1" means 12,000 rows)."""
    return int(stat.split()[0]) if stat else 0


def is_stale(cases: int, stat: str | None) -> bool:
    return cases >= MIN_CASES and cases > GROWTH * _recorded_cases(stat)


def refresh_if_stale(engine: Engine) -> bool:
    """Gather statistics if a SQLite service has outgrown them; True if it did. Never fails a close.

    Called as the engine closes (`Workspace.dispose`): the connection it used is not handed out again."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return False
    try:
        with engine.connect() as connection:
            has_table = connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'fgdm_case'").first()
            if has_table is None:
                return False
            cases = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM fgdm_case").scalar_one()
            analysed = connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").first()
            stat = connection.exec_driver_sql(
                "SELECT stat FROM sqlite_stat1 WHERE tbl = 'fgdm_case' LIMIT 1").scalar() if analysed else None
            if not is_stale(cases, stat):
                return False
            # A second's wait at most for another writer: a close must not hang behind a long import.
            connection.exec_driver_sql(f"PRAGMA busy_timeout={LOCK_WAIT_MS}")
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
            return True
    except OperationalError as error:
        log.warning("statistics were not gathered this time (%s); fgdm will try again when it next closes",
                    error.orig)
        return False


__all__ = ["GROWTH", "MIN_CASES", "is_stale", "refresh_if_stale"]
