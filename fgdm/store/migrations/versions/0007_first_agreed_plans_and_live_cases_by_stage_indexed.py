"""Each case's first agreed plan read from an index; on PostgreSQL, live cases indexed by stage and reference.

Home's follow-ups due and the quarterly return's outcomes start from each case's first agreed plan date. That
was grouped from the plans themselves: some 14,000 wide rows on the large service (7 ms on SQLite) where the
status, case and decision date in one index serve it alone (under 4 ms; 3 ms on PostgreSQL).

On PostgreSQL home listed each stage's first 50 open cases by walking every case in reference order and
skipping the other stages (4 to 9 ms a stage, 27 ms for the five): the planner supposes a stage's cases spread
evenly over the references, where the open ones are the newest. From an index of the live (not erased) cases
by stage and reference, carrying the rest of each line, each list takes under 0.1 ms and the count by stage
1.3 ms (from 8: every wide case row was read). SQLite has its own such index since 0005; this one, partial
and carrying columns, is for PostgreSQL only, as 0005's is for SQLite.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 03:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

LIVE_CASES_BY_STAGE = "ix_fgdm_case_live_status_reference"
"""Written out, not imported: a migration says what it did then, whatever the code says later."""


CARRYING = {"ix_support_item_status_requested_on": ("support_item", "status, requested_on", "case_id, category, amount"),
            "ix_family_plan_status_review_date": ("family_plan", "status, review_date", "case_id, version_no, id")}
"""0006's indexes for home's support awaiting approval and plans past review, which on PostgreSQL now carry the
rest of each line (INCLUDE): its planner walked every request in date order, then read each row, rather than
take an index it would have had to leave for the table (7 ms each; 4 with these)."""


def upgrade() -> None:
    with op.batch_alter_table("family_plan", schema=None) as batch_op:
        batch_op.create_index("ix_family_plan_status_case_id_decision_on", ["status", "case_id", "decision_on"],
                              unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX IF NOT EXISTS {LIVE_CASES_BY_STAGE} ON fgdm_case (status, reference) "
                   "INCLUDE (id, status_changed_on) WHERE erased_at IS NULL")
        for name, (table, key, carried) in CARRYING.items():
            op.execute(f"DROP INDEX {name}")
            op.execute(f"CREATE INDEX {name} ON {table} ({key}) INCLUDE ({carried})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, (table, key, _carried) in CARRYING.items():
            op.execute(f"DROP INDEX {name}")
            op.execute(f"CREATE INDEX {name} ON {table} ({key})")
        op.execute(f"DROP INDEX IF EXISTS {LIVE_CASES_BY_STAGE}")
    with op.batch_alter_table("family_plan", schema=None) as batch_op:
        batch_op.drop_index("ix_family_plan_status_case_id_decision_on")
