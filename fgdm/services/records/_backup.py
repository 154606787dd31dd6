"""Backups and restores: a consistent copy taken while fgdm is in use, and a restore into an empty store.

SQLite backups use SQLite's online backup API, so a copy taken mid-edit is still a consistent database.
PostgreSQL backups are a full JSON export of every case (portable to SQLite too); a council that wants
pg_dump as well runs it with its own credentials and retention, which fgdm cannot know.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import select

from fgdm import __version__
from fgdm.config import Settings
from fgdm.domain.enums import StaffRole
from fgdm.models import Case
from fgdm.services.shared import access, audit_trail
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.services.shared.errors import ValidationFailed
from fgdm.store.engine import sqlite_path
from fgdm.store.migrate import upgrade

SQLITE_MAGIC = b"SQLite format 3\x00"
BACKUP_FORMAT = "fgdm-backup"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    kind: str
    cases: int


def _private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def _case_count(ctx: ServiceContext) -> int:
    return ctx.session.exec(select(func.count()).select_from(Case)).one()


def backup(ctx: ServiceContext, target: Path) -> BackupResult:
    access.require_role(ctx, StaffRole.ADMINISTRATOR, StaffRole.MANAGER, doing="back up the records")
    source = sqlite_path(str(ctx.session.get_bind().url))
    cases = _case_count(ctx)
    if source is not None:
        ctx.session.commit()
        _private_file(target)
        with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
            live.backup(copy)
        copy.close()
        kind = "sqlite"
    else:
        document = full_export(ctx)
        _private_file(target)
        target.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        kind = "json"
    with ctx.write():
        audit_trail.record_event(ctx.session, action="backup", table_name="database", record_id=None,
                                 case_id=None, details={"kind": kind, "cases": cases, "file": target.name})
    return BackupResult(path=target, kind=kind, cases=cases)


def full_export(ctx: ServiceContext) -> dict[str, Any]:
    """Every case as a case file, in one document that `restore` (or `fgdm import`) reads back."""
    from fgdm.services.case_file import build_case_file

    access.require_role(ctx, StaffRole.ADMINISTRATOR, StaffRole.MANAGER, doing="export every case")
    everything = ctx.session.exec(select(Case).order_by(Case.id)).all()
    now = ctx.now()
    return {"format": BACKUP_FORMAT, "version": 1, "fgdm": __version__,
            "cases": [build_case_file(ctx.session, case, now) for case in everything]}


def is_sqlite_file(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def restore(ctx: ServiceContext, source: Path) -> int:
    """Restore a backup into this store, which must hold no cases; returns how many cases it now holds."""
    access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="restore a backup")
    if not source.is_file():
        raise ValidationFailed.one("file", f"{source} does not exist")
    if _case_count(ctx) > 0:
        raise ValidationFailed.one("database", "restore only into an empty database: this one already holds "
                                               "cases. Point --db at a new file or database")
    if is_sqlite_file(source):
        return _restore_sqlite(ctx, source)
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationFailed.one("file", f"{source.name} is neither an fgdm SQLite backup nor JSON: {error}"
                                   ) from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise ValidationFailed.one("file", f"{source.name} is not an fgdm backup (no \"format\": \"{BACKUP_FORMAT}\")")
    from fgdm.services import case_file

    case_file.import_case_files(ctx, document["cases"], as_records=True)
    return _case_count(ctx)


def _restore_sqlite(ctx: ServiceContext, source: Path) -> int:
    target = sqlite_path(str(ctx.session.get_bind().url))
    if target is not None:
        ctx.session.close()
        ctx.session.get_bind().dispose()
        with sqlite3.connect(source) as backup_db, sqlite3.connect(target) as live:
            backup_db.backup(live)
        live.close()
        upgrade(ctx.session.get_bind(), backup=False)
        return _case_count(ctx)
    from fgdm.services import case_file

    scratch = Workspace(Settings(database_url=f"sqlite:///{source}"), clock=ctx.clock)
    try:
        with scratch.context() as old:
            documents = full_export(old)["cases"]
    finally:
        scratch.dispose()
    case_file.import_case_files(ctx, documents, as_records=True)
    return _case_count(ctx)
