"""Small checks shared by every input model: the wording of their messages is part of the interface."""

from __future__ import annotations

import json
import re
from typing import Any

PHONE = re.compile(r"^[0-9 +()\-]{6,20}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")


CONTROL_CHARACTERS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters nobody means to type and no Word file can hold (a pasted ``\\x1e`` stopped whole documents):
removed wherever text comes in. Tab, newline and carriage return are kept; NUL is refused with its field."""


_IN_JSON = ("\\u00", "\\b", "\\f", "\x7f", "\ufffe", "\uffff")
"""How those characters can look once JSON has written them: as escapes, but for the three JSON writes as they
are. Each is found by a plain substring search, many times quicker over a large file than one pattern."""


_ESCAPES = re.compile(r"\\u(?:00[01]|007[fF]|[fF]{3}[eEfF])")
"""Those characters, and NUL, as JSON text can spell them with \\u (any case of hex digit)."""
_AS_TYPED = ("\\b", "\\f", "\x7f", "\ufffe", "\uffff")


def json_text_is_plain(text: str) -> bool:
    """Whether what JSON text parses to certainly holds no control character and no NUL, seen in the text alone.

    A JSON parser refuses those characters typed raw inside a string, so there they can only be escapes (or the
    three JSON lets through as they are); a file without any is passed by a substring search and one pattern,
    a quarter of the time JSON's encoder takes to write the parsed file out again to look (see
    `control_characters_removed`). Anything that might be one (an escaped backslash before a b, say) only
    means that look.
    """
    return not any(mark in text for mark in _AS_TYPED) and _ESCAPES.search(text) is None


def without_control_characters(value: Any) -> Any:
    """The same value with control characters removed from every string in it, however deeply nested.

    A value JSON can write is looked at whole first, through JSON's C encoder: almost every case file and form
    has none of these characters, and a whole import of them was walked string by string for nothing. A match
    there (a backslash the person typed before a b can look like one, and NUL, which is refused elsewhere) only
    means the careful walk.
    """
    return control_characters_removed(value)[0]


def control_characters_removed(value: Any) -> tuple[Any, bool]:
    """`without_control_characters`, and whether the value may still hold a NUL (which is kept, to be refused).

    A value written without any of the marks holds no NUL either (JSON writes it as ``\\u0000``), so a caller
    that must refuse NULs need not walk such a value again to look for one.
    """
    try:
        written = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        written = None
    if written is not None and not any(mark in written for mark in _IN_JSON):
        return value, False
    return _cleaned(value), True


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value) if CONTROL_CHARACTERS.search(value) else value
    if isinstance(value, dict):
        return {_cleaned(k): _cleaned(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_cleaned(item) for item in value)
    return value


def clean_text(value: str) -> str:
    """Trim ends only: inner spacing, accents, emoji and right-to-left text are the person's own."""
    return value.strip()


def check_phone(value: str) -> str:
    value = value.strip()
    if value and not PHONE.match(value):
        raise ValueError("use digits, spaces and + ( ) - only, for example 01632 960 123")
    return value


def check_email(value: str) -> str:
    value = value.strip()
    if value and not EMAIL.match(value):
        raise ValueError("is not an email address; write it as name@example.org")
    return value


def check_language(value: str) -> str:
    value = value.strip() or "en_GB"
    if not LANGUAGE.match(value):
        raise ValueError("use a language code such as en_GB, cy, pl or ur")
    return value

