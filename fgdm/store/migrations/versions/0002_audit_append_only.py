"""audit events are append-only

The only change a database accepts to an audit event is the redaction of its values once the case (or the
person) it describes has been erased under the retention schedule: the erasure itself is audited, and
everything else about the event (who, when, what record) stays.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

REDACTION_ONLY = """
    NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor = OLD.actor AND NEW.action = OLD.action
    AND NEW.table_name = OLD.table_name
    AND {same}(NEW.record_id, OLD.record_id) AND {same}(NEW.case_id, OLD.case_id)
    AND (
        (OLD.case_id IS NOT NULL
         AND EXISTS (SELECT 1 FROM fgdm_case WHERE fgdm_case.id = OLD.case_id AND fgdm_case.erased_at IS NOT NULL))
        OR (OLD.table_name = 'person'
            AND EXISTS (SELECT 1 FROM person WHERE person.id = OLD.record_id AND person.erased_at IS NOT NULL))
    )
"""

SQLITE_UPDATE = f"""
CREATE TRIGGER audit_event_append_only_update BEFORE UPDATE ON audit_event
WHEN NOT ({REDACTION_ONLY.format(same="fgdm_same")})
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END
"""

SQLITE_DELETE = """
CREATE TRIGGER audit_event_append_only_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END
"""

POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION fgdm_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND ({REDACTION_ONLY.format(same="fgdm_same")}) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit events are append-only';
END
$$ LANGUAGE plpgsql
"""

POSTGRES_ROLES = """
DO $$ BEGIN
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'fgdm_app') THEN
        REVOKE DELETE, TRUNCATE ON audit_event FROM fgdm_app;
    END IF;
END $$
"""


def _same_for(dialect: str) -> str:
    """NULL-safe equality, spelled per back end (the template above calls it fgdm_same)."""
    return "IS" if dialect == "sqlite" else "IS NOT DISTINCT FROM"


def _expand(sql: str, dialect: str) -> str:
    import re

    return re.sub(r"fgdm_same\(([^,]+), ([^)]+)\)", lambda m: f"{m[1]} {_same_for(dialect)} {m[2]}", sql)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(_expand(SQLITE_UPDATE, dialect))
        op.execute(SQLITE_DELETE)
    elif dialect == "postgresql":
        op.execute(_expand(POSTGRES_FUNCTION, dialect))
        op.execute("CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
                   "FOR EACH ROW EXECUTE FUNCTION fgdm_audit_append_only()")
        op.execute(POSTGRES_ROLES)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_event_append_only_update")
        op.execute("DROP TRIGGER IF EXISTS audit_event_append_only_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event")
        op.execute("DROP FUNCTION IF EXISTS fgdm_audit_append_only()")
