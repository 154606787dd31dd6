"""The records read through the database's own driver, with no engine and no ORM: for the workbench's first
frame alone (`fgdm.services.home.glance`), drawn before SQLAlchemy is imported.

Only a plain store is opened here: a SQLite file that exists, or a PostgreSQL URL the driver takes as it is.
Anything else (an in-memory database, URL options, a file not made yet) gets None, and the workbench starts the
usual way, through the engine, which also reports what is wrong. Reads only: the connection is read-only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote

from fgdm.store.revision import HEAD_REVISION, VERSION_TABLE

_PARAMETER = re.compile(r"(?<!:):(\w+)")


class _Connection(Protocol):
    def execute(self, sql: str, parameters: Any = ...) -> Any: ...
    def close(self) -> None: ...


class Reader:
    """One read-only connection, taking statements with ``:name`` parameters on either back end."""

    def __init__(self, connection: _Connection, dialect: str) -> None:
        self._connection = connection
        self.dialect = dialect

    def rows(self, sql: str, **parameters: Any) -> list[Sequence[Any]]:
        if self.dialect == "postgresql":
            sql = _PARAMETER.sub(r"%(\1)s", sql)
        return list(self._connection.execute(sql, parameters).fetchall())

    def at_head(self) -> bool:
        """Whether the schema is at the revision this version of fgdm works with (else the usual start
        upgrades it, or says who may)."""
        try:
            return [tuple(row) for row in self.rows(f"SELECT version_num FROM {VERSION_TABLE}")] == [(HEAD_REVISION,)]
        except Exception:  # a database without the table: the usual start makes or refuses it
            return False

    def close(self) -> None:
        self._connection.close()


def _sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL, if it names one that exists."""
    if not url.startswith("sqlite:///") or "?" in url:
        return None
    path = Path(url[len("sqlite:///"):])
    return path if path.name and path.is_file() else None


def _postgresql(url: str) -> dict[str, str] | None:
    """The connection's parameters from a PostgreSQL URL with the psycopg driver (or none named), read as
    SQLAlchemy reads it (the password may hold characters libpq's own URLs would want escaped); None for a URL
    with options or a bracketed address, which the engine opens."""
    for scheme in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(scheme):
            rest = url[len(scheme):]
            break
    else:
        return None
    credentials, at, place = rest.partition("@")  # the first "@", as SQLAlchemy's own reading splits it
    if not at:
        credentials, place = "", rest
    if "?" in place or "[" in place:
        return None
    address, _, database = place.partition("/")
    host, _, port = address.partition(":")
    user, _, password = credentials.partition(":")
    found = {"host": host, "port": port, "dbname": unquote(database), "user": unquote(user),
             "password": unquote(password)}
    return {key: value for key, value in found.items() if value}


def open_reader(url: str) -> Reader | None:
    """A read-only connection to a plain store, or None where the usual start must open it."""
    path = _sqlite_file(url)
    if path is not None:
        import sqlite3

        # Opened as the engine opens it, then made read-only (a WAL file opened read-only needs its -shm file).
        connection = sqlite3.connect(path, timeout=30, check_same_thread=False)
        connection.execute("PRAGMA query_only=ON")
        return Reader(connection, "sqlite")
    parameters = _postgresql(url)
    if parameters is None:
        return None
    import psycopg

    # JIT compilation off, as the engine sets it (`fgdm.store.engine`).
    connection = psycopg.connect(**parameters, options="-c jit=off", autocommit=False)
    connection.read_only = True
    return Reader(connection, "postgresql")
