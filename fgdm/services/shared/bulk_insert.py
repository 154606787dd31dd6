"""New rows written straight to their tables, many per statement, with ids known before anything is written.

The ORM builds an object per row, tracks every attribute and flushes table by table; for a thousand case
files (some 120,000 rows) that bookkeeping was most of the import. Here a row is a dict of column values,
ids are reserved up front so a child row can name its parent before either exists, and each table's rows
go to the driver in one executemany (SQLite) or one COPY (PostgreSQL). The column types still convert every
value (UTC instants, pence, enum values, SQLite date strings) exactly as an ORM insert would.

Core inserts bypass the ORM's flush, so the per-row audit listener does not see them: a caller records its
own audit event (see case_file_import).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import Connection, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from fgdm.models.base import utcnow

EXECUTEMANY_ROWS = 5_000
"""Rows handed to the driver per executemany: bounded memory for the converted values, few calls."""

POSTGRESQL_BLOCK = 2_000
"""The most PostgreSQL ids reserved per query: one round trip per 2,000 rows of a table in a large import."""

FIRST_POSTGRESQL_BLOCK = 16
"""PostgreSQL ids reserved by a table's first query, doubling with each query after: one case file needs a few
of most tables, and 2,000 of each of eighteen tables took 100 of a single file's 135 ms."""


def column_defaults(model: type[SQLModel], now: datetime) -> dict[str, Any]:
    """Each column's model default (None where there is none), so every row has every key: a case file may
    leave out a column the database needs, such as when a plan was sent, as a record made in fgdm may.

    Timestamps are the transaction's clock and the optimistic-lock version starts at 1, as an ORM insert
    through the audit listener would leave them.
    """
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name == "id":
            continue
        if info.default is not PydanticUndefined:
            values[name] = info.default
        elif info.default_factory is utcnow:  # an instant the ORM would stamp: the transaction's clock
            values[name] = now
        else:
            values[name] = info.default_factory() if info.default_factory is not None else None  # type: ignore[call-arg]
    if "version" in values:
        values.update(version=1)
    if "created_at" in values:
        values.update(created_at=now, updated_at=now)
    return values


_NEXT_IDS = text("SELECT nextval(sequence) FROM (SELECT CAST(pg_get_serial_sequence(:table, 'id') AS regclass) "
                  "AS sequence OFFSET 0) AS found, generate_series(1, :count)")
"""A block of a table's ids. The sequence is looked up once (OFFSET 0 keeps the planner from folding the lookup
into every row): looked up for each id, it was four fifths of the server's time reserving them."""


