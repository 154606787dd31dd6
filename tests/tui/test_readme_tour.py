"""README's tour names the case's tabs by the numbers the workbench gives them, and each key it gives a tab is a
key of that tab (the tour once listed keys a tab did not have, and left out half of those it had)."""

from __future__ import annotations

import re
from pathlib import Path

from fgdm.tui import case_tabs
from fgdm.tui.actions import every_action

README = Path(__file__).parents[2] / "README.md"


def keys_of(scope: str) -> set[str]:
    named = {"slash": "/", "left_square_bracket": "[", "right_square_bracket": "]", "question_mark": "?"}
    return {named.get(key.strip(), key.strip()) for action in every_action() if action.scope == scope
            for key in action.keys.split(",")}


def test_the_tour_numbers_every_tab_as_the_workbench_does_with_that_tab_s_keys() -> None:
    tour = README.read_text(encoding="utf-8")
    titles = [spec.title for spec in case_tabs.CASE_TABS]
    told = dict(re.findall(r"(\d) (" + "|".join(map(re.escape, titles)) + r")\b", tour))
    assert told == {str(number): title for number, title in enumerate(titles, start=1)}
    for spec in case_tabs.CASE_TABS:
        keys = keys_of(spec.widget.ACTION_SCOPE) if hasattr(spec.widget, "ACTION_SCOPE") else set()
        listed = re.findall(re.escape(spec.title) + r" \(([^)]*)\)", tour)
        for number, keys_told in re.findall(r"the " + re.escape(spec.title) + r" tab \((\d)\):? ([^;|]*)", tour):
            assert number == str(titles.index(spec.title) + 1), f"the tour numbers the {spec.title} tab {number}"
            listed.append(keys_told)
        for key in (key for told_keys in listed for key in re.findall(r"`([^`]+)`", told_keys)):
            assert key in keys, f"the tour gives the {spec.title} tab `{key}`, which it does not have"
