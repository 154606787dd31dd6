"""The database's schema revision: where it stands against this version of fgdm, and bringing it up to date.

Migrations run automatically (with a copy of a SQLite file first) when a workspace opens; an administrator can
also run them on their own, before the first start after an upgrade, and see where a database stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from fgdm.config import Settings
from fgdm.services.shared.errors import PermissionDenied, ValidationFailed
from fgdm.store import roles
from fgdm.store.engine import make_engine
from fgdm.store.migrate import current_revision, head_revision, upgrade


@dataclass(frozen=True)
class SchemaVersion:
    current: str | None
    latest: str


@dataclass(frozen=True)
class SchemaUpgrade:
    before: str | None
    after: str | None
    latest: str
    copy: Path | None


def schema_version(settings: Settings) -> SchemaVersion:
    """The revision the database is at (None when it is empty) and the latest this version knows."""
    engine = make_engine(settings.database_url)
    try:
        return SchemaVersion(current_revision(engine), head_revision())
    finally:
        engine.dispose()


def _owner_only(engine: Engine, doing: str) -> None:
    """Changing the schema or the roles is the database owner's: a member of staff's own login is refused."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as connection:
        login, owner = roles.session_login(connection)
    if not owner:
        raise PermissionDenied(f"only the database owner's login may {doing}; you are logged in as {login}")


def upgrade_schema(settings: Settings) -> SchemaUpgrade:
    """Migrate to the latest revision, copying a SQLite file aside first when the settings ask for it."""
    engine = make_engine(settings.database_url)
    try:
        _owner_only(engine, "upgrade the database")
        before = current_revision(engine)
        copy = upgrade(engine, backup=settings.auto_backup)
        return SchemaUpgrade(before, current_revision(engine), head_revision(), copy)
    finally:
        engine.dispose()


def set_up_roles(settings: Settings) -> None:
    """Create the group roles of the team deployment and grant them (the database owner, once; again is harmless).

    The owner's login needs CREATEROLE (or to be a superuser) for this and for adding staff logins.
    """
    engine = make_engine(settings.database_url)
    try:
        if engine.dialect.name != "postgresql":
            raise ValidationFailed.one("database", "roles are for the team database on PostgreSQL; a SQLite file "
                                                   "has one user, whoever owns the file")
        _owner_only(engine, "set up the database roles")
        with engine.begin() as connection:
            roles.set_up(connection)
    finally:
        engine.dispose()
