"""subject access drafts: the answer to a request, kept until a manager has reviewed (where needed) and released it

A subject access answer for someone marked not to be told, excluded, or named in safety notes is held for
review: release refuses it until a manager records who reviewed it and when. The drafts are personal data of
the whole service, so on PostgreSQL only managers and administrators see them (row-level security and grants),
as only they may answer a request.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from fgdm.store import roles

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subject_access_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("drafted_by", sa.String(length=64), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("for_review", sa.Boolean(), nullable=False),
        sa.Column("review_reasons", sa.Text(), nullable=False),
        sa.Column("reviewed_by", sa.String(length=200), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=False),
        sa.Column("review_recorded_by", sa.String(length=64), nullable=False),
        sa.Column("review_recorded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("released_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_subject_access_draft_person_id", "subject_access_draft", ["person_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE subject_access_draft ENABLE ROW LEVEL SECURITY")
        op.execute("CREATE POLICY fgdm_all ON subject_access_draft FOR ALL USING (fgdm_sees_every_case()) "
                   "WITH CHECK (fgdm_sees_every_case())")
        if roles.groups_exist(op.get_bind()):
            roles.grant(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_subject_access_draft_person_id", table_name="subject_access_draft")
    op.drop_table("subject_access_draft")
