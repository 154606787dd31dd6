"""On SQLite: cases' status and erasure indexed together, and the file's statistics gathered (ANALYZE).

Counting the open cases of each stage (home, on every start) read every wide case row of the file for its
``erased_at``; with both columns in one index it reads only the index (4 ms → 1 ms warm on 12,000 cases, and
a few hundred kilobytes instead of the whole table from a cold disk).

Without statistics SQLite's planner guessed, and took the meetings' status index (a handful of values) over
their start time for the next fortnight's meetings, reading every planned meeting (8 ms → under 1 ms). ANALYZE
reads the whole file once (about 0.4 s for 12,000 cases), here beside the upgrade's backup copy rather than at
a start; an empty file gains no statistics. fgdm.store.engine keeps them current with ``PRAGMA optimize``.

SQLite only: PostgreSQL analyses its tables itself (autovacuum), and there, on a small table, the planner
would take this index over the case search's trigram index. The models cannot declare an index for one back
end, so fgdm.store.schema_compare leaves this one out of the migrations-match-models comparison.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 23:19:20
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEX = "ix_fgdm_case_status_erased_at"
"""Written out, not imported: a migration says what it did then, whatever the code says later."""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON fgdm_case (status, erased_at)")
        op.execute("ANALYZE")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP INDEX IF EXISTS {INDEX}")
