"""Reading what a list of keys points at in a few queries: one per few hundred keys, never one per key.

Screens and imports resolve many references at once (each meeting's coordinator, each support item's
recipient, each imported file's staff): a query per reference was the N+1 that made large services slow.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from typing import Any, TypeVar

from sqlmodel import Session, col

CHUNK = 500
"""Keys per IN list: well inside every back end's limit on bound parameters."""

K = TypeVar("K", bound=Hashable)


def chunks(keys: Iterable[K | None]) -> Iterator[list[K]]:
    """The distinct keys (None left out), in their first order, a CHUNK at a time."""
    distinct = list(dict.fromkeys(key for key in keys if key is not None))
    for first in range(0, len(distinct), CHUNK):
        yield distinct[first:first + CHUNK]


def keyed(session: Session, query: Any, key: Any, wanted: Iterable[Any]) -> dict[Any, Any]:
    """{first column: second column} of ``query`` for its rows whose ``key`` is among ``wanted``."""
    found: dict[Any, Any] = {}
    for chunk in chunks(wanted):
        found.update(session.exec(query.where(col(key).in_(chunk))).all())
    return found
