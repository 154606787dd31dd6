"""a pre-proceedings episode keeps why the coordinator overrode what the records say

Four CIN census module 5 items are derived from the case (the letter before proceedings, the offer in it, the
meeting after it, the court application); the coordinator may record a different value for one, and then says
why. The reason is exported beside the census file and shown by its checks, so the census team can see it.

Revision ID: 0018
Revises: 0013
Create Date: 2026-12-07 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Added in place (no batch copy): nothing else refers to the table, and a server default fills the rows.
    op.add_column("pre_proceedings_episode",
                  sa.Column("override_reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("pre_proceedings_episode", schema=None) as batch_op:
        batch_op.drop_column("override_reason")
