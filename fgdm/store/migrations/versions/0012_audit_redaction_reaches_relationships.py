"""erasure may redact audit events about the erased people's relationships

An event about a relationship carries no case id, so the append-only rule of 0002 refused to redact it and a
relationship's notes ("... hit ...") outlived the erasure of both people. The rule now also accepts the
redaction of an event about a relationship that touches an erased person, or that no longer exists (erasure
deletes those relationships; one deleted earlier left its values only in its events). As before, nothing
but the values may change.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""
from __future__ import annotations

import re

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

IDENTITY_KEPT = """
    NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor = OLD.actor AND NEW.action = OLD.action
    AND NEW.table_name = OLD.table_name
    AND fgdm_same(NEW.record_id, OLD.record_id) AND fgdm_same(NEW.case_id, OLD.case_id)
"""

ERASED_SUBJECT = """
        (OLD.case_id IS NOT NULL
         AND EXISTS (SELECT 1 FROM fgdm_case WHERE fgdm_case.id = OLD.case_id AND fgdm_case.erased_at IS NOT NULL))
        OR (OLD.table_name = 'person'
            AND EXISTS (SELECT 1 FROM person WHERE person.id = OLD.record_id AND person.erased_at IS NOT NULL))
"""

ERASED_RELATIONSHIP = """
        OR (OLD.table_name = 'relationship'
            AND (NOT EXISTS (SELECT 1 FROM relationship WHERE relationship.id = OLD.record_id)
                 OR EXISTS (SELECT 1 FROM relationship JOIN person
                            ON person.id = relationship.from_person_id OR person.id = relationship.to_person_id
                            WHERE relationship.id = OLD.record_id AND person.erased_at IS NOT NULL)))
"""


def _rule(with_relationships: bool, dialect: str) -> str:
    subjects = ERASED_SUBJECT + (ERASED_RELATIONSHIP if with_relationships else "")
    same = "IS" if dialect == "sqlite" else "IS NOT DISTINCT FROM"
    rule = f"{IDENTITY_KEPT} AND ({subjects})"
    return re.sub(r"fgdm_same\(([^,]+), ([^)]+)\)", lambda m: f"{m[1]} {same} {m[2]}", rule)


def _install(with_relationships: bool) -> None:
    dialect = op.get_bind().dialect.name
    rule = _rule(with_relationships, dialect)
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_event_append_only_update")
        op.execute(f"CREATE TRIGGER audit_event_append_only_update BEFORE UPDATE ON audit_event WHEN NOT ({rule}) "
                   "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END")
    elif dialect == "postgresql":
        op.execute(f"""
CREATE OR REPLACE FUNCTION fgdm_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND ({rule}) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit events are append-only';
END
$$ LANGUAGE plpgsql""")


def upgrade() -> None:
    _install(with_relationships=True)


def downgrade() -> None:
    _install(with_relationships=False)
