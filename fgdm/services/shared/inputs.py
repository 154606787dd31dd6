"""Shared plumbing for input models: strict pydantic models whose errors become ValidationFailed."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, TypeVar, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator
from pydantic import ValidationError as PydanticValidationError

from fgdm.domain.validation import without_control_characters
from fgdm.services.shared.errors import DATE_EXAMPLE, ValidationFailed

M = TypeVar("M", bound=BaseModel)

_BRITISH_DAY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_MONEY = re.compile(r"^\s*£?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*$")


def british_day_as_iso(text: str) -> str:
    """23/11/2026 (or 23.11.2026, 3/4/2019) as 2026-11-23; anything else as typed, so the date check names
    what is wrong (31/02/2026 becomes 2026-02-31: no such day in that month)."""
    match = _BRITISH_DAY.match(text)
    if not match:
        return text
    day, month, year = (int(part) for part in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def money_as_number(text: str) -> str:
    """£1,250.50 as 1250.50: the pound sign and thousands separators a coordinator types are dropped, and only
    where they stand as money is written (1,25 stays as typed, to be refused)."""
    if not _MONEY.match(text):
        return text
    return text.replace("£", "").replace(",", "").strip()

MAX_RECORD_ID = 2_147_483_647
"""The largest id either back end stores (PostgreSQL's INTEGER, as the case-file schema says)."""


def _within_record_ids(value: int) -> int:
    """A larger number names no record, and PostgreSQL refuses even to look it up ("integer out of range")."""
    if not 1 <= value <= MAX_RECORD_ID:
        raise ValueError(f"{value} is not the id of any record; choose one from the list")
    return value


RecordId = Annotated[int, AfterValidator(_within_record_ids)]
"""The id of a record chosen in a form or named in a file: a staff member, venue, network member, plan..."""


class Input(BaseModel):
    """Base of every form and import model: unknown fields are errors, text is trimmed and loses control
    characters."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _without_control_characters(cls, data: Any) -> Any:
        """Control characters pasted into any field are removed before anything is checked or stored; dates
        typed as 23/11/2026 and money typed as £1,250.50 are read as a coordinator means them."""
        if not isinstance(data, dict):
            return data
        cleaned = without_control_characters(data)
        for name, field in cls.model_fields.items():
            value = cleaned.get(name)
            if isinstance(value, str):
                kinds = set(get_args(field.annotation)) | {field.annotation}
                if date in kinds:
                    cleaned[name] = british_day_as_iso(value)
                elif Decimal in kinds:
                    cleaned[name] = money_as_number(value)
        return cleaned

    @model_validator(mode="after")
    def _storable_text(self) -> Input:
        """A NUL character cannot be stored by PostgreSQL and is never meant: refuse it with the field's name."""
        for name in type(self).model_fields:
            if _has_nul(getattr(self, name)):
                raise ValueError(f"{name} contains a NUL character (\\x00), which cannot be stored; remove it")
        return self


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple | set):
        return any(_has_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, BaseModel):
        return any(_has_nul(getattr(value, name)) for name in type(value).model_fields)
    return False


def parse(model: type[M], data: M | dict[str, Any]) -> M:
    """Validate a dict (from a form or a file) or re-validate a model, raising ValidationFailed."""
    try:
        if isinstance(data, model):
            return model.model_validate(data.model_dump())
        return model.model_validate(data)
    except PydanticValidationError as error:
        raise ValidationFailed.from_pydantic(error) from None


def parse_day(value: date | str | None, field: str) -> date | None:
    """A date as a coordinator types it (23/11/2026) or a script writes it (2026-11-23); blank for none."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(british_day_as_iso(text).strip())
    except ValueError:
        raise ValidationFailed.one(field, f"“{text}” is not a date fgdm can read: {DATE_EXAMPLE}") from None


def read_day(value: date | str | None, field: str) -> date | None:
    """A date from a form, a script or the command line (`parse_day`), refused if no record could hold it."""
    day = parse_day(value, field)
    if day is None:
        return None
    problem = unreal_date(day)
    if problem is not None:
        raise ValidationFailed.one(field, problem)
    return day


EARLIEST_REAL_DATE = date(1900, 1, 1)
YEARS_AHEAD = 5


def real_date_range(today: date | None = None) -> tuple[date, date]:
    """The dates a record can really hold: from 1900 to five years from today (a due date, a review)."""
    today = today or date.today()
    try:
        latest = today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        latest = today.replace(year=today.year + YEARS_AHEAD, day=28)
    return EARLIEST_REAL_DATE, latest


def unreal_date(value: date) -> str | None:
    """Why a parsed date cannot be a real one in these records (0001-01-01, 9999-12-31), or None."""
    earliest, latest = real_date_range()
    if earliest <= value <= latest:
        return None
    return (f"{value:%d/%m/%Y} is outside {earliest:%d/%m/%Y} to {latest:%d/%m/%Y}; check the year")
