"""The case search's trigram index (migration 0003): made on PostgreSQL only, usable by the very query the case
list sends, and skipped with a warning, not a failed upgrade, where the role cannot create pg_trgm."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, event, inspect, text

from fgdm.services import cases
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.store.engine import make_engine
from fgdm.store.migrate import current_revision, head_revision, upgrade
from fgdm.store.schema_compare import BACKEND_ONLY_INDEXES, CASE_SEARCH_TRIGRAM_INDEX
from tests.conftest import _postgres_admin_url, need_external
from tests.factories import make_case


def test_back_end_only_indexes_exist_on_their_back_end_and_nowhere_else(database_url: str) -> None:
    engine = make_engine(database_url)
    indexes = {index["name"] for index in inspect(engine).get_indexes("fgdm_case")}
    for name, back_end in BACKEND_ONLY_INDEXES.items():
        assert (name in indexes) == (engine.dialect.name == back_end), name
    engine.dispose()


def _count_statement(ctx: ServiceContext, search: str) -> tuple[str, Any]:
    sent: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        sent.append((statement, parameters))

    event.listen(ctx.session.get_bind(), "before_cursor_execute", record)
    try:
        cases.list_cases(ctx, search=search, limit=50)
    finally:
        event.remove(ctx.session.get_bind(), "before_cursor_execute", record)
    return next((statement, parameters) for statement, parameters in sent if "count(*)" in statement)


@pytest.mark.parametrize("database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_the_case_search_on_postgresql_can_use_the_trigram_index(workspace: Workspace) -> None:
    with workspace.context() as ctx:
        for family in ("Okafor", "Jones", "Novak"):
            make_case(ctx, family_name=family)
        statement, parameters = _count_statement(ctx, "Jones")
        connection = ctx.session.connection()
        total = connection.exec_driver_sql(statement, parameters).scalar_one()
        savepoint = connection.begin_nested()
        # Three cases: the planner would pick any index at random. With sequential scans off and the other
        # indexes of fgdm_case dropped (inside a savepoint, rolled back), the plan shows whether the very
        # statement the case list sends can be served by the trigram index.
        connection.execute(text("SET LOCAL enable_seqscan = off"))
        for index in inspect(connection).get_indexes("fgdm_case"):
            if index["name"] != CASE_SEARCH_TRIGRAM_INDEX and not index.get("unique"):
                connection.execute(text(f'DROP INDEX "{index["name"]}"'))
        plan = [row[0] for row in connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)]
        savepoint.rollback()
    assert any(CASE_SEARCH_TRIGRAM_INDEX in line for line in plan), plan
    assert total == 1


@pytest.fixture
def database_without_pg_trgm() -> Iterator[str]:
    """A fresh PostgreSQL database whose server refuses pg_trgm, as one without contrib, or a role without
    CREATE on the database, would."""
    admin_url = _postgres_admin_url()
    if admin_url is None:
        need_external("PostgreSQL", "set FGDM_TEST_DATABASE_URL to a server's URL to run these tests")
    name = f"fgdm_test_no_trgm_{os.getpid()}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_without_pg_trgm_the_upgrade_completes_and_warns(database_without_pg_trgm: str,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    engine = make_engine(database_without_pg_trgm)

    def refuse_trigrams(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
                        _many: bool) -> tuple[str, Any]:
        return statement.replace("EXTENSION IF NOT EXISTS pg_trgm", "EXTENSION fgdm_no_such_extension"), parameters

    event.listen(engine, "before_cursor_execute", refuse_trigrams, retval=True)
    with caplog.at_level(logging.WARNING, logger="fgdm.store.migrations"):
        upgrade(engine, backup=False)
    event.remove(engine, "before_cursor_execute", refuse_trigrams)
    assert current_revision(engine) == head_revision()
    assert CASE_SEARCH_TRIGRAM_INDEX not in {index["name"] for index in inspect(engine).get_indexes("fgdm_case")}
    assert "The case search index was not made" in caplog.text
    assert "fgdm_no_such_extension" in caplog.text
    engine.dispose()
