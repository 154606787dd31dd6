"""Alembic, driven from code: the schema is only ever created or changed by these migrations.

Every start asks whether the schema is at the newest migration. It asks with one query and the newest
revision this version works with (`fgdm.store.revision.HEAD_REVISION`), so Alembic (and the templating library
it brings, a fifth of a second of a start) is imported only when there is something to migrate.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from fgdm.store.engine import sqlite_path
from fgdm.store.revision import HEAD_REVISION

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"



def _without_highlighting() -> None:
    """Let Alembic's templating library (Mako) fall back to plain error pages, as it does where Pygments is not
    installed: it imports Pygments' lexers only to colour HTML tracebacks, which fgdm never shows, and that was a
    third of importing Alembic to create a new database. Called before each first import of Alembic."""
    sys.modules.setdefault("mako.ext.pygmentplugin", None)  # type: ignore[arg-type]


def alembic_config(engine: Engine) -> Config:
    _without_highlighting()
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


@cache
def _scripts() -> ScriptDirectory:
    """The migrations shipped with this fgdm, read once: they cannot change while it runs."""
    _without_highlighting()
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS))


def head_revision() -> str:
    """The head of the migrations folder, as Alembic reads it (the start uses `HEAD_REVISION`)."""
    script = _scripts()
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database's schema is at, or None for a database no migration has touched.

    One query for a database with its one revision; anything else (no version table yet, two revisions) is
    left to Alembic, which says which.
    """
    with engine.connect() as connection:
        try:
            revisions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        except DBAPIError:
            connection.rollback()
            revisions = []
        if len(revisions) == 1:
            return str(revisions[0])
        _without_highlighting()
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(connection).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != HEAD_REVISION


def backup_sqlite_file(engine: Engine, label: str = "pre-migration") -> Path | None:
    """Copy the SQLite file aside with the online backup API, so a half-run migration can be undone."""
    path = sqlite_path(str(engine.url))
    if path is None or not path.exists() or path.stat().st_size == 0:
        return None
    import sqlite3

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    from fgdm.files import write_private

    def copy(temporary: Path) -> None:
        with sqlite3.connect(path) as source, sqlite3.connect(temporary) as dest:
            source.backup(dest)
        dest.close()

    return write_private(target, copy, suffix=path.suffix)


def upgrade(engine: Engine, revision: str = "head", *, backup: bool = True) -> Path | None:
    """Bring the schema to ``revision``; returns the backup made first, if any."""
    copy = None
    if backup and current_revision(engine) is not None and needs_upgrade(engine):
        copy = backup_sqlite_file(engine)
    config = alembic_config(engine)
    from alembic import command

    command.upgrade(config, revision)
    if engine.dialect.name == "postgresql":
        from fgdm.store import roles

        with engine.begin() as connection:
            if roles.groups_exist(connection):
                roles.grant(connection)
    return copy


def downgrade(engine: Engine, revision: str) -> None:
    config = alembic_config(engine)
    from alembic import command

    command.downgrade(config, revision)



def known_revisions() -> frozenset[str]:
    """Every schema revision this version of fgdm can bring up to date."""
    return frozenset(revision.revision for revision in _scripts().walk_revisions())
