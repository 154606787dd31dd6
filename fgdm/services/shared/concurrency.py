"""Optimistic locking as users meet it: a save over someone else's change is refused with both values."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, select, text
from sqlmodel import Session

from fgdm.services.shared.errors import Conflict


def check_version(record: Any, label: str, expected_version: int | None, changes: dict[str, Any],
                  opened: dict[str, Any] | None = None) -> None:
    """Refuse a save if the record changed since it was opened; report each field's value beside the user's.

    ``expected_version`` is the version the user opened (None skips the check, for scripts that do not
    hold a record open); ``opened`` limits the report to the fields that really differ from what they saw.
    """
    if expected_version is None or record.version == expected_version:
        return
    differences = {name: (getattr(record, name), value) for name, value in changes.items()
                   if opened is None or opened.get(name) != getattr(record, name)}
    raise Conflict(label, differences)


def take_turn(session: Session, what: str) -> None:
    """Wait until no other writer is allocating `what` (a case reference, a plan's next position) before reading
    the last one, so two people saving at once never get the same number.

    PostgreSQL: a transaction-scoped advisory lock on the name. SQLite: the database's write lock, taken now
    (by a statement that writes nothing) rather than at the first insert, after the number was read.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:what))"), {"what": what})
    else:
        session.execute(text("UPDATE alembic_version SET version_num = version_num WHERE 0"))


_UNSAVED = "unsaved_versioned_changes"
BOOKKEEPING = {"version", "updated_at", "search_text"}
"""Kept by fgdm, not typed by anyone: never shown as a difference."""


def attach(session: Session) -> None:
    """Remember, before each flush, what is being saved over a versioned record: if the save loses a race,
    the session has forgotten it by the time the conflict is reported."""
    event.listen(session, "before_flush", _remember_unsaved)


def _remember_unsaved(session: Session, _context: Any, _instances: Any) -> None:
    unsaved = []
    for record in session.dirty:
        state = inspect(record)
        if "version" not in state.mapper.columns or state.identity is None:
            continue
        changes = {attr.key: attr.history.added[0] for attr in state.attrs
                   if attr.key not in BOOKKEEPING and attr.key in state.mapper.columns and attr.history.added}
        if changes:
            unsaved.append((state.mapper, state.identity, state.dict.get("version"), changes))
    session.info[_UNSAVED] = unsaved


def conflict_from_race(session: Session) -> Conflict:
    """The conflict a lost race (the row's version moved under a save) shows: each field as it is now, and yours."""
    for mapper, identity, version_seen, yours in session.info.pop(_UNSAVED, []):
        keys = {column.key: value for column, value in zip(mapper.primary_key, identity, strict=False)}
        with session.get_bind().connect() as connection:
            row = connection.execute(select(mapper.local_table).filter_by(**keys)).mappings().first()
        if row is None or row["version"] == version_seen:
            continue
        theirs = {key: row[mapper.columns[key].name] for key in yours}
        return Conflict(_label(mapper.class_.__name__), {key: (theirs[key], value) for key, value in yours.items()
                                                         if theirs[key] != value})
    return Conflict("The record", {})


def _label(class_name: str) -> str:
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in class_name).strip()
    return words[:1].upper() + words[1:]
