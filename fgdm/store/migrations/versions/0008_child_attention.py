"""What needs attention about each child: the s.31ZA duty's state, the next follow-up and the plan's review.

Home's list of duties not met worked out the duty of the first 50 cases that could owe one, in reference
order, and showed those of them not met: 14 of a large service's 788. Working out every such case's duty takes
half a second, too long for every start; and the follow-ups due read every agreed plan's children and outcomes
(15 ms on SQLite, 32 on PostgreSQL); the plans past review walked every agreed plan to find the few no later
version had replaced (4.5 ms on PostgreSQL, to find none). This table keeps each child's duty state, next
follow-up and the review date of their case's current agreed plan, worked out by
`fgdm.services.shared.attention` whenever their case's records change, in the same commit.

Every child already recorded gets a row marked as worked out by no rules yet (``rules`` 0), which the next start
works out: the rules are code, and a migration says what it did then, whatever the code says later.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 06:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "child_attention",
        sa.Column("case_child_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("duty_state", sa.String(length=32), nullable=False),
        sa.Column("duty_reason", sa.Text(), nullable=False),
        sa.Column("follow_up_due_on", sa.Date(), nullable=True),
        sa.Column("plan_review_on", sa.Date(), nullable=True),
        sa.Column("rules", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_child_id"], ["case_child.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["case_id"], ["fgdm_case.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("case_child_id"),
    )
    with op.batch_alter_table("child_attention", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_child_attention_case_id"), ["case_id"], unique=False)
        batch_op.create_index("ix_child_attention_duty_state_case_id", ["duty_state", "case_id"], unique=False)
        batch_op.create_index("ix_child_attention_follow_up_due_on_case_id", ["follow_up_due_on", "case_id"],
                              unique=False)
        batch_op.create_index("ix_child_attention_plan_review_on_case_id", ["plan_review_on", "case_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_child_attention_rules"), ["rules"], unique=False)
    op.execute("INSERT INTO child_attention (case_child_id, case_id, duty_state, duty_reason, rules) "
               "SELECT id, case_id, 'not_applicable', '', 0 FROM case_child")


def downgrade() -> None:
    with op.batch_alter_table("child_attention", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_attention_rules"))
        batch_op.drop_index("ix_child_attention_plan_review_on_case_id")
        batch_op.drop_index("ix_child_attention_follow_up_due_on_case_id")
        batch_op.drop_index("ix_child_attention_duty_state_case_id")
        batch_op.drop_index(batch_op.f("ix_child_attention_case_id"))
    op.drop_table("child_attention")
