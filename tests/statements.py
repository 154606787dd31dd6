"""Counting the SQL statements a service call sends: reading N records must not take N round trips."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from fgdm.services.shared.context import ServiceContext


@contextmanager
def statements(ctx: ServiceContext) -> Iterator[list[str]]:
    """The statements sent on this context's connection while the block runs."""
    sent: list[str] = []
    engine = ctx.session.get_bind()

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)
