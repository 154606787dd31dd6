"""A coordinator's whole case at 80×24, by keys alone: from the referral to the quarterly return's drill-down."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from tests.journeys import steps
from tests.journeys.terminal import Terminal


def test_a_case_from_referral_to_the_quarterly_return(workbench: Callable[..., Terminal]) -> None:
    days = steps.Dates.before(date.today())
    terminal = workbench("a.okafor", columns=80, rows=24)

    screen = steps.open_new_case(terminal, family="Kowalczyk", child="Maja", born=date(2018, 5, 14),
                                 referred=days.referred, letter_before_proceedings=days.referred)
    assert "Maja Kowalczyk" in screen and "Referred" in screen, screen

    screen = steps.add_child(terminal, name="Baby", due=days.due)
    assert "born 14 May 2018" in screen, screen
    terminal.wait_for("Maja Kowalczyk, Baby Kowalczyk", timeout=steps.SLOW)

    steps.show_tab(terminal, "2", "press m to add the first")
    for count, member in enumerate(NETWORK, 1):
        steps.add_member(terminal, **member)
        terminal.wait_for(f"{count} {'person' if count == 1 else 'people'} in the network", timeout=steps.SLOW)
    terminal.wait_for("NOT TO BE TOLD", timeout=steps.SLOW)   # the "Saved" notices may cover a row a moment
    terminal.wait_for("ADDRESS CONFIDENTIAL", timeout=steps.SLOW)

    steps.show_tab(terminal, "3", "No meetings yet")
    steps.schedule_meeting(terminal, kind="Baseline with referrer", day=days.baseline, start="10:00", end="11:00")
    screen = steps.schedule_meeting(terminal, kind="FGDM meeting", day=days.fgdm, start="10:00", end="13:00",
                                    warning="The meeting falls on a Saturday",
                                    reason="The family work in the week; Saturday is the day all can come")
    assert "FGDM meeting" in screen and "2 meetings" in screen, screen

    steps.show_tab(terminal, "4", "Offers to parents")
    screen = steps.record_offer(terminal, to="Ewa Kowalczyk")
    assert "Ewa Kowalczyk" in screen, screen
    screen = steps.write_offer_letter(terminal, to="Ewa Kowalczyk")
    assert "fgdm" in screen, screen

    steps.show_tab(terminal, "3", "2 meetings")
    steps.record_held(terminal, row=1, held_on=days.baseline)
    steps.record_held(terminal, row=2, held_on=days.fgdm)
    screen = terminal.wait_for("·  Meeting held", timeout=steps.SLOW)
    assert screen.count("Held") >= 2, screen

    steps.show_tab(terminal, "5", "No plan yet")
    steps.start_plan(terminal)
    for what, who, weeks in ACTIONS:
        screen = steps.add_action(terminal, what=what, who=who, by_when=date.today() + timedelta(weeks=weeks))
    assert all(what[:20] in screen for what, _who, _weeks in ACTIONS), screen
    screen = steps.agree_plan(terminal, referrer="Ravi Patel")
    assert "greed" in screen, screen
    screen = steps.print_plan(terminal)
    assert ".docx" in screen, screen

    steps.show_tab(terminal, "6", "Requested £0.00")
    steps.request_support(terminal, kind="Travel", what="Bus passes for family time", amount="£48.00",
                          on=date.today())
    screen = steps.request_support(terminal, kind="Beds and furniture", what="A bed and mattress for Maja",
                                   amount="£1,250.50", on=date.today())
    assert "£1,298.50" in screen, screen
    steps.approve_support(terminal, row=1, what="Bus passes for family time")
    terminal.wait_for("Approved £48.00", timeout=steps.SLOW)

    manager = workbench("m.evans", columns=80, rows=24)
    manager.wait_for("Files are written to", timeout=steps.SLOW)
    steps.find_case(manager, reference="FG-2026-0001")
    steps.show_tab(manager, "6", "Requested")
    steps.approve_support(manager, row=2, what="A bed and mattress for Maja")
    screen = manager.wait_for("Approved £1,298.50", timeout=steps.SLOW)
    assert "Bus passes" in screen and "A bed and mattress" in screen, screen

    steps.open_quarterly_return(manager, quarter=steps.quarter_of(days.fgdm))
    steps.drill_down(manager, measure_row=13, measure="All FGDM meetings held")
    screen = manager.wait_for("FG-2026-0001", timeout=steps.SLOW)
    assert any(day in screen for day in (steps.shown(days.fgdm), steps.shown_short(days.fgdm),
                                         steps.typed(days.fgdm))), screen
    screen = steps.open_from_drill_down(manager, reference="FG-2026-0001")
    assert "Maja Kowalczyk, Baby Kowalczyk" in screen, screen


NETWORK = [
    {"given": "Ewa", "family": "Kowalczyk", "relationship": "Mother", "side": "Maternal", "parent": True, "pr": True},
    {"given": "Tomasz", "family": "Kowalczyk", "relationship": "Father", "side": "Paternal", "parent": True, "pr": True,
     "not_to_be_told": True},
    {"given": "Halina", "family": "Nowak", "relationship": "Maternal grandmother", "side": "Maternal",
     "address_confidential": True, "address": "4 Willow Close, Anytown"},
    {"given": "Piotr", "family": "Nowak", "relationship": "Maternal uncle", "side": "Maternal"},
    {"given": "Krystyna", "family": "Kowalczyk", "relationship": "Paternal aunt", "side": "Paternal"},
    {"given": "Joy", "family": "Adebayo", "relationship": "Family friend", "side": "Friends and community"},
    {"given": "Sam", "family": "Reed", "relationship": "Neighbour", "side": "Friends and community"},
    {"given": "Leah", "family": "Brooks", "relationship": "Health visitor", "side": "Professionals"},
]

ACTIONS = [
    ("Nana Halina collects Maja from school on Mondays", "Halina Nowak", 1),
    ("Ewa goes to the parenting course at the family hub", "Ewa Kowalczyk", 2),
    ("Piotr helps with the garden fence so Maja can play", "Piotr Nowak", 3),
    ("Joy takes Maja swimming every other Saturday", "Joy Adebayo", 4),
    ("Health visitor checks in before the baby is born", "Leah Brooks", 5),
    ("Family meet again to review how the plan is going", "Ewa Kowalczyk", 12),
]
