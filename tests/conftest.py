"""Test isolation: no developer config, a frozen clock, and the same service tests on SQLite and PostgreSQL.

PostgreSQL runs when FGDM_TEST_DATABASE_URL names a reachable server; otherwise those tests skip with the
reason. Under FGDM_REQUIRE_EXTERNAL=1 (set by .ci/run) a skip for a missing external tool fails instead.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlmodel import Session

from fgdm import config
from fgdm.config import Settings
from fgdm.services.shared import attention
from fgdm.services.shared.clock import london_today
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.store.engine import make_engine, normalise_url
from fgdm.store.migrate import upgrade

FROZEN_NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)

# On CI the property tests draw the same examples every run, so a landing never hangs on luck; developers'
# runs keep exploring new examples (and hypothesis remembers any failure in .hypothesis/).
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def need_external(what: str, reason: str) -> None:
    """Skip for a missing external tool, or fail when the run promised to have every tool."""
    message = f"{what} is not available: {reason}"
    if os.environ.get("FGDM_REQUIRE_EXTERNAL") == "1":
        pytest.fail(f"FGDM_REQUIRE_EXTERNAL=1 but {message}")
    pytest.skip(message)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask, under which a file or folder made without care is readable by everyone on the machine."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def not_owner_only(*paths: Path) -> dict[str, str]:
    """Each of the paths, and everything under those that are folders, whose mode is not owner-only (0600 for a
    file, 0700 for a folder), with the mode it has."""
    found = {}
    for root in paths:
        for path in [root, *(root.rglob("*") if root.is_dir() else ())]:
            mode = stat.S_IMODE(path.lstat().st_mode)
            if mode != (0o700 if path.is_dir() else 0o600):
                found[str(path)] = oct(mode)
    return found


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep the developer's own config, data and database out of every test."""
    for name in list(os.environ):
        if name.startswith("FGDM_") and name not in ("FGDM_TEST_DATABASE_URL", "FGDM_REQUIRE_EXTERNAL"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("FGDM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FGDM_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("FGDM_OUTPUT_DIR", str(tmp_path / "output"))
    config.get_settings.cache_clear()
    yield
    config.get_settings.cache_clear()


@pytest.fixture
def clock():  # type: ignore[no-untyped-def]
    return lambda: FROZEN_NOW


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to head once per run; each test copies it instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, backup=False)
    engine.dispose()
    return path


def _postgres_admin_url() -> str | None:
    url = os.environ.get("FGDM_TEST_DATABASE_URL")
    return normalise_url(url) if url else None


@pytest.fixture(scope="session")
def postgres_url(worker_id: str) -> Iterator[str]:
    """A database of this test worker's own on the PostgreSQL server, migrated to head once."""
    admin_url = _postgres_admin_url()
    if admin_url is None:
        need_external("PostgreSQL", "set FGDM_TEST_DATABASE_URL to a server's URL to run these tests")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"fgdm_test_{worker_id}_{os.getpid()}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # the server is unreachable or refuses: say so rather than hide it
        admin.dispose()
        need_external("PostgreSQL", f"cannot create a test database at {admin_url}: {error}")
    url = admin_url.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url)
    upgrade(engine, backup=False)
    engine.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate_all(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        tables = [row[0] for row in connection.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"))]
        if tables:
            connection.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """An empty, migrated database: a copy of the SQLite template, or the worker's truncated PostgreSQL one."""
    if request.param == "sqlite":
        path = tmp_path / "fgdm.sqlite3"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("postgres_url")
    _truncate_all(url)
    return url


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    """For tests whose subject is not the back end (the TUI, documents): SQLite only."""
    path = tmp_path / "fgdm.sqlite3"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def attention_matches_the_rules(workspace: Workspace) -> None:
    """Whatever a test saved, each child's record of what needs attention must be what the rules give afresh:
    a write path that forgets to keep it in step fails the test that takes it."""
    with Session(workspace.engine) as session:
        problems = attention.unmatched(session, today=london_today(workspace.clock), settings=workspace.settings)
    if problems:
        pytest.fail("the record of what needs attention is out of step with the records:\n" + "\n".join(problems[:20]))


@pytest.fixture
def workspace(database_url: str, clock) -> Iterator[Workspace]:  # type: ignore[no-untyped-def]
    ws = Workspace(Settings(database_url=database_url), clock=clock)
    yield ws
    attention_matches_the_rules(ws)
    ws.dispose()


@pytest.fixture
def ctx(workspace: Workspace) -> Iterator[ServiceContext]:
    """A service context for the owner of the database (every permission)."""
    with workspace.context() as context:
        yield context


@pytest.fixture
def sqlite_workspace(sqlite_url: str, clock) -> Iterator[Workspace]:  # type: ignore[no-untyped-def]
    ws = Workspace(Settings(database_url=sqlite_url), clock=clock)
    yield ws
    attention_matches_the_rules(ws)
    ws.dispose()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    """Say how many tests ran against each database, so a CI log shows the PostgreSQL run happened."""
    counts: dict[str, dict[str, int]] = {}
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            nodeid = getattr(report, "nodeid", "")
            if getattr(report, "when", "call") not in ("call", "setup") or (
                    outcome == "passed" and report.when != "call"):
                continue
            backend = "postgresql" if "[postgresql" in nodeid or "-postgresql" in nodeid else (
                "sqlite" if "[sqlite" in nodeid or "-sqlite" in nodeid else None)
            if backend:
                counts.setdefault(backend, {}).setdefault(outcome, 0)
                counts[backend][outcome] += 1
    if counts:
        terminalreporter.section("tests by database")
        for backend in sorted(counts):
            parts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts[backend].items()))
            terminalreporter.write_line(f"{backend}: {parts}")
