"""Every row of every table as plain JSON values, and back: the portable body of a backup.

A dump keeps each row's id, so everything that points at a row (a case's coordinator, a plan's lead, an
audit event's record) still points at it after a restore on either back end. Values are written as their
JSON-safe text (dates as ISO 8601, money in pounds as a string) and read back through the same column types
the models use, so SQLite → PostgreSQL → SQLite gives the rows it started with.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, insert, select, text, update
from sqlmodel import SQLModel

import fgdm.models  # noqa: F401  (registers every table on SQLModel.metadata)
from fgdm.services.shared.audit_trail import plain
from fgdm.services.shared.errors import ValidationFailed

AUDIT = "audit_event"
Rows = dict[str, list[dict[str, Any]]]


def tables() -> list[Table]:
    """Every table, parents before the tables that point at them."""
    return list(SQLModel.metadata.sorted_tables)


def _typed(column_type: Any, value: Any) -> Any:
    if value is None:
        return None
    kind = type(column_type).__name__
    if kind == "UTCDateTime":
        return datetime.fromisoformat(value)
    if kind == "Date":
        return date.fromisoformat(value)
    if kind == "Money":
        return Decimal(value)
    return value


def dump(connection: Connection) -> Rows:
    """Every row of every table, by table, in id order (audit events in the order they were written)."""
    dumped: Rows = {}
    for table in tables():
        rows = connection.execute(select(table).order_by(*table.primary_key.columns)).mappings()
        dumped[table.name] = [{name: plain(value) for name, value in row.items()} for row in rows]
    return dumped


def checksum(revision: str, rows: Rows) -> str:
    """SHA-256 of the rows and the schema revision, written canonically: any change to either shows."""
    canonical = json.dumps({"revision": revision, "tables": rows}, sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def shape_problems(rows: Any) -> list[str]:
    """What makes `rows` something other than a dump of this schema's tables (empty when it is one)."""
    if not isinstance(rows, dict):
        return ["\"tables\" is not an object of tables"]
    known = {table.name: table for table in tables()}
    problems = [f"unknown table {name!r}" for name in rows if name not in known]
    for name, table_rows in rows.items():
        table = known.get(name)
        if table is None:
            continue
        if not isinstance(table_rows, list) or not all(isinstance(row, dict) for row in table_rows):
            problems.append(f"table {name!r} is not a list of rows")
            continue
        columns = set(table.columns.keys())
        strays = {key for row in table_rows for key in row} - columns
        if strays:
            problems.append(f"table {name!r} has unknown columns {sorted(strays)}")
    return problems


def _self_references(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def load(connection: Connection, rows: Rows) -> None:
    """Insert the dumped rows into empty tables, ids kept; audit events are appended after any already there."""
    for table in tables():
        table_rows = rows.get(table.name, [])
        if not table_rows:
            continue
        typed = [{name: _typed(table.c[name].type, value) for name, value in row.items()} for row in table_rows]
        if table.name == AUDIT:
            connection.execute(insert(table), [{k: v for k, v in row.items() if k != "id"} for row in typed])
            continue
        later = _self_references(table)
        first = [{**row, **dict.fromkeys(later)} for row in typed]
        try:
            connection.execute(insert(table), first)
        except (ValueError, TypeError, OverflowError) as error:
            raise ValidationFailed.one("file", f"table {table.name} holds a value that does not fit: {error}"
                                       ) from None
        for column in later:
            pointed = [{"row_id": row["id"], "value": row[column]} for row in typed if row.get(column) is not None]
            if pointed:
                connection.execute(update(table).where(table.c.id == bindparam("row_id")).values(
                    {column: bindparam("value")}), pointed)
    _restart_sequences(connection)


def clear(connection: Connection) -> None:
    """Empty every table but the audit trail (which is append-only), children before parents."""
    for table in reversed(tables()):
        if table.name == AUDIT:
            continue
        for column in _self_references(table):
            connection.execute(update(table).values({column: None}))
        connection.execute(table.delete())


def _restart_sequences(connection: Connection) -> None:
    """On PostgreSQL, carry each id sequence past the ids just inserted, so the next new row does not clash."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables():
        if "id" not in table.c:
            continue
        highest = connection.execute(select(func.max(table.c.id))).scalar()
        if highest is not None:
            connection.execute(text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :value)"),
                               {"table": table.name, "value": highest})
