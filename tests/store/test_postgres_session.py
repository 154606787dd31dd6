"""fgdm's PostgreSQL sessions: what each connection is told when it opens."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from fgdm.store.engine import make_engine


@pytest.mark.parametrize("database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_jit_compilation_is_off_for_short_statements(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SHOW jit")).scalar_one() == "off"
    finally:
        engine.dispose()
