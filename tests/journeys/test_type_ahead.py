"""Keys typed as fast as a person types reach the field they were typed for, in order."""

from __future__ import annotations

from collections.abc import Callable

from tests.journeys.terminal import Terminal


def test_a_new_case_typed_without_waiting_fills_each_field(workbench: Callable[..., Terminal]) -> None:
    """`n`, a name, Tab … in one burst: before, the name went to home and `/` in the date opened the search
    (the workbench then failed); the child's name went into the family name."""
    terminal = workbench()
    terminal.wait_for("Welcome to fgdm")
    terminal.type("nNowak\t\tZofia\t\t12/03/2019")
    screen = terminal.wait_for("12/03/2019")
    terminal.settle()
    rows = {line.split("*")[0].strip("█ ").strip(): line for line in terminal.text.splitlines() if "*" in line}
    assert "Nowak" in rows["Family name"] and "Zofia" not in rows["Family name"], screen
    assert "Zofia" in rows["Child's first name"], screen
    assert "Find" not in terminal.text.splitlines()[1], screen
