"""`--format json` is written by json's C encoder, a record to a line, and reads back exactly as the indented JSON
it replaced: scripts that parse it see no change."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fgdm.cli.common import json_text

SHAPES: dict[str, Any] = {
    "records": [{"reference": "FG-2026-0001", "children": "Zoë, Ahmed", "family_name": "Nowak-اختر", "count": 2,
                 "amount": "12.50", "held": None, "flags": [True, False], "ratio": 0.5}] * 3,
    "nested": [{"missing": [{"what": "offer", "by": "2026-01-05"}], "overridden": {"a": 1}}, [1, [2, [3]]]],
    "a dict holding lists": {"case": "FG-2026-0002", "offers": [{"id": 1}, {"id": 2}], "exceptions": [],
                             "totals": {"paid": "0.00"}},
    "empty list": [],
    "empty dict": {},
    "keys that are not text": {1: "one", 2.5: "two and a half", None: "none", False: "no"},
    "text alone": "line\nbreak \"quoted\" \u2028",
}


@pytest.mark.parametrize("value", SHAPES.values(), ids=SHAPES.keys())
def test_it_reads_back_as_the_indented_json_did(value: Any) -> None:
    assert json.loads(json_text(value)) == json.loads(json.dumps(value, ensure_ascii=False, indent=2))


def test_a_list_is_one_record_to_a_line_and_a_dict_one_key_to_a_line() -> None:
    assert json_text([{"a": 1}, {"b": "é"}]).splitlines() == ["[", '  {"a": 1},', '  {"b": "é"}', "]"]
    assert json_text({"case": "X", "offers": [{"id": 1}, {"id": 2}], "none": []}).splitlines() == [
        "{", '  "case": "X",', '  "offers": [', '    {"id": 1},', '    {"id": 2}', "  ],", '  "none": []', "}"]
