"""The driver-only reader opens only plain stores, reading a URL's parts as the engine reads them."""

from __future__ import annotations

import pytest
from sqlalchemy import make_url

from fgdm.store.direct import _postgresql


@pytest.mark.parametrize("url", [
    "postgresql://jo:correct horse@db.example:5433/fgdm",
    "postgresql+psycopg://jo:p%40ss%3Aword@db.example/fgdm",
    "postgres://jo:p@ss@localhost/fgdm",
    "postgresql://db.example/fgdm",
])
def test_a_postgresql_url_is_read_as_the_engine_reads_it(url: str) -> None:
    engine = make_url(url.replace("postgres://", "postgresql://", 1))
    expected = {"host": engine.host, "port": str(engine.port) if engine.port else None, "dbname": engine.database,
                "user": engine.username, "password": engine.password}
    assert _postgresql(url) == {key: value for key, value in expected.items() if value}


@pytest.mark.parametrize("url", ["postgresql://jo@db.example/fgdm?sslmode=require", "postgresql://jo@[::1]/fgdm",
                                 "mysql://jo@db.example/fgdm", "sqlite:///records.sqlite3"])
def test_a_url_with_options_or_of_another_kind_is_left_to_the_engine(url: str) -> None:
    assert _postgresql(url) is None
