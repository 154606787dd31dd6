"""Support items' approval and payment days indexed: the quarterly return's support lines read by day.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 22:58:35
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("support_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_support_item_approved_on"), ["approved_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_support_item_paid_on"), ["paid_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("support_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_item_paid_on"))
        batch_op.drop_index(batch_op.f("ix_support_item_approved_on"))
