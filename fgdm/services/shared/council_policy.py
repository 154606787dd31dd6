"""The council's policy as every service reads it: fgdm's defaults overlaid by what an administrator chose.

Policy lives in the ``council_setting`` table, one row per chosen setting, so that a threshold or a retention
period cannot be loosened by a variable in someone's environment. Each context reads the rows (a handful, one
query) and rebuilds its settings only when they changed, so a change an administrator makes reaches everyone's
next action without a restart.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import DBAPIError

from fgdm.config import POLICY, Settings
from fgdm.models import CouncilSetting

PolicyRows = tuple[tuple[str, str], ...]


_ROWS = select(CouncilSetting.key, CouncilSetting.value).order_by(CouncilSetting.key)


def policy_rows(connection: Connection) -> PolicyRows | None:
    """The chosen settings as (key, JSON) pairs, in key order; None on a database older than the table (a
    workspace opened without migrating), whose connection is then rolled back for its next statement."""
    try:
        return tuple((key, value) for key, value in connection.execute(_ROWS))
    except DBAPIError:
        connection.rollback()
        return None


def with_setting(settings: Settings, key: str, value: Any) -> Settings:
    """A copy of the settings with one policy value, checked by the same rules as the settings model.

    Raises pydantic's ValidationError, whose message names what would be accepted.
    """
    copy = settings.model_copy()
    Settings.__pydantic_validator__.validate_assignment(copy, key, value)
    return copy


def effective(base: Settings, rows: PolicyRows) -> Settings:
    """The base (personal and local) settings with the council's chosen policy laid over fgdm's defaults."""
    settings = base
    for key, value in rows:
        if key in POLICY:
            settings = with_setting(settings, key, json.loads(value))
    return settings


def as_json(value: Any) -> str:
    """A policy value as stored: amounts as exact text, folders as text, mappings in the order given."""
    def plain(item: Any) -> Any:
        if isinstance(item, Decimal | Path):
            return str(item)
        if isinstance(item, dict):
            return {str(key): plain(inner) for key, inner in item.items()}
        return item
    return json.dumps(plain(value), ensure_ascii=False)
