"""Engines for the two supported back ends, configured the same way everywhere they are made."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import create_engine


def normalise_url(url: str) -> str:
    """Let people write postgresql:// and still get the psycopg 3 driver we ship."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


_LIVE_FILES: set[Path] = set()


def live_database_files() -> frozenset[Path]:
    """Every SQLite file this process has opened, with its -wal, -shm and -journal companions: never an output."""
    return frozenset(_LIVE_FILES)


def _remember_live(path: Path) -> None:
    absolute = Path(os.path.abspath(path))
    for candidate in (absolute, absolute.resolve()):
        _LIVE_FILES.update(candidate.with_name(candidate.name + tail) for tail in ("", "-wal", "-shm", "-journal"))


def _prepare_sqlite_file(path: Path) -> None:
    """Create the file readable by its owner only before SQLite makes it with the umask's permissions."""
    from fgdm.files import private_folder  # files checks its targets against this module's live databases

    private_folder(path.parent)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


SUPPORTED = ("sqlite", "postgresql")


def make_engine(url: str) -> Engine:
    """An engine that never puts statement parameters (people's names) into logs or error messages."""
    url = normalise_url(url)
    if make_url(url).get_backend_name() not in SUPPORTED:
        raise ArgumentError(f"fgdm works with SQLite and PostgreSQL, not {make_url(url).get_backend_name()}")
    path = sqlite_path(url)
    if path is not None:
        _prepare_sqlite_file(path)
        _remember_live(path)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    if url.startswith("sqlite"):
        from sqlalchemy.pool import StaticPool

        engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool,
                               hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _memory_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            dbapi_connection.execute("PRAGMA foreign_keys=ON")

        return engine
    # JIT compilation off: fgdm's statements are short, but the planner's cost estimate for a few report
    # and home queries crosses PostgreSQL's JIT threshold, and compiling took 430 ms to save nothing
    # (home's follow-ups due: 490 ms with JIT, 42 ms without, on the large bench service).
    return create_engine(url, pool_pre_ping=True, hide_parameters=True, connect_args={"options": "-c jit=off"})
