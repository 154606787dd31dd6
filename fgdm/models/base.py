"""What every table shares: an id, aware timestamps, and a version for optimistic locking."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Text
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from fgdm.models.types import EnumText, Money, UTCDateTime


def utcnow() -> datetime:
    return datetime.now(UTC)


def enum_field(enum_class: type[StrEnum], default: Any = None, *, nullable: bool = False,
               index: bool = False) -> Any:
    return Field(default=default, sa_type=EnumText(enum_class), nullable=nullable, index=index)


def instant_field(*, nullable: bool = True, index: bool = False, default_now: bool = False) -> Any:
    if default_now:
        return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=nullable, index=index)
    return Field(default=None, sa_type=UTCDateTime, nullable=nullable, index=index)


def money_field(*, nullable: bool = False) -> Any:
    return Field(default=None, sa_type=Money, nullable=nullable)


def text_field(default: str = "") -> Any:
    """Long free text (reasons, notes, plan wording): unbounded on both back ends."""
    return Field(default=default, sa_type=Text, nullable=False)


class Record(SQLModel):
    """Base for every editable table: the version column makes concurrent saves fail loudly."""

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, nullable=False)
    created_at: datetime = instant_field(nullable=False, default_now=True)
    updated_at: datetime = instant_field(nullable=False, default_now=True)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}


__all__ = ["Record", "date", "enum_field", "instant_field", "money_field", "text_field", "utcnow"]
