"""The quick looks that let a large import skip work must say what the careful walks say, for any JSON value.

`without_control_characters` first looks at a value as JSON writes it (and that look also says whether a NUL
may be in it), and `nesting_depth` walks without recursion; both run over every file of a 1,000-file import.
These properties hold them to the plain answers.
"""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fgdm.domain.validation import (
    CONTROL_CHARACTERS,
    control_characters_removed,
    json_text_is_plain,
    without_control_characters,
)
from fgdm.services.shared.reading import nesting_depth

AWKWARD = st.text(alphabet=st.sampled_from(
    ["a", "é", "ب", "😀", "\\", "b", "f", "u", "0", '"', "\x01", "\x08", "\x0b", "\x0c", "\x1e", "\x7f", "\ufffe",
     "\uffff", "\t", "\n", "\r", "\x00", "{", "[", "]", "}"]), max_size=12)

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | AWKWARD,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(AWKWARD, inner, max_size=4),
    max_leaves=25)


def _walked(value: Any) -> Any:
    """The plain definition: every string, keys included, without the characters."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    if isinstance(value, dict):
        return {_walked(key): _walked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_walked(item) for item in value]
    return value


@settings(max_examples=400)
@given(JSON_VALUES)
def test_control_characters_are_removed_wherever_they_are(value: Any) -> None:
    assert without_control_characters(value) == _walked(value)


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    return isinstance(value, list) and any(_holds_nul(item) for item in value)


@settings(max_examples=400)
@given(JSON_VALUES)
def test_a_value_said_to_hold_no_nul_holds_none(value: Any) -> None:
    """An import skips its own walk for NULs where the look says there can be none: it must never be wrong."""
    cleaned, may_hold_nul = control_characters_removed(value)
    assert cleaned == _walked(value)
    assert may_hold_nul or not _holds_nul(value)


@settings(max_examples=400)
@given(JSON_VALUES, st.booleans(), st.booleans())
def test_json_text_said_to_be_plain_parses_to_a_value_without_control_characters_or_nul(
        value: Any, ascii_only: bool, upper_case_escapes: bool) -> None:
    """The command line's import looks at each file's text instead of the parsed file: written either way, with
    escapes in either case, text it passes must parse to a value the careful walk would leave as it is."""
    text = json.dumps(value, ensure_ascii=ascii_only)
    if upper_case_escapes:
        text = re.sub(r"\\u([0-9a-f]{4})", lambda found: "\\u" + found.group(1).upper(), text)
    parsed = json.loads(text)
    if json_text_is_plain(text):
        assert _walked(parsed) == parsed and not _holds_nul(parsed)


def test_a_typed_backslash_before_b_is_kept() -> None:
    """JSON writes a backslash and a b as the escape of a backspace looks: the text must come back unchanged."""
    assert without_control_characters({"note": "C:\\bin\\files"}) == {"note": "C:\\bin\\files"}


def _depth_by_parsing(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth_by_parsing(item) for item in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth_by_parsing(item) for item in value), default=0)
    return 0


@settings(max_examples=400)
@given(JSON_VALUES)
def test_nesting_depth_is_the_depth_of_containers(value: Any) -> None:
    assert nesting_depth(json.loads(json.dumps(value))) == _depth_by_parsing(value)
