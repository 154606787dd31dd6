"""The case's contact log (``case_note``) and the documents fgdm wrote for it (``case_document``).

Both hold case data, so on PostgreSQL each gets the row-level security of migration 0010: a row is seen and
changed only through a case open to the login. The group roles' grants are given again after every upgrade
(`fgdm.store.migrate`), which reaches the new tables.

Revision ID: 0017
Revises: 0013
Create Date: 2026-12-07 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0015"
branch_labels = None
depends_on = None

TABLES = ("case_note", "case_document")


def _record_columns() -> list[sa.Column[object]]:
    return [sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("case_id", sa.Integer(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "case_note",
        *_record_columns(),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("agreed", sa.Text(), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("written_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["fgdm_case.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_case_note_case_id", "case_note", ["case_id"])
    op.create_index("ix_case_note_noted_on", "case_note", ["noted_on"])
    op.create_index("ix_case_note_follow_up_on", "case_note", ["follow_up_on"])
    op.create_table(
        "case_document",
        *_record_columns(),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("path", sa.String(length=1000), nullable=False),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("generated_by", sa.String(length=64), nullable=False),
        sa.Column("reprint", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["fgdm_case.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_case_document_case_id", "case_document", ["case_id"])
    op.create_index("ix_case_document_generated_at", "case_document", ["generated_at"])
    if op.get_bind().dialect.name == "postgresql":  # case data: the row-level security of migration 0010
        for table in TABLES:
            op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            op.execute(f"CREATE POLICY fgdm_all ON {table} FOR ALL USING (fgdm_case_visible(case_id)) "
                       "WITH CHECK (fgdm_case_visible(case_id))")


def downgrade() -> None:
    op.drop_index("ix_case_document_generated_at", table_name="case_document")
    op.drop_index("ix_case_document_case_id", table_name="case_document")
    op.drop_table("case_document")
    op.drop_index("ix_case_note_follow_up_on", table_name="case_note")
    op.drop_index("ix_case_note_noted_on", table_name="case_note")
    op.drop_index("ix_case_note_case_id", table_name="case_note")
    op.drop_table("case_note")