class IdPool:
    """Ids for new rows, taken before the rows are written, that no other writer can take meanwhile.

    PostgreSQL: drawn from each table's own sequence in blocks (nextval over generate_series), so a
    concurrent insert through the sequence never receives one of them; the unused end of the last block
    is a gap, as sequences leave anyway. SQLite: the ids after the highest in use. Once the first insert
    has begun, this transaction is the database's only writer until it ends; should another writer commit
    a row with one of these ids before that, the insert of ours fails on the primary key (IntegrityError,
    and the caller rolls back), so a row can never point at someone else's row by mistake.
    """

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.postgresql = connection.dialect.name == "postgresql"
        self._free: dict[str, Iterator[int]] = {}
        self._blocks: dict[str, int] = {}

    def _block(self, table: Any) -> Iterator[int]:
        if self.postgresql:
            count = self._blocks[table.name] = min(self._blocks.get(table.name, FIRST_POSTGRESQL_BLOCK // 2) * 2,
                                                   POSTGRESQL_BLOCK)
            return iter(self.connection.execute(_NEXT_IDS, {"table": table.name, "count": count}).scalars().all())
        return itertools.count((self.connection.execute(select(func.max(table.c.id))).scalar() or 0) + 1)

    def take(self, model: type[SQLModel]) -> int:
        """The next free id of the model's table."""
        table = model.__table__  # type: ignore[attr-defined]
        free = self._free.get(table.name)
        found = next(free, None) if free is not None else None
        if found is None:
            free = self._free[table.name] = self._block(table)
            found = next(free)
        return found


@dataclass(frozen=True)
class _TableInsert:
    """What inserting into one table needs, worked out once per transaction: its columns' converters, its
    defaults converted, its statement, and whether it can go by COPY."""

    binders: list[tuple[str, Callable[[Any], Any] | None]]
    defaults: dict[str, Any]
    statement: str
    by_copy: bool


class BulkInserts:
    """New rows into many tables in one transaction, each table's rows in the given order.

    Each value goes through its column type's bind processor, column by column; a default (the same timestamps
    on every row, say) is converted once per table rather than once per row. Whole batches then go to the
    driver as one executemany through SQLAlchemy, or by COPY, so a clash still raises its IntegrityError. What a
    table needs is asked and worked out at its first insert and kept for the transaction: whether row-level
    security checks this login's rows cannot change within it, and asking again for each table of each batch
    was a tenth of a second of a 1,000-file import into PostgreSQL.
    """

    def __init__(self, connection: Connection, now: datetime) -> None:
        self.connection = connection
        self.now = now
        self._tables: dict[str, _TableInsert] = {}

    def insert(self, model: type[SQLModel], rows: Sequence[dict[str, Any]]) -> None:
        """Insert rows, each holding its id and any columns that differ from the model's defaults."""
        if not rows:
            return
        table = model.__table__  # type: ignore[attr-defined]
        plan = self._tables.get(table.name) or self._plan(model, table)
        for start in range(0, len(rows), EXECUTEMANY_ROWS):
            batch = rows[start:start + EXECUTEMANY_ROWS]
            values = []
            for key, process in plan.binders:
                default = plan.defaults[key]
                if process is None:
                    values.append([row.get(key, default) for row in batch])
                else:
                    values.append([process(row[key]) if key in row else default for row in batch])
            converted_rows = list(zip(*values, strict=True))
            if plan.by_copy:
                _copy(self.connection, plan.statement, converted_rows)
            else:
                self.connection.exec_driver_sql(plan.statement, converted_rows)  # type: ignore[arg-type]

    def _plan(self, model: type[SQLModel], table: Any) -> _TableInsert:
        dialect = self.connection.dialect
        binders = [(column.key, column.type.dialect_impl(dialect).bind_processor(dialect)) for column in table.columns]
        defaults = column_defaults(model, self.now)
        converted = {key: process(defaults.get(key)) if process else defaults.get(key) for key, process in binders}
        quote = dialect.identifier_preparer.quote
        into = (f"{dialect.identifier_preparer.format_table(table)} "
                f"({', '.join(quote(column.name) for column in table.columns)})")
        by_copy = dialect.name == "postgresql" and not _row_security_applies(self.connection, table.name)
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        statement = (f"COPY {into} FROM STDIN" if by_copy
                     else f"INSERT INTO {into} VALUES ({', '.join(mark for _ in table.columns)})")
        plan = self._tables[table.name] = _TableInsert(binders, converted, statement, by_copy)
        return plan


def _row_security_applies(connection: Connection, table: str) -> bool:
    """Whether row-level security checks this login's rows of `table`: PostgreSQL refuses COPY into such a
    table, so a member of staff's own login inserts row by row, and the owner or an administrator's by COPY."""
    return bool(connection.execute(text("SELECT row_security_active(CAST(:table AS regclass))"),
                                   {"table": table}).scalar())


def _copy(connection: Connection, statement: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """Rows into PostgreSQL by COPY, in the session's own transaction (its driver connection).

    An executemany sends each row as a statement of its own: the server's share of a 1,000-file import was 4.7 s
    of 9.5. A clash (a reference or uid someone else added meanwhile) is raised as the IntegrityError an insert
    would raise, which the import turns into its one line.
    """
    import psycopg  # the PostgreSQL driver: present wherever this runs, and only there

    driver = connection.connection.driver_connection
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(row)
    except psycopg.errors.IntegrityError as error:
        raise IntegrityError(statement, None, error) from error
