"""Confidential from named people, and sensitive agencies

``confidential_from`` keeps one fact from one named member of a case's network: a person's address, or a
meeting's venue or its date and time. ``agency.sensitive`` marks an organisation (a police domestic abuse unit,
a refuge) that shareable outputs leave out.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from fgdm.store import roles

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "confidential_from",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("fact", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("hidden_from_person_id", sa.Integer(), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["fgdm_case.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["hidden_from_person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("confidential_from", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_confidential_from_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_confidential_from_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_confidential_from_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_confidential_from_hidden_from_person_id"), ["hidden_from_person_id"],
                              unique=False)
    op.add_column("agency", sa.Column("sensitive", sa.Boolean(), nullable=False, server_default=sa.false()))
    if op.get_bind().dialect.name == "postgresql":  # case data: the row-level security of migration 0010
        op.execute("ALTER TABLE confidential_from ENABLE ROW LEVEL SECURITY")
        op.execute("CREATE POLICY fgdm_all ON confidential_from FOR ALL USING (fgdm_case_visible(case_id)) "
                   "WITH CHECK (fgdm_case_visible(case_id))")
        if roles.groups_exist(op.get_bind()):
            roles.grant(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("agency", schema=None) as batch_op:
        batch_op.drop_column("sensitive")
    with op.batch_alter_table("confidential_from", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_confidential_from_hidden_from_person_id"))
        batch_op.drop_index(batch_op.f("ix_confidential_from_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_confidential_from_person_id"))
        batch_op.drop_index(batch_op.f("ix_confidential_from_case_id"))
    op.drop_table("confidential_from")
