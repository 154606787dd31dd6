"""Optimistic locking as users meet it: a save over someone else's change is refused with both values."""

from __future__ import annotations

from typing import Any

from fgdm.services.shared.errors import Conflict


def check_version(record: Any, label: str, expected_version: int | None, changes: dict[str, Any],
                  opened: dict[str, Any] | None = None) -> None:
    """Refuse a save if the record changed since it was opened; report each field's value beside the user's.

    ``expected_version`` is the version the user opened (None skips the check, for scripts that do not
    hold a record open); ``opened`` limits the report to the fields that really differ from what they saw.
    """
    if expected_version is None or record.version == expected_version:
        return
    differences = {name: (getattr(record, name), value) for name, value in changes.items()
                   if opened is None or opened.get(name) != getattr(record, name)}
    raise Conflict(label, differences)
