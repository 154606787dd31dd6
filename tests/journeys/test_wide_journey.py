"""A coordinator on a wide terminal (120×40): the same screens from the referral to an agreed plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from tests.journeys import steps
from tests.journeys.terminal import Terminal


def test_a_case_to_an_agreed_plan_at_120_by_40(workbench: Callable[..., Terminal]) -> None:
    days = steps.Dates.before(date.today())
    terminal = workbench("a.okafor", columns=120, rows=40)

    screen = steps.open_new_case(terminal, family="Okoro", child="Tobi", born=date(2016, 9, 2),
                                 referred=days.referred, letter_before_proceedings=days.referred)
    assert "Tobi Okoro" in screen and "Referred" in screen, screen

    steps.show_tab(terminal, "2", "press m to add the first")
    steps.add_member(terminal, given="Grace", family="Okoro", relationship="Mother", side="Maternal",
                     parent=True, pr=True)
    steps.add_member(terminal, given="Daniel", family="Okoro", relationship="Father", side="Paternal",
                     parent=True, pr=True, not_to_be_told=True)
    steps.add_member(terminal, given="Ruth", family="Eze", relationship="Maternal aunt", side="Maternal",
                     address_confidential=True, address="12 Elm Road, Anytown")
    terminal.wait_for("3 people in the network", timeout=steps.SLOW)
    screen = terminal.wait_for("Ruth Eze", timeout=steps.SLOW)  # the table's row is drawn a frame after the count
    assert "Ruth Eze" in screen and "Daniel Okoro" in screen and "NOT TO BE TOLD" in screen, screen

    steps.show_tab(terminal, "3", "No meetings yet")
    steps.schedule_meeting(terminal, kind="Baseline with referrer", day=days.baseline, start="10:00", end="11:00")
    screen = steps.schedule_meeting(terminal, kind="FGDM meeting", day=days.fgdm, start="10:00", end="13:00",
                                    warning="The meeting falls on a Saturday",
                                    reason="Saturday is the only day Ruth can travel")
    assert "2 meetings" in screen, screen
    steps.record_held(terminal, row=1, held_on=days.baseline)
    steps.record_held(terminal, row=2, held_on=days.fgdm)
    screen = terminal.wait_for("Meeting held", timeout=steps.SLOW)
    assert "Tobi Okoro" in screen, screen

    steps.show_tab(terminal, "5", "No plan yet")
    steps.start_plan(terminal)
    steps.add_action(terminal, what="Ruth has Tobi after school on Wednesdays", who="Ruth Eze",
                     by_when=date.today() + timedelta(weeks=1))
    screen = steps.add_action(terminal, what="Grace and Tobi see the school nurse together", who="Grace Okoro",
                              by_when=date.today() + timedelta(weeks=3))
    assert "Ruth has Tobi after school on Wednesdays" in screen, screen
    screen = steps.agree_plan(terminal, referrer="Ravi Patel")
    assert "Agreed" in screen or "agreed" in screen, screen
