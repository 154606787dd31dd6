"""Column types that keep Python values honest on both SQLite and PostgreSQL.

SQLite has no time zones, no exact decimals and no enums; these types make both back ends return the
same aware datetimes, exact Decimals and enum members, and they migrate as plain portable columns.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import BigInteger, DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """An instant stored in UTC; naive values are refused so a local time can never slip in."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store aware datetimes only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return _as_utc(value)

    def result_processor(self, dialect: Dialect, coltype: Any) -> Callable[[Any], datetime | None]:
        """`process_result_value` after the back end's own conversion, as one function: opening a case reads
        hundreds of instants, and the generic wrapper's extra call on each cost more than the conversion."""
        return _after(self.impl_instance.result_processor(dialect, coltype), _as_utc)


def _as_utc(value: datetime | None) -> datetime | None:
    """A stored instant as an aware UTC datetime (SQLite gives it back without its zone)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


T = TypeVar("T")


def _after(inner: Callable[[Any], Any] | None, convert: Callable[[Any], T]) -> Callable[[Any], T]:
    """`convert` applied to what the back end's own processor (if any) gives."""
    if inner is None:
        return convert
    return lambda value: convert(inner(value))


PENNY = Decimal("0.01")


class Money(TypeDecorator[Decimal]):
    """Pounds as a Decimal in Python, whole pence as an integer in the database: exact everywhere."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | int | str | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        pounds = Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)
        return int(pounds * 100)

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(value) / 100).quantize(PENNY)


class EnumText(TypeDecorator[StrEnum]):
    """A StrEnum stored as its value in a VARCHAR, so adding a member needs no database enum change."""

    impl = String
    cache_ok = True

    def __init__(self, enum_class: type[StrEnum], length: int = 32, **kwargs: Any) -> None:
        super().__init__(length=length, **kwargs)
        self.enum_class = enum_class
        self.members: dict[str, StrEnum] = {member.value: member for member in enum_class}
        """Reading a member by dictionary, not by calling the enum: reports read tens of thousands a time."""
        self.values: dict[str, str] = {member.value: member.value for member in enum_class}
        """Each member's value as plain text, found by the member or by its text (a member is equal to its text)."""

    def process_bind_param(self, value: StrEnum | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self._value(value)

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], str | None]:
        """`process_bind_param` (before any conversion of the back end's) as one function, found by dictionary: an
        import of 1,000 case files writes 170,000 enum values, and calling the enum for each cost a tenth of its
        writing."""
        inner = self.impl_instance.bind_processor(dialect)
        if inner is None:
            return lambda value: None if value is None else self._value(value)
        return lambda value: inner(None if value is None else self._value(value))

    def _value(self, value: Any) -> str:
        """A member's value as text, or the enum's own error for anything that is not one."""
        try:
            found = self.values.get(value)
        except TypeError:  # unhashable: let the enum say it is not a member
            found = None
        return found if found is not None else self.enum_class(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> StrEnum | None:
        return self._member(value)

    def result_processor(self, dialect: Dialect, coltype: Any) -> Callable[[Any], StrEnum | None]:
        """`process_result_value` (after any conversion of the back end's) as one function, as `UTCDateTime`'s:
        opening a case reads some 600 enum values."""
        return _after(self.impl_instance.result_processor(dialect, coltype), self._member)

    def _member(self, value: str | None) -> StrEnum | None:
        if value is None:
            return None
        return self.members.get(value) or self.enum_class(value)
