"""PostgreSQL logins for the team deployment: the three group roles, their grants, and a login per member of staff.

Each member of staff connects as their own login, a member of ``fgdm_coordinator``, ``fgdm_manager`` or
``fgdm_administrator``. The group roles hold the table privileges; row-level security (migration 0010) decides
which rows each login may see or change. The database owner (who runs migrations) keeps every right and is the
only one who sets the roles up; administrators add and disable logins through ``fgdm_create_login`` and
``fgdm_disable_login``, functions that run with the owner's rights and check who calls them.
"""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from fgdm.domain.enums import StaffRole

GROUPS = {StaffRole.COORDINATOR: "fgdm_coordinator", StaffRole.REFERRER: "fgdm_coordinator",
          StaffRole.MANAGER: "fgdm_manager", StaffRole.ADMINISTRATOR: "fgdm_administrator"}
"""The group role a member of staff's login joins, by their role in fgdm (a referrer reads as a coordinator)."""

ALL_GROUPS = ("fgdm_coordinator", "fgdm_manager", "fgdm_administrator")
_EVERYONE = ", ".join(ALL_GROUPS)

_CREATE_GROUPS = """
DO $$
DECLARE name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['fgdm_coordinator', 'fgdm_manager', 'fgdm_administrator'] LOOP
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) THEN
                EXECUTE format('CREATE ROLE %I NOLOGIN', name);
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
    END LOOP;
END $$
"""

GRANTS = (
    f"GRANT USAGE ON SCHEMA public TO {_EVERYONE}",
    f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {_EVERYONE}",
    f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {_EVERYONE}",
    # The schema is the owner's (migrations), staff and the council's settings are the administrators'.
    f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {_EVERYONE}",
    "REVOKE INSERT, UPDATE, DELETE ON staff, council_setting FROM fgdm_coordinator, fgdm_manager",
    # Subject access answers are for managers and administrators only (and row-level security says so too).
    # (An upgrade grants at migration 0010 too, before the table exists.)
    "DO $$ BEGIN IF to_regclass('subject_access_draft') IS NOT NULL THEN "
    "REVOKE ALL ON subject_access_draft FROM fgdm_coordinator; END IF; END $$",
    # The audit trail is append-only; an administrator's erasure may only redact (the trigger of migration 0002).
    f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM {_EVERYONE}",
    "GRANT UPDATE ON audit_event TO fgdm_administrator",
    f"REVOKE TRUNCATE ON ALL TABLES IN SCHEMA public FROM {_EVERYONE}",
    "REVOKE ALL ON FUNCTION fgdm_create_login(text, text, text), fgdm_disable_login(text) FROM PUBLIC",
    "GRANT EXECUTE ON FUNCTION fgdm_create_login(text, text, text), fgdm_disable_login(text) TO fgdm_administrator",
)


class LoginProblem(ValueError):
    """The server refused to make or change a login; the message is the server's own sentence."""


def _server_says(connection: Connection, statement: str, values: dict[str, str]) -> None:
    try:
        with connection.begin_nested():
            connection.execute(text(statement), values)
    except DBAPIError as error:
        raise LoginProblem(str(error.orig).splitlines()[0]) from None


def groups_exist(connection: Connection) -> bool:
    found = connection.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)"),
                               {"names": list(ALL_GROUPS)}).scalar_one()
    return found == len(ALL_GROUPS)


def grant(connection: Connection) -> None:
    """Give the group roles their privileges on every table there is now (run again after each upgrade)."""
    for statement in GRANTS:
        connection.execute(text(statement))


def set_up(connection: Connection) -> None:
    """Create the three group roles if missing and grant them (the owner, with CREATEROLE, once per database)."""
    connection.execute(text(_CREATE_GROUPS))
    grant(connection)


def create_login(connection: Connection, username: str, password: str, role: StaffRole) -> None:
    """A login for a new member of staff, in their role's group; the password travels as a SCRAM verifier."""
    raw = connection.connection.dbapi_connection
    verifier = raw.pgconn.encrypt_password(password.encode(), username.encode(), b"scram-sha-256").decode()
    _server_says(connection, "SELECT fgdm_create_login(:username, :verifier, :grp)",
                 {"username": username, "verifier": verifier, "grp": GROUPS[role]})


def disable_login(connection: Connection, username: str) -> None:
    """The member of staff has left: their login may no longer connect (the role and its history stay)."""
    _server_says(connection, "SELECT fgdm_disable_login(:username)", {"username": username})


def session_login(connection: Connection) -> tuple[str, bool]:
    """Who is connected, as the server says, and whether that login owns the database (or is a superuser)."""
    row = connection.execute(text(
        "SELECT session_user, pg_has_role(session_user, d.datdba, 'MEMBER') OR r.rolsuper "
        "FROM pg_database d, pg_roles r WHERE d.datname = current_database() AND r.rolname = session_user")).one()
    return str(row[0]), bool(row[1])
