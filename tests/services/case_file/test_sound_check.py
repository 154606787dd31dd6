"""The fast schema check (jsonschema-rs) says "sound" exactly when jsonschema finds nothing and no text holds a NUL."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from fgdm.services.case_file import _schema as case_file
from fgdm.services.case_file import has_nul, sound_check
from tests.services.case_file.test_case_file_fixtures import mutated

EXAMPLE = json.loads((Path(__file__).parents[3] / "docs" / "case-file.md").read_text(encoding="utf-8")
                     .split("```json\n", 1)[1].split("```", 1)[0])


def jsonschema_says_sound(document: Any) -> bool:
    return not any(True for _ in case_file._validator().iter_errors(document)) and not has_nul(document)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**40), max_value=2**40),
              st.floats(allow_nan=True), st.sampled_from([0, 1, 1.0, 2.5, -1, 2147483648, True, False]),
              st.text(max_size=8), st.sampled_from(
                  ["", "2026-02-30", "2026-11-23", "2026-11-23T10:00:00+00:00", "2026-11-23T10:00:00",
                   "9999-12-31T23:59:59-23:59", "1250.00", "fgdm-case", "en_GB", "maternal", "nul\x00", "x" * 300,
                   "a@b.cd", "01632 960 123"])),
    lambda children: st.lists(children, max_size=2) | st.dictionaries(st.sampled_from(["id", "uid", "x"]),
                                                                        children, max_size=2),
    max_leaves=4)


def _scalars(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _scalars(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _scalars(item)]
    return [value]


near_misses = st.sampled_from(sorted({json.dumps(value) for value in _scalars(EXAMPLE)})).map(json.loads).flatmap(
    lambda value: st.sampled_from([value, value * 70, f"{value}\x00", str(value), -1, None])
    if isinstance(value, str) else st.sampled_from([value, str(value), -value if value is not None
                                                    and not isinstance(value, bool) else 0, None, True]))
"""Values of the example moved to other fields, made long, negative or textual: the edges of each keyword."""


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_the_fast_check_agrees_with_jsonschema_on_mutated_case_files(data):
    document = mutated(data, copy.deepcopy(EXAMPLE), times=st.integers(min_value=0, max_value=3),
                       values=near_misses | json_values, whole=json_values)
    assert case_file._sound()(document) == jsonschema_says_sound(document)


def test_the_documented_example_is_sound_and_a_nul_anywhere_is_not():
    assert case_file._sound()(EXAMPLE)
    broken = copy.deepcopy(EXAMPLE)
    broken["people"][0]["notes_that_do_not_exist"] = "x"
    assert not case_file._sound()(broken)
    broken = copy.deepcopy(EXAMPLE)
    broken["people"][0]["given_name"] = "Zuz\x00anna"
    assert not case_file._sound()(broken)


@pytest.mark.parametrize(("schema", "value", "sound"), [
    ({"type": "integer"}, 1.0, True),
    ({"type": "integer"}, True, False),
    ({"type": "number"}, False, False),
    ({"const": 1}, True, False),
    ({"const": 1}, 1.0, True),
    ({"enum": ["a", None]}, None, True),
    ({"enum": ["a", None]}, 0, False),
    ({"type": "string", "maxLength": 2}, "🦊🦊", True),
    ({"type": "string", "maxLength": 2}, "abc", False),
    ({"type": "string", "minLength": 1}, "", False),
    ({"type": "string", "pattern": "^\\d+$"}, "12a", False),
    ({"type": "string", "format": "date"}, "2026-02-30", False),
    ({"type": "integer", "minimum": 1, "maximum": 3}, 4, False),
    ({"type": "integer", "minimum": 1, "maximum": 3}, 0, False),
    ({"type": "object", "required": ["a"]}, {}, False),
    ({"type": "object", "additionalProperties": False, "properties": {"a": {}}}, {"b": 1}, False),
    ({"anyOf": [{"type": "string"}, {"type": "null"}]}, 1, False),
    ({"anyOf": [{"type": "string"}, {"type": "null"}]}, None, True),
    ({"minimum": 1}, "text", True),
    ({"description": "anything"}, {"deep": ["nul\x00"]}, False),
    ({"type": "object", "properties": {"a": {"type": "integer"}}}, {"b": "nul\x00"}, False),
    ({"type": "object", "properties": {"a": {"type": "integer"}}}, {"b": "fine"}, True),
    ({"type": "array", "minItems": 1, "items": {"type": "string"}}, [], False),
])
def test_each_keyword_follows_json_schema(schema, value, sound):
    assert sound_check(schema)(value) is sound
    assert (not list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(value))
            and not has_nul(value)) is sound


def test_a_nul_deep_in_a_thousand_levels_of_nesting_is_found_without_recursion():
    value: Any = "nul\x00"
    for _ in range(5_000):
        value = [value]
    assert has_nul(value)
