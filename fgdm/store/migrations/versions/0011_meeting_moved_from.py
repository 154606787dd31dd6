"""the time a meeting was moved from, so the new invitation can say which time it replaces

A moved meeting keeps its calendar identity (UID) and tells every recipient the earlier time it replaces: the
time they were last sent, kept here until the next move after the invitations went out again.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 17:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("moved_from_starts_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("moved_from_ends_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("moved_from_ends_at")
        batch_op.drop_column("moved_from_starts_at")
