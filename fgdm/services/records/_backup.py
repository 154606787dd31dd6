"""Backups: a consistent, complete copy taken while fgdm is in use, and a check that a copy can be restored.

On SQLite a backup is a copy of the database file made with SQLite's online backup API, so a copy taken
mid-edit is still a consistent database. On PostgreSQL it is every row of every table as JSON (staff in every
role and state, venues, every case and all it holds, letters' records and the whole audit trail), with the
schema revision and a SHA-256 checksum, and it restores on either back end. Either is written beside the
target and renamed into place, so a killed backup never leaves half a file and never truncates one.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import select

from fgdm import __version__
from fgdm.domain.enums import StaffRole
from fgdm.files import write_private
from fgdm.models import Case
from fgdm.services.records import _tables
from fgdm.services.shared import access, audit_trail
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import ValidationFailed
from fgdm.services.shared.reading import problem_reading
from fgdm.store.engine import sqlite_path
from fgdm.store.migrate import current_revision, head_revision, known_revisions

SQLITE_MAGIC = b"SQLite format 3\x00"
BACKUP_FORMAT = "fgdm-backup"
TABLES_VERSION = 2
"""Version 2 holds every table; version 1 (fgdm before 0.x) held case files only, and still restores."""
BACKUP_SIZE_LIMIT = 4 * 1024**3


@dataclass(frozen=True)
class BackupResult:
    path: Path
    kind: str
    cases: int


@dataclass(frozen=True)
class BackupCheck:
    """A backup that passed every check: what it holds and how it will be restored."""

    path: Path
    kind: str
    revision: str | None
    cases: int
    staff: int
    audit_events: int
    document: dict[str, Any] | None = None

    def summary(self) -> str:
        revision = f", schema revision {self.revision}" if self.revision else ""
        return (f"{self.path} is a sound fgdm backup ({self.kind}{revision}): {self.cases} cases, {self.staff} staff, "
                f"{self.audit_events} audit events")


def _case_count(ctx: ServiceContext) -> int:
    return ctx.session.exec(select(func.count()).select_from(Case)).one()


def backup(ctx: ServiceContext, target: Path) -> BackupResult:
    """Copy the whole store to `target` (a SQLite file, or JSON from PostgreSQL), and record that it was taken."""
    access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="back up the records")
    source = sqlite_path(str(ctx.session.get_bind().url))
    cases = _case_count(ctx)
    if source is not None:
        ctx.session.commit()
        write_private(target, lambda temporary: copy_sqlite(source, temporary), suffix=".sqlite3")
        kind = "sqlite"
    else:
        document = table_export(ctx)
        write_private(target, lambda temporary: temporary.write_text(
            json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"))
        kind = "json"
    with ctx.write():
        audit_trail.record_event(ctx.session, action="backup", table_name="database", record_id=None,
                                 case_id=None, details={"kind": kind, "cases": cases, "file": target.name})
    return BackupResult(path=target, kind=kind, cases=cases)


def _read_only(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite file, left as one self-contained file (no -wal beside it)."""
    with sqlite3.connect(_read_only(source), uri=True) as live, sqlite3.connect(target) as copy:
        live.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
    live.close()
    copy.close()


def table_export(ctx: ServiceContext) -> dict[str, Any]:
    """Every row of every table, with the schema revision and a checksum over both."""
    access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="back up the records")
    connection = ctx.session.connection()
    revision = current_revision(ctx.session.get_bind()) or head_revision()
    rows = _tables.dump(connection)
    return {"format": BACKUP_FORMAT, "version": TABLES_VERSION, "fgdm": __version__, "made_at": ctx.now().isoformat(),
            "revision": revision, "checksum": _tables.checksum(revision, rows), "tables": rows}


def full_export(ctx: ServiceContext) -> dict[str, Any]:
    """Every case as a case file, in one document that `fgdm import` reads back (version 1 of the backup)."""
    from fgdm.services.case_file import build_case_file

    access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="export every case")
    everything = ctx.session.exec(select(Case).order_by(Case.id)).all()
    now = ctx.now()
    return {"format": BACKUP_FORMAT, "version": 1, "fgdm": __version__,
            "cases": [build_case_file(ctx.session, case, now) for case in everything]}


