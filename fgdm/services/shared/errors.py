"""The errors services raise: each one carries a message a coordinator can act on."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError as PydanticValidationError


class FgdmError(Exception):
    """Anything a user can cause and fix; the CLI prints it on one line, the TUI in a notification."""

    def in_words(self) -> str:
        """The message as the user reads it: a sentence (the exception's own text keeps field names for logs
        and tests)."""
        return as_sentence(str(self))


class ValidationFailed(FgdmError):
    """Bad input: one message per field, naming the field and what would be accepted."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))

    def in_words(self) -> str:
        """Each message as a sentence with its field's label: "Family name is required." ."""
        return " ".join(field_sentence(field_label(field), message) for field, message in self.errors.items())

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


_CONTINUATIONS = ("is ", "are ", "must ", "has ", "have ", "was ", "cannot ", "can ", "should ", "needs ",
                  "need ", "contains ", "may ", "does ", "falls ", "runs ", "would ")
"""How a message that goes on from its field's name begins ("is required"): "Family name is required."."""

_NO_LABEL = ("", "input", "__root__")
_LABELS = {"la_child_id": "Child's id in the case system", "lbp_date": "Letter before proceedings date",
           "network_member_ids": "Invited from the network", "staff_ids": "Invited staff",
           "case_child_id": "Child", "person_id": "Person", "ical_sequence": "Calendar version"}
"""Fields whose name in words is not what a coordinator calls them."""
_PLAIN_WORD = re.compile(r"^[a-z]+(?=[ ,:;'’]|$)")


def as_sentence(message: str) -> str:
    """A message as a sentence: a capital first letter (unless it begins with a name such as a file's or a
    template's field, kept as written) and a full stop."""
    text = message.strip()
    if not text:
        return text
    if _PLAIN_WORD.match(text):
        text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else f"{text}."


def field_label(key: str) -> str:
    """The words for a field named by its path ("children.0.date_of_birth" is "Date of birth"); "" for a
    message about the whole input or a warning, which carries its own subject."""
    parts = [part for part in key.split(".") if part and not part.isdigit()]
    if not parts or parts[0] in ("warning", "overrides") or parts[-1] in _NO_LABEL:
        return ""
    if parts[-1] in _LABELS:
        return _LABELS[parts[-1]]
    words = parts[-1].removesuffix("_ids").removesuffix("_id").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def field_sentence(label: str, message: str) -> str:
    """A message about a field as one sentence with the field's label: "Family name is required." or
    "Date of birth: Give the child's date of birth."; with no label, the message alone."""
    text = message.strip()
    if not label or text.casefold().startswith(label.casefold()):
        return as_sentence(text)
    if text.startswith(_CONTINUATIONS):
        return as_sentence(f"{label} {text}")
    return f"{label}: {as_sentence(text)}"


DATE_EXAMPLE = "write it as DD/MM/YYYY, for example 23/11/2026"


def _explain(item: Mapping[str, Any], message: str) -> str:
    """A validator's message in a coordinator's words, to follow the field's label."""
    kind = item.get("type", "")
    if kind == "missing" or (item.get("input", "") is None and kind.endswith("_type")):
        return "is required"
    if kind.startswith("datetime"):
        return "is not a date and time fgdm can read: write it as 23/11/2026 10:00"
    if kind.startswith("date"):
        if "outside expected range" in message:
            return f"is not a day in the calendar (that month has no such day): {DATE_EXAMPLE}"
        return f"is not a date fgdm can read: {DATE_EXAMPLE}"
    if kind.startswith("time"):
        return "is not a time fgdm can read: write it as HH:MM, for example 10:00"
    if kind.startswith("decimal") and kind != "decimal_max_places":
        return "is not an amount of money fgdm can read: write it as 1250.50 or £1,250.50"
    if kind == "decimal_max_places":
        return "has more than two decimal places: write pounds and pence, for example £1,250.50"
    if kind.startswith("int"):
        return "is not a whole number: write it in figures, for example 3"
    if kind.startswith("bool"):
        return "must be yes or no"
    if kind in ("enum", "literal_error"):
        return f"is not one of the choices: use {item.get('ctx', {}).get('expected', 'one from the list')}"
    if kind == "extra_forbidden":
        return "is not something fgdm records here; remove it"
    if kind == "string_too_long":
        return f"is too long: at most {item.get('ctx', {}).get('max_length')} characters"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return "must be " + message.removeprefix("Input should be ")
    if message.startswith("Input should be "):
        return "should be " + message.removeprefix("Input should be ")
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
