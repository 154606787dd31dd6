"""A coordinator who types as fast as a person types: each form's fields go in one burst, from its first field to
its last, and every field gets what was typed for it; a tab's number, its key and the form's text go at once;
ctrl+s straight after a field's last characters saves them; y to a question, the next key and its form's text
go at once. Before, the plan's table lost the focus, ctrl+s saved half a date, and the letters typed after a tab
or a question ran the case's keys (a advanced the stage)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from tests.journeys import steps
from tests.journeys.terminal import KEYS, NotShown, Terminal

TAB, SAVE, ENTER, SPACE = KEYS["tab"], KEYS["ctrl+s"], KEYS["enter"], " "
NEW_CASE = "nBanda" + TAB + TAB + "Chipo" + TAB + TAB + "03/02/2020"


def test_a_case_its_network_and_a_plan_action_typed_in_bursts(workbench: Callable[..., Terminal]) -> None:
    terminal = workbench("a.okafor", columns=80, rows=24)
    terminal.wait_for("Welcome to fgdm", timeout=steps.SLOW)

    terminal.type(NEW_CASE)
    steps.field_shows(terminal, "Child's date of birth", "03/02/2020")
    terminal.press("ctrl+s")
    screen = terminal.wait_for("born 3 February 2020", timeout=steps.SLOW)
    assert "Chipo Banda" in screen, screen

    terminal.type("2")
    terminal.wait_for("press m to add the first", timeout=steps.SLOW)
    terminal.type("m")
    terminal.wait_for("Add a network member", timeout=steps.SLOW)
    terminal.type("Rudo" + TAB + "Banda" + TAB + TAB + "Mother" + TAB + ENTER + "Mat" + ENTER
                  + TAB * 5 + SPACE + TAB + SPACE + SAVE)
    terminal.wait_for("1 person in the network", timeout=steps.SLOW)
    screen = terminal.wait_for("Rudo Banda", timeout=steps.SLOW)
    assert "Maternal" in screen and "PR" in screen, screen

    terminal.type("m")
    terminal.wait_for("Add a network member", timeout=steps.SLOW)
    terminal.type("Tendai" + TAB + "Moyo" + TAB + TAB + "Uncle" + TAB * 8 + SPACE + SAVE)
    terminal.wait_for("2 people in the network", timeout=steps.SLOW)
    screen = terminal.wait_for("NOT TO BE TOLD", timeout=steps.SLOW)
    assert "Uncle" in screen, screen

    by_when = date.today() + timedelta(weeks=2)
    terminal.type("5")
    terminal.wait_for("No plan yet", timeout=steps.SLOW)
    terminal.type("v")
    terminal.wait_for("Start the family plan?", timeout=steps.SLOW)
    terminal.type("y")
    terminal.wait_for("Version 1 of 1", timeout=steps.SLOW)
    steps.show_tab(terminal, "5", "Version 1 of 1")
    terminal.type("i")
    try:
        terminal.wait_for("What will be done", timeout=steps.SLOW)
    except NotShown as not_shown:
        raise AssertionError("i on the Plan tab just after its first version started opened no action form: "
                             f"the plan's table no longer has the focus\n{terminal.text}") from not_shown
    terminal.type("Rudo takes Chipo to the dentist" + TAB + "Rudo Banda" + TAB + TAB
                  + steps.typed(by_when))
    steps.field_shows(terminal, "By when", steps.typed(by_when))
    terminal.press("ctrl+s")
    terminal.wait_gone("What will be done", timeout=steps.SLOW)
    screen = terminal.wait_for("Rudo takes Chipo to the", timeout=steps.SLOW)
    assert steps.shown_short(by_when) in screen, screen


def test_ctrl_s_typed_straight_after_a_date_saves_the_whole_date(workbench: Callable[..., Terminal]) -> None:
    terminal = workbench("a.okafor", columns=80, rows=24)
    terminal.wait_for("Welcome to fgdm", timeout=steps.SLOW)
    terminal.type(NEW_CASE + SAVE)
    screen = terminal.wait_for("Lifecycle", timeout=steps.SLOW)
    terminal.settle()
    assert "born 3 February 2020" in terminal.text, screen


def test_a_tab_and_its_key_typed_at_once_open_the_tab_s_form(workbench: Callable[..., Terminal]) -> None:
    terminal = workbench("a.okafor", columns=80, rows=24)
    terminal.wait_for("Welcome to fgdm", timeout=steps.SLOW)
    terminal.type(NEW_CASE)
    steps.field_shows(terminal, "Child's date of birth", "03/02/2020")
    terminal.press("ctrl+s")
    terminal.wait_for("born 3 February 2020", timeout=steps.SLOW)
    terminal.type("2m" + "Rudo" + TAB + "Banda")
    terminal.wait_for("Add a network member", timeout=steps.SLOW)
    steps.field_shows(terminal, "Family name", "Banda")
    steps.field_shows(terminal, "First name", "Rudo")
    terminal.press("ctrl+s")
    terminal.wait_for("1 person in the network", timeout=steps.SLOW)
    screen = terminal.wait_for("Rudo Banda", timeout=steps.SLOW)  # the table's row is drawn a frame after the count
    assert "1 person in the network" in screen and "Referred" in screen, screen


def test_a_plan_started_and_its_action_typed_at_once_fill_the_action(workbench: Callable[..., Terminal]) -> None:
    terminal = workbench("a.okafor", columns=80, rows=24)
    terminal.wait_for("Welcome to fgdm", timeout=steps.SLOW)
    terminal.type(NEW_CASE)
    steps.field_shows(terminal, "Child's date of birth", "03/02/2020")
    terminal.press("ctrl+s")
    terminal.wait_for("born 3 February 2020", timeout=steps.SLOW)
    steps.show_tab(terminal, "5", "No plan yet")
    terminal.type("v")
    terminal.wait_for("Start the family plan?", timeout=steps.SLOW)
    terminal.type("y" + "i" + "Rudo takes Chipo to the dentist" + TAB + "Rudo Banda")
    steps.field_shows(terminal, "What will be done", "Rudo takes Chipo to the dentist")
    steps.field_shows(terminal, "Who (a name or a role)", "Rudo Banda")
