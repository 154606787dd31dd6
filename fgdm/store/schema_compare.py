"""How Alembic writes and compares fgdm's decorated column types: as the plain types they store."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, DateTime, String

from fgdm.models.types import EnumText, Money, UTCDateTime


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Write fgdm's column types into migrations as the plain portable types they store."""
    if type_ == "type":
        if isinstance(obj, EnumText):
            return f"sa.String(length={obj.impl.length})"
        if isinstance(obj, Money):
            return "sa.BigInteger()"
        if isinstance(obj, UTCDateTime):
            return "sa.DateTime(timezone=True)"
        if type(obj).__module__.startswith("sqlmodel"):
            length = getattr(obj, "length", None)
            return f"sa.String(length={length})" if length else "sa.String()"
    return False


def compare_type(context: Any, inspected_column: Any, metadata_column: Any, inspected_type: Any,
                 metadata_type: Any) -> bool | None:
    """Compare our decorated types by what they store, so autogenerate sees no false differences."""
    plain = {EnumText: String, Money: BigInteger, UTCDateTime: DateTime}
    for decorated, stored in plain.items():
        if isinstance(metadata_type, decorated):
            if not isinstance(inspected_type, stored):
                return True
            return bool(decorated is EnumText and inspected_type.length != metadata_type.impl.length)
    return None
