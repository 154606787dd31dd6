"""The errors services raise: each one carries a message a coordinator can act on."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError as PydanticValidationError


class FgdmError(Exception):
    """Anything a user can cause and fix; the CLI prints it on one line, the TUI in a notification."""


class ValidationFailed(FgdmError):
    """Bad input: one message per field, naming the field and what would be accepted."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))

    @classmethod
    def one(cls, field: str, message: str) -> ValidationFailed:
        return cls({field: message})

    @classmethod
    def from_pydantic(cls, error: PydanticValidationError, prefix: str = "") -> ValidationFailed:
        errors: dict[str, str] = {}
        for item in error.errors():
            field = ".".join(str(part) for part in item["loc"]) or "input"
            message = item["msg"].removeprefix("Value error, ")
            errors.setdefault(f"{prefix}{field}", _explain(item, message))
        return cls(errors)


def _explain(item: Mapping[str, Any], message: str) -> str:
    kind = item.get("type", "")
    if kind == "missing":
        return "is required"
    if kind.startswith("date"):
        return f"{message}; write the date as YYYY-MM-DD, for example 2026-11-23"
    if kind == "string_too_long":
        return f"is too long: at most {item.get('ctx', {}).get('max_length')} characters"
    if kind == "string_too_short":
        return "must not be empty"
    return message


class NotFound(FgdmError):
    pass


class PermissionDenied(FgdmError):
    pass


class SafetyBreach(ValidationFailed):
    """An action would tell someone what they must not know; refused before anything is written."""


class Conflict(FgdmError):
    """Someone else saved the record since it was opened; carries both values of each field."""

    def __init__(self, record: str, differences: Mapping[str, tuple[Any, Any]]) -> None:
        self.record = record
        self.differences = dict(differences)
        detail = "; ".join(f"{field}: theirs {theirs!r}, yours {yours!r}"
                           for field, (theirs, yours) in self.differences.items())
        super().__init__(f"{record} was changed by someone else since you opened it"
                         + (f" ({detail})" if detail else "") + ". Reload it, or reapply your change.")
