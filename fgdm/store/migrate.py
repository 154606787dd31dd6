"""Alembic, driven from code: the schema is only ever created or changed by these migrations."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from fgdm.store.engine import sqlite_path

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


@cache
def _scripts() -> ScriptDirectory:
    """The migrations shipped with this fgdm, read once: they cannot change while it runs."""
    return ScriptDirectory(str(MIGRATIONS))


def head_revision() -> str:
    script = _scripts()
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def backup_sqlite_file(engine: Engine, label: str = "pre-migration") -> Path | None:
    """Copy the SQLite file aside with the online backup API, so a half-run migration can be undone."""
    path = sqlite_path(str(engine.url))
    if path is None or not path.exists() or path.stat().st_size == 0:
        return None
    import sqlite3

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    target.touch(mode=0o600)
    with sqlite3.connect(path) as source, sqlite3.connect(target) as dest:
        source.backup(dest)
    dest.close()
    return target


def upgrade(engine: Engine, revision: str = "head", *, backup: bool = True) -> Path | None:
    """Bring the schema to ``revision``; returns the backup made first, if any."""
    copy = None
    if backup and current_revision(engine) is not None and needs_upgrade(engine):
        copy = backup_sqlite_file(engine)
    command.upgrade(alembic_config(engine), revision)
    if engine.dialect.name == "postgresql":
        from fgdm.store import roles

        with engine.begin() as connection:
            if roles.groups_exist(connection):
                roles.grant(connection)
    return copy


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)



def known_revisions() -> frozenset[str]:
    """Every schema revision this version of fgdm can bring up to date."""
    return frozenset(revision.revision for revision in _scripts().walk_revisions())
