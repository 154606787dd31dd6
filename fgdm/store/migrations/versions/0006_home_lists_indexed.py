"""Home's "needs action" lists indexed: support awaiting approval and plans past their review date.

Home lists the oldest 50 support requests and agreed plans past review on every start. Each was read through
its status index and sorted (5,292 requested items, 6 ms on the large service) or walked in date order past
every other status; with status and date in one index the first 50 come in order (under 3 ms each). Whether a
plan has a newer version is now asked of ``based_on_id``'s own index, not of a list of every plan's.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 00:52:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("support_item", schema=None) as batch_op:
        batch_op.create_index("ix_support_item_status_requested_on", ["status", "requested_on"], unique=False)
    with op.batch_alter_table("family_plan", schema=None) as batch_op:
        batch_op.create_index("ix_family_plan_status_review_date", ["status", "review_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_family_plan_based_on_id"), ["based_on_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("family_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_plan_based_on_id"))
        batch_op.drop_index("ix_family_plan_status_review_date")
    with op.batch_alter_table("support_item", schema=None) as batch_op:
        batch_op.drop_index("ix_support_item_status_requested_on")
