"""row-level security: each login sees and changes only the rows of cases open to it

On the team deployment every member of staff connects as their own PostgreSQL login. fgdm's access checks
give the clear messages; these policies are the second wall, so that a coordinator's login used from psql
reads nothing of cases not allocated or shared to them. Managers and administrators read every case. The
owner (who runs migrations) owns the tables and is not bound by the policies.

The rules read who is connected (``session_user``) through functions that run with the owner's rights, so
the policies do not depend on the staff table's own privileges. Audit events also record the database login
that wrote them (a trigger, so a client cannot set it; only the owner's restore keeps the login an event
already carries). SQLite is single-user: only the column is added.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 18:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from fgdm.store import roles

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

DEFINER = "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp"

FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION fgdm_me() RETURNS integer {DEFINER} AS
$$ SELECT id FROM staff WHERE username = session_user AND active $$;

CREATE OR REPLACE FUNCTION fgdm_sees_every_case() RETURNS boolean {DEFINER} AS
$$ SELECT EXISTS (SELECT 1 FROM staff WHERE username = session_user AND active
                  AND role IN ('manager', 'administrator')) $$;

CREATE OR REPLACE FUNCTION fgdm_case_open(coordinator_id integer, referrer_id integer, case_id integer)
RETURNS boolean {DEFINER} AS
$$ SELECT fgdm_sees_every_case() OR fgdm_me() IN ($1, $2)
          OR EXISTS (SELECT 1 FROM case_share s WHERE s.case_id = $3 AND s.staff_id = fgdm_me()) $$;

CREATE OR REPLACE FUNCTION fgdm_case_visible(case_id integer) RETURNS boolean {DEFINER} AS
$$ SELECT EXISTS (SELECT 1 FROM fgdm_case c WHERE c.id = $1
                  AND fgdm_case_open(c.coordinator_id, c.referrer_id, c.id)) $$;

CREATE OR REPLACE FUNCTION fgdm_person_visible(person_id integer) RETURNS boolean {DEFINER} AS
$$ SELECT fgdm_sees_every_case()
          OR EXISTS (SELECT 1 FROM network_member m WHERE m.person_id = $1 AND fgdm_case_visible(m.case_id))
          OR EXISTS (SELECT 1 FROM case_child c WHERE c.person_id = $1 AND fgdm_case_visible(c.case_id)) $$;

CREATE OR REPLACE FUNCTION fgdm_create_login(username text, verifier text, grp text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF grp NOT IN ('fgdm_coordinator', 'fgdm_manager', 'fgdm_administrator') THEN
        RAISE EXCEPTION 'there is no fgdm group %', grp;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = username) THEN
        RAISE EXCEPTION 'a database login % already exists; choose another username', username;
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', username, verifier);
    EXECUTE format('GRANT %I TO %I', grp, username);
END $$;

CREATE OR REPLACE FUNCTION fgdm_disable_login(username text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = username) THEN
        RETURN;  -- a member of staff with a record only (no login) has nothing to disable
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles r WHERE r.rolname = username
                   AND (pg_has_role(r.oid, 'fgdm_coordinator', 'MEMBER') OR pg_has_role(r.oid, 'fgdm_manager', 'MEMBER')
                        OR pg_has_role(r.oid, 'fgdm_administrator', 'MEMBER'))) THEN
        RAISE EXCEPTION 'there is no fgdm login %', username;
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', username);
END $$;

CREATE OR REPLACE FUNCTION fgdm_audit_login() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Only the owner's restore of a backup keeps the login an event already carries; anything else is named.
    IF coalesce(current_setting('fgdm.restoring', true), '') <> 'on'
       OR NOT pg_has_role(session_user, (SELECT datdba FROM pg_database WHERE datname = current_database()),
                          'MEMBER') THEN
        NEW.login = session_user;
    END IF;
    RETURN NEW;
END $$;
"""

BY_CASE = ("case_child", "network_member", "agency", "meeting", "fgdm_offer", "best_interests_exception",
           "letter_record", "family_plan", "support_item", "case_share", "child_attention")
"""Tables whose rows belong to one case through their own case_id."""

BY_PARENT = {
    "meeting_attendee": "meeting_id IN (SELECT id FROM meeting)",
    "warning_override": "meeting_id IN (SELECT id FROM meeting)",
    "plan_question": "plan_id IN (SELECT id FROM family_plan)",
    "plan_action": "plan_id IN (SELECT id FROM family_plan)",
    "plan_distribution": "plan_id IN (SELECT id FROM family_plan)",
    "child_outcome": "case_child_id IN (SELECT id FROM case_child)",
}
"""Tables reached through a parent whose own policy decides (a subquery under row-level security is filtered)."""

POLICIES = [
    ("fgdm_case", "ALL", "fgdm_case_open(coordinator_id, referrer_id, id)",
     "fgdm_case_open(coordinator_id, referrer_id, id)"),
    *((table, "ALL", "fgdm_case_visible(case_id)", "fgdm_case_visible(case_id)") for table in BY_CASE),
    *((table, "ALL", rule, rule) for table, rule in BY_PARENT.items()),
    # A person is seen through any case open to the login; a new person is added before their membership.
    ("person", "SELECT", "fgdm_person_visible(id)", None),
    ("person", "INSERT", None, "fgdm_me() IS NOT NULL"),
    ("person", "UPDATE", "fgdm_person_visible(id)", "true"),
    ("person", "DELETE", "fgdm_person_visible(id)", None),
    ("relationship", "ALL", "fgdm_person_visible(from_person_id) AND fgdm_person_visible(to_person_id)",
     "fgdm_person_visible(from_person_id) AND fgdm_person_visible(to_person_id)"),
    ("audit_event", "SELECT", "fgdm_sees_every_case() OR login = session_user "
                              "OR (case_id IS NOT NULL AND fgdm_case_visible(case_id))", None),
    ("audit_event", "INSERT", None, "case_id IS NULL OR fgdm_case_visible(case_id)"),
    ("audit_event", "UPDATE", "fgdm_sees_every_case()", "true"),
]
TABLES = sorted({table for table, *_ in POLICIES})


def _policy(table: str, command: str, using: str | None, check: str | None) -> str:
    clauses = (f" USING ({using})" if using else "") + (f" WITH CHECK ({check})" if check else "")
    return f"CREATE POLICY fgdm_{command.lower()} ON {table} FOR {command}{clauses}"


def upgrade() -> None:
    with op.batch_alter_table("audit_event") as batch_op:
        batch_op.add_column(sa.Column("login", sa.String(length=64), nullable=True))
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTIONS)
    op.execute("CREATE TRIGGER audit_event_login BEFORE INSERT ON audit_event "
               "FOR EACH ROW EXECUTE FUNCTION fgdm_audit_login()")
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for policy in POLICIES:
        op.execute(_policy(*policy))
    if roles.groups_exist(op.get_bind()):
        roles.grant(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, command, *_ in POLICIES:
            op.execute(f"DROP POLICY IF EXISTS fgdm_{command.lower()} ON {table}")
        for table in TABLES:
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute("DROP TRIGGER IF EXISTS audit_event_login ON audit_event")
        for function in ("fgdm_audit_login()", "fgdm_disable_login(text)", "fgdm_create_login(text, text, text)",
                         "fgdm_person_visible(integer)", "fgdm_case_visible(integer)",
                         "fgdm_case_open(integer, integer, integer)", "fgdm_sees_every_case()", "fgdm_me()"):
            op.execute(f"DROP FUNCTION IF EXISTS {function}")
    with op.batch_alter_table("audit_event") as batch_op:
        batch_op.drop_column("login")
