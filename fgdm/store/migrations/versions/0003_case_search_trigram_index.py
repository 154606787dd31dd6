"""case search: a trigram index on PostgreSQL

The case list finds a case by any name in it with ``search_text LIKE '%word%'``, which no b-tree can serve,
so on PostgreSQL every keystroke read every case. A GIN index of pg_trgm trigrams serves it (for words of
three letters or more; shorter words still read the table). ``search_text`` is already casefolded, so the
index is on the column itself, the very expression the search compares.

PostgreSQL only: SQLite reads its one local file fast enough (the models cannot declare an index for one
back end, so fgdm.store.schema_compare leaves this one out of the migrations-match-models comparison).
pg_trgm is a trusted extension, which the owner of the database may create; where the role may not (or the
server lacks it), the index is skipped with a logged warning and searching works as before, only slower.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from __future__ import annotations

import logging

from alembic import op
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

log = logging.getLogger("fgdm.store.migrations")

INDEX = "ix_fgdm_case_search_text_trgm"
"""Written out, not imported: a migration says what it did then, whatever the code says later."""
CREATE_INDEX = f"CREATE INDEX IF NOT EXISTS {INDEX} ON fgdm_case USING gin (search_text gin_trgm_ops)"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    try:
        with bind.begin_nested():
            bind.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except DBAPIError as error:
        log.warning("The case search index was not made: this database role cannot create the pg_trgm extension "
                    "(%s). Searching works but reads every case. A database administrator can add it with: "
                    "CREATE EXTENSION pg_trgm; %s;", " ".join(str(error.orig).split()), CREATE_INDEX)
        return
    bind.execute(text(CREATE_INDEX))


def downgrade() -> None:
    """The extension stays: other databases' objects on the server may use it."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {INDEX}")