def is_sqlite_file(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def _refuse(path: Path, why: str) -> ValidationFailed:
    return ValidationFailed.one("file", f"{path.name} cannot be restored: {why}")


def _check_revision(path: Path, revision: Any) -> str:
    if not isinstance(revision, str) or not revision:
        raise _refuse(path, "it does not say which schema revision it holds")
    if revision not in known_revisions():
        raise _refuse(path, f"it was made by a newer or unknown version of fgdm (schema revision {revision}); "
                            "restore it with that version, or upgrade fgdm")
    return revision


def _verify_sqlite(path: Path) -> BackupCheck:
    try:
        with sqlite3.connect(_read_only(path) + "&immutable=1", uri=True) as db:
            verdict = db.execute("PRAGMA integrity_check").fetchall()
            if verdict != [("ok",)]:
                raise _refuse(path, f"it is damaged (SQLite's integrity check: {verdict[0][0]}); use another backup")
            if db.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise _refuse(path, "some of its records point at records that are missing; use another backup")
            names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"alembic_version", "fgdm_case", "staff", "audit_event"} <= names:
                raise _refuse(path, "it is a SQLite database, but not one fgdm made")
            found = db.execute("SELECT version_num FROM alembic_version").fetchall()
            revision = _check_revision(path, found[0][0] if len(found) == 1 else None)
            counts = [db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                      for table in ("fgdm_case", "staff", "audit_event")]
        db.close()
    except sqlite3.DatabaseError as error:
        raise _refuse(path, f"it is damaged or not a database ({error}); use another backup") from None
    return BackupCheck(path, "sqlite", revision, *counts)


def _verify_json(path: Path) -> BackupCheck:
    document, problem = problem_reading(path, size_limit=BACKUP_SIZE_LIMIT)
    if problem is not None:
        raise _refuse(path, f"it is neither an fgdm SQLite backup nor JSON: the file {problem}")
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise _refuse(path, f"it is neither an fgdm SQLite backup nor an fgdm JSON backup "
                            f"(no \"format\": \"{BACKUP_FORMAT}\")")
    version = document.get("version")
    if version == 1:
        cases = document.get("cases")
        if not isinstance(cases, list) or not all(isinstance(case, dict) for case in cases):
            raise _refuse(path, "it has no list of \"cases\"")
        return BackupCheck(path, "json (case files only)", None, len(cases), 0, 0, document)
    if version != TABLES_VERSION:
        raise _refuse(path, f"its format version {version!r} is not one this fgdm reads (1 or {TABLES_VERSION})")
    revision = _check_revision(path, document.get("revision"))
    if revision != head_revision():
        raise _refuse(path, f"it holds schema revision {revision}, and this fgdm is at {head_revision()}: "
                            "restore it with the fgdm version that made it, then upgrade")
    rows = document.get("tables")
    problems = _tables.shape_problems(rows)
    if problems:
        raise _refuse(path, "; ".join(problems[:3]))
    if document.get("checksum") != _tables.checksum(revision, rows):
        raise _refuse(path, "its checksum does not match its contents: it was changed or damaged after it "
                            "was made; use another backup")
    return BackupCheck(path, "json", revision, len(rows.get("fgdm_case", [])), len(rows.get("staff", [])),
                       len(rows.get(_tables.AUDIT, [])), document)


def verify_backup(path: Path) -> BackupCheck:
    """Check a backup completely without changing anything; raises ValidationFailed naming what is wrong."""
    if path.is_dir() or not path.exists():
        raise ValidationFailed.one("file", f"{path} is not a file; give the backup file `fgdm backup` wrote")
    try:
        sqlite = is_sqlite_file(path)
    except OSError as error:
        raise ValidationFailed.one("file", f"cannot read {path}: {error.strerror or error}") from None
    return _verify_sqlite(path) if sqlite else _verify_json(path)
