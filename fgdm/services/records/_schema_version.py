"""The database's schema revision: where it stands against this version of fgdm, and bringing it up to date.

Migrations run automatically (with a copy of a SQLite file first) when a workspace opens; an administrator can
also run them on their own, before the first start after an upgrade, and see where a database stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fgdm.config import Settings
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


def upgrade_schema(settings: Settings) -> SchemaUpgrade:
    """Migrate to the latest revision, copying a SQLite file aside first when the settings ask for it."""
    engine = make_engine(settings.database_url)
    try:
        before = current_revision(engine)
        copy = upgrade(engine, backup=settings.auto_backup)
        return SchemaUpgrade(before, current_revision(engine), head_revision(), copy)
    finally:
        engine.dispose()
