"""The CIN census module 5: each child's id in the council's case system, and their pre-proceedings episodes.

``person.la_child_id`` is the census's LAchildID (up to 10 characters), unique in the council's records: a
unique index, so a second child given the same id is refused by the database as well as by the service.
``pre_proceedings_episode`` holds what the coordinator records of each pre-proceedings episode of a child;
what fgdm already knows (the letter, the offer in it, the meeting after it, the court application) is derived
from the case's records when the census is made, and the columns for those are set only to override.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 17:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pre_proceedings_episode",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("case_child_id", sa.Integer(), nullable=False),
        sa.Column("pp_start_date", sa.Date(), nullable=True),
        sa.Column("initial_pp_meeting_date", sa.Date(), nullable=True),
        sa.Column("review_meetings_count", sa.Integer(), nullable=True),
        sa.Column("step_decision_date", sa.Date(), nullable=True),
        sa.Column("pp_outcome", sa.String(length=32), nullable=True),
        sa.Column("letter_init_cp_date", sa.Date(), nullable=True),
        sa.Column("lbp_sent_date", sa.Date(), nullable=True),
        sa.Column("fgdm_meeting_offer", sa.Boolean(), nullable=True),
        sa.Column("fgdm_meeting_fac", sa.Boolean(), nullable=True),
        sa.Column("court_app_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_child_id"], ["case_child.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["case_id"], ["fgdm_case.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pre_proceedings_episode", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pre_proceedings_episode_case_child_id"), ["case_child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pre_proceedings_episode_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pre_proceedings_episode_pp_start_date"), ["pp_start_date"],
                              unique=False)
    # Added in place, not by copying the table as a batch would on SQLite: every network, child and relationship
    # refers to a person, and SQLite cannot drop a table others refer to.
    op.add_column("person", sa.Column("la_child_id", sa.String(length=10), nullable=True))
    op.create_index("ix_person_la_child_id", "person", ["la_child_id"], unique=True)
    if op.get_bind().dialect.name == "postgresql":  # case data: the row-level security of migration 0010
        op.execute("ALTER TABLE pre_proceedings_episode ENABLE ROW LEVEL SECURITY")
        op.execute("CREATE POLICY fgdm_all ON pre_proceedings_episode FOR ALL USING (fgdm_case_visible(case_id)) "
                   "WITH CHECK (fgdm_case_visible(case_id))")


def downgrade() -> None:
    op.drop_index("ix_person_la_child_id", table_name="person")
    op.drop_column("person", "la_child_id")
    with op.batch_alter_table("pre_proceedings_episode", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pre_proceedings_episode_pp_start_date"))
        batch_op.drop_index(batch_op.f("ix_pre_proceedings_episode_case_id"))
        batch_op.drop_index(batch_op.f("ix_pre_proceedings_episode_case_child_id"))
    op.drop_table("pre_proceedings_episode")
