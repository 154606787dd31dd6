"""Rows for bulk loading: ids handed out in memory, then inserted table by table in batches.

Generating tens of thousands of cases through the ORM would take many minutes; building plain dicts with
ids we assign ourselves lets every foreign key be filled before anything is written, and one executemany
(or one COPY on PostgreSQL) per batch writes them. Bulk inserts skip the per-row audit listener, so the
caller records one event.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import Connection, Table, func, select, text
from sqlmodel import Session, SQLModel

from fgdm.models import (
    Agency,
    BestInterestsException,
    Case,
    CaseChild,
    CaseShare,
    ChildOutcome,
    ConfidentialFrom,
    FamilyPlan,
    FgdmOffer,
    Meeting,
    MeetingAttendee,
    NetworkMember,
    Person,
    PlanAction,
    PlanDistribution,
    PlanQuestion,
    PreProceedingsEpisode,
    Relationship,
    Staff,
    SupportItem,
    Venue,
)

INSERT_ORDER: tuple[type[SQLModel], ...] = (
    Staff, Venue, Person, Case, CaseChild, NetworkMember, Relationship, Agency, CaseShare, Meeting,
    MeetingAttendee, FgdmOffer, BestInterestsException, FamilyPlan, PlanQuestion, PlanAction, PlanDistribution,
    SupportItem, ChildOutcome, PreProceedingsEpisode, ConfidentialFrom,
)
BATCH = 5_000


def _defaults(model: type[SQLModel], now: datetime) -> dict[str, Any]:
    """Every column's default, so each batch has the same keys and only the differences are spelt out."""
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name == "id":
            continue
        if info.default_factory is not None:
            values[name] = info.default_factory()  # type: ignore[call-arg]
        elif info.default is not PydanticUndefined:
            values[name] = info.default
    values.update(created_at=now, updated_at=now, version=1)
    return values


class Rows:
    """Pending rows per table with ids continuing after whatever the database already holds."""

    def __init__(self, session: Session, now: datetime) -> None:
        self.session = session
        self.pending: dict[type[SQLModel], list[dict[str, Any]]] = {}
        self._by_id: dict[tuple[type[SQLModel], int], dict[str, Any]] = {}
        self.counts: Counter[str] = Counter()
        self._defaults = {model: _defaults(model, now) for model in INSERT_ORDER}
        self._next_id = {model: (session.execute(select(func.max(model.id))).scalar() or 0) + 1  # type: ignore[attr-defined]
                         for model in INSERT_ORDER}

    def add(self, model: type[SQLModel], **values: Any) -> int:
        row_id = self._next_id[model]
        self._next_id[model] = row_id + 1
        values["id"] = row_id
        self.pending.setdefault(model, []).append(values)
        self._by_id[model, row_id] = values
        self.counts[model.__tablename__] += 1  # type: ignore[attr-defined]
        return row_id

    def update(self, model: type[SQLModel], row_id: int, **values: Any) -> None:
        """Change a row not yet written (a child given their case-system id once the case is known)."""
        self._by_id[model, row_id].update(values)

    def write(self) -> None:
        """Insert everything pending, parents before children, and forget it."""
        connection = self.session.connection()
        for model in INSERT_ORDER:
            rows = self.pending.pop(model, [])
            for row in rows:
                self._by_id.pop((model, row["id"]), None)
            if rows:
                self._insert(connection, model.__table__, self._defaults[model], rows)  # type: ignore[attr-defined]

    @staticmethod
    def _insert(connection: Connection, table: Table, defaults: dict[str, Any], rows: list[dict[str, Any]]) -> None:
        """Bind each column's values with the column's own type, then hand whole batches to the driver.

        The column types do exactly what an ORM insert would (UTC instants, pence, enum values, SQLite date
        strings); skipping SQLAlchemy's per-row statement machinery makes writing several times faster, and
        PostgreSQL takes the rows through COPY.
        """
        dialect = connection.dialect
        columns = list(table.columns)
        processors = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
        binders = list(zip(processors, [column.key for column in columns], strict=True))
        values = [tuple(process(row[key]) if process else row[key] for process, key in binders)
                  for row in (defaults | row for row in rows)]
        quote = dialect.identifier_preparer.quote
        names = ", ".join(quote(column.name) for column in columns)
        target = dialect.identifier_preparer.format_table(table)
        if dialect.name == "postgresql":
            with connection.connection.driver_connection.cursor().copy(  # type: ignore[union-attr]
                    f"COPY {target} ({names}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
            return
        marks = ", ".join("?" for _ in columns)
        for start in range(0, len(values), BATCH):
            connection.exec_driver_sql(f"INSERT INTO {target} ({names}) VALUES ({marks})",
                                       values[start:start + BATCH])  # type: ignore[arg-type]

    def advance_sequences(self) -> None:
        """PostgreSQL's id sequences do not see ids we chose, so move them past the rows we wrote."""
        if self.session.get_bind().dialect.name != "postgresql":
            return
        for model in INSERT_ORDER:
            table = model.__tablename__  # type: ignore[attr-defined]
            self.session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1), "
                f"MAX(id) IS NOT NULL) FROM \"{table}\""))
