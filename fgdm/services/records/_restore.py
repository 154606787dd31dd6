"""Restores that cannot hurt: the backup is checked completely before anything is touched.

Into a SQLite file, the restored database is built beside the target, checked, and renamed over it, so a bad
backup or a killed restore leaves the target exactly as it was. Into PostgreSQL, everything happens in one
transaction. Either way the target's own audit trail is kept beside the backup's, and the restore itself is
recorded.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text
from sqlmodel import Session

from fgdm.config import Settings
from fgdm.domain.enums import StaffRole
from fgdm.models import AuditEvent, Case
from fgdm.services.records import _tables
from fgdm.services.records._backup import BackupCheck, copy_sqlite, verify_backup
from fgdm.services.shared import access, audit_trail
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.services.shared.errors import ValidationFailed
from fgdm.store.engine import make_engine, sqlite_path
from fgdm.store.migrate import upgrade


def _case_count(connection: Connection) -> int:
    return connection.execute(select(func.count()).select_from(Case)).scalar_one()


def restore(ctx: ServiceContext, source: Path) -> int:
    """Restore a checked backup into this store, which must hold no cases; returns how many cases it now holds."""
    access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="restore a backup")
    check = verify_backup(source)
    if _case_count(ctx.session.connection()) > 0:
        raise ValidationFailed.one("database", "restore only into an empty database: this one already holds "
                                               "cases. Point --db at a new file or database")
    target = sqlite_path(str(ctx.session.get_bind().url))
    if target is not None:
        return _restore_beside(ctx, check, target)
    with ctx.write() as session:
        if check.document is not None and "cases" in check.document:
            from fgdm.services import case_file

            case_file.import_case_files(ctx, check.document["cases"], as_records=True)
        else:
            _tables.clear(session.connection())
            if session.get_bind().dialect.name == "postgresql":  # the events keep the logins they carry
                session.connection().execute(text("SET LOCAL fgdm.restoring = 'on'"))
            _tables.load(session.connection(), _rows_of(check))
            if session.get_bind().dialect.name == "postgresql":
                session.connection().execute(text("SET LOCAL fgdm.restoring = 'off'"))
        _record(ctx, session, check)
    return _case_count(ctx.session.connection())


def _rows_of(check: BackupCheck) -> _tables.Rows:
    if check.kind == "sqlite":
        return _rows_of_sqlite(check.path)
    assert check.document is not None
    return check.document["tables"]


def _restore_beside(ctx: ServiceContext, check: BackupCheck, target: Path) -> int:
    """Build the restored database in a new file beside the target, then rename it over the target."""
    kept = _audit_rows(ctx.session.connection())
    ctx.session.rollback()
    building = target.with_name(f".{target.name}.restoring-{uuid.uuid4().hex}")
    try:
        if check.kind == "sqlite":
            copy_sqlite(check.path, building)
        engine = make_engine(f"sqlite:///{building}")
        try:
            upgrade(engine, backup=False)
            if check.document is not None:
                _fill_from_json(ctx, engine, check.document)
            with Session(engine) as session:
                session.info["actor"] = ctx.actor.username
                session.info["clock"] = ctx.clock
                _append_audit(session.connection(), kept)
                _record(ctx, session, check)
                session.commit()
                cases = _case_count(session.connection())
        finally:
            engine.dispose()
        _settle(building)
        _swap(ctx, building, target)
    finally:
        for leftover in (building, *_companions(building)):
            leftover.unlink(missing_ok=True)
    return cases


def _fill_from_json(ctx: ServiceContext, engine: Engine, document: dict[str, Any]) -> None:
    """Load a JSON backup into the new, empty database: every table, or (version 1) its case files."""
    if "tables" in document:
        with engine.begin() as connection:
            _tables.load(connection, document["tables"])
        return
    from fgdm.services import case_file

    scratch = Workspace(Settings(database_url=str(engine.url)), clock=ctx.clock, engine=engine, migrate=False)
    with scratch.context("") as owner:
        case_file.import_case_files(owner, document["cases"], as_records=True)


def _rows_of_sqlite(path: Path) -> _tables.Rows:
    """Every row of a SQLite backup, brought up to this fgdm's schema in a scratch copy first."""
    scratch = path.with_name(f".{path.name}.reading-{uuid.uuid4().hex}")
    try:
        copy_sqlite(path, scratch)
        engine = make_engine(f"sqlite:///{scratch}")
        try:
            upgrade(engine, backup=False)
            with engine.connect() as connection:
                return _tables.dump(connection)
        finally:
            engine.dispose()
    finally:
        for leftover in (scratch, *_companions(scratch)):
            leftover.unlink(missing_ok=True)


def _audit_rows(connection: Connection) -> list[dict[str, Any]]:
    """The target's own audit trail, to keep after the backup's."""
    table = AuditEvent.__table__  # type: ignore[attr-defined]
    return [dict(row) for row in connection.execute(select(table).order_by(table.c.id)).mappings()]


def _append_audit(connection: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        table = AuditEvent.__table__  # type: ignore[attr-defined]
        connection.execute(insert(table), [{k: v for k, v in row.items() if k != "id"} for row in rows])


def _record(ctx: ServiceContext, session: Session, check: BackupCheck) -> None:
    audit_trail.record_event(session, action="restore", table_name="database", record_id=None, case_id=None,
                             details={"file": check.path.name, "kind": check.kind, "revision": check.revision,
                                      "cases": check.cases, "staff": check.staff,
                                      "audit_events": check.audit_events, "by": ctx.actor.username})


def _companions(path: Path) -> tuple[Path, ...]:
    return tuple(path.with_name(path.name + tail) for tail in ("-wal", "-shm", "-journal"))


def _settle(path: Path) -> None:
    """Leave the built database as one self-contained, owner-only file, checked once more."""
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=DELETE")
        if db.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise ValidationFailed.one("file", "the restored database failed SQLite's integrity check; the target "
                                               "was left as it was")
    db.close()
    os.chmod(path, 0o600)
    with path.open("rb+") as built:
        os.fsync(built.fileno())


def _swap(ctx: ServiceContext, building: Path, target: Path) -> None:
    """Fold the target's WAL into it, close every connection, and rename the built file over it."""
    ctx.session.close()
    ctx.session.get_bind().dispose()
    with sqlite3.connect(target) as db:  # fold the WAL in, so no stale -wal is laid over the new file
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    for companion in _companions(target):
        companion.unlink(missing_ok=True)
    os.replace(building, target)
