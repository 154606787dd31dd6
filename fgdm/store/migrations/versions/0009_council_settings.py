"""council policy in the database

The approval threshold, budgets, retention periods, support categories and the names printed on letters
were read from each user's environment or config file, so anyone could loosen a rule for themselves. They
are now rows an administrator changes (``fgdm settings set``), audited like every other record. A setting
with no row takes fgdm's default; the first start after this upgrade moves a config file's values in.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 17:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "council_setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("council_setting")
