"""What a coordinator does in the workbench, one step at a time, by keys alone.

Each step presses the keys a person would press on the screen in view and waits for the text that shows the
step worked, so a journey reads as the coordinator's day and fails at the step that went wrong, with the
screen as it was. Field positions follow the forms' order (Tab moves one field on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from tests.journeys.terminal import Terminal

SLOW = 60.0
"""Seconds a step may take to show its result on a busy machine (a form saving, a document written)."""

MEMBER_FORM = ("given", "family", "known_as", "relationship", "side", "gender", "born", "deceased", "household",
               "parent", "pr", "not_to_be_told", "address_confidential", "separately", "phone", "email", "address")
"""The member form's fields in Tab order, as far as the journeys fill it."""


def typed(day: date) -> str:
    """A date as a coordinator types it."""
    return f"{day:%d/%m/%Y}"


def shown(day: date) -> str:
    """A date as the workbench shows it in words: 9 December 2026."""
    return f"{day.day} {day:%B %Y}"


def shown_short(day: date) -> str:
    """A date as a table shows it: 9 Dec 2026."""
    return f"{day.day} {day:%b %Y}"


@dataclass(frozen=True)
class Dates:
    """The days of one case's work, all behind today so meetings can be recorded held."""

    referred: date
    baseline: date
    fgdm: date
    due: date

    @classmethod
    def before(cls, today: date) -> Dates:
        saturday = today - timedelta(days=(today.weekday() - 5) % 7 or 7)
        baseline = saturday - timedelta(days=4)
        return cls(referred=baseline - timedelta(days=2), baseline=baseline, fgdm=saturday,
                   due=today + timedelta(days=120))


def choose(terminal: Terminal, label: str, option: str) -> str:
    """Open the focused list labelled `label`, type part of an option, take it and see it chosen."""
    terminal.press("enter")
    terminal.settle()
    terminal.type(option[:3])
    terminal.settle()
    terminal.press("enter")
    return field_shows(terminal, label, option)


def tab(terminal: Terminal, times: int = 1) -> None:
    terminal.press(*["tab"] * times)


def field_shows(terminal: Terminal, label: str, value: str) -> str:
    """Wait until the field labelled `label` shows `value`: what a person checks before saving."""
    return terminal.wait_for(re.compile(re.escape(label) + r"[ *]+" + re.escape(value)), timeout=SLOW)


def save(terminal: Terminal) -> None:
    terminal.settle(quiet=0.3)
    terminal.press("ctrl+s")


def show_tab(terminal: Terminal, key: str, shows: str) -> str:
    """Press a case tab's number and wait for the text that only that tab shows."""
    terminal.press(key)
    terminal.wait_for(shows, timeout=SLOW)
    terminal.settle()
    return terminal.text


def open_new_case(terminal: Terminal, *, family: str, child: str, born: date, referred: date,
                  letter_before_proceedings: date) -> str:
    """`n` on home: the family, one child and the referral; the case opens on its Overview."""
    terminal.wait_for("Welcome to fgdm", timeout=SLOW)
    terminal.press("n")
    terminal.wait_for("New case", timeout=SLOW)
    terminal.type(family)
    tab(terminal)
    terminal.type(typed(referred))
    field_shows(terminal, "Referral date", typed(referred))
    tab(terminal)
    terminal.type(child)
    tab(terminal, 2)
    terminal.type(typed(born))
    field_shows(terminal, "Child's date of birth", typed(born))
    tab(terminal, 6)
    terminal.type(typed(letter_before_proceedings))
    field_shows(terminal, "Letter before proceedings on", typed(letter_before_proceedings))
    save(terminal)
    terminal.wait_for("Lifecycle", timeout=SLOW)
    return terminal.wait_for(re.compile(r"FG-\d{4}-\d{4}  " + re.escape(f"{child} {family}")), timeout=SLOW)


def add_child(terminal: Terminal, *, name: str, due: date) -> str:
    """`c` on the Overview: a baby on the way, with the due date."""
    terminal.press("c")
    terminal.wait_for("Add a child", timeout=SLOW)
    terminal.type(name)
    tab(terminal, 3)
    terminal.type(typed(due))
    save(terminal)
    terminal.wait_gone("Add a child", timeout=SLOW)
    return terminal.wait_for(f"due {shown(due)}", timeout=SLOW)


def add_member(terminal: Terminal, *, given: str, family: str, relationship: str, side: str,
               parent: bool = False, pr: bool = False, not_to_be_told: bool = False,
               address_confidential: bool = False, address: str = "") -> str:
    """`m` on the Network tab: one person, the flags that keep people safe, and an address if there is one."""
    terminal.press("m")
    terminal.wait_for("Add a network member", timeout=SLOW)
    terminal.type(given)
    tab(terminal)
    terminal.type(family)
    tab(terminal, 2)
    terminal.type(relationship)
    tab(terminal)
    choose(terminal, "Side", side)
    at = MEMBER_FORM.index("side")
    ticks = {"parent": parent, "pr": pr, "not_to_be_told": not_to_be_told,
             "address_confidential": address_confidential}
    for field, ticked in ticks.items():
        if ticked:
            tab(terminal, MEMBER_FORM.index(field) - at)
            at = MEMBER_FORM.index(field)
            terminal.press("space")
    if address:
        tab(terminal, MEMBER_FORM.index("address") - at)
        terminal.type(address)
    save(terminal)
    return terminal.wait_gone("Add a network member", timeout=SLOW)


def schedule_meeting(terminal: Terminal, *, kind: str, day: date, start: str, end: str,
                     warning: str = "", reason: str = "") -> str:
    """`s` on the Meetings tab; where fgdm warns, read the warning at the top and accept it with a reason."""
    terminal.press("s")
    terminal.wait_for("Schedule a meeting", timeout=SLOW)
    choose(terminal, "Kind of meeting", kind)
    tab(terminal)
    terminal.type(typed(day))
    tab(terminal)
    terminal.type(start)
    tab(terminal)
    terminal.type(end)
    field_shows(terminal, "Ends (UK time)", end)
    save(terminal)
    if warning:
        terminal.wait_for(warning, timeout=SLOW)
        terminal.wait_for("Reason for accepting them", timeout=SLOW)
        terminal.type(reason)
        save(terminal)
    terminal.wait_gone("Schedule a meeting", timeout=SLOW)
    return terminal.wait_for(f"{shown_short(day)} {start}", timeout=SLOW)


def close_written(terminal: Terminal, title: str) -> str:
    """A file was written: read its title and path (in the output folder), then close the message."""
    screen = terminal.wait_for(title, timeout=SLOW)
    terminal.wait_for("Enter or Escape closes", timeout=SLOW)
    terminal.settle()
    terminal.press("escape")
    terminal.wait_gone("Enter or Escape closes", timeout=SLOW)
    terminal.settle()
    terminal.wait_gone("Enter or Escape closes", timeout=SLOW)
    return screen


def record_offer(terminal: Terminal, *, to: str) -> str:
    """`f` on the Offers tab: the s.31ZA offer to the highlighted parent, made in the letter before proceedings."""
    terminal.press("f")
    terminal.wait_for(f"Offer to {to}", timeout=SLOW)
    save(terminal)
    terminal.wait_gone(f"Offer to {to}", timeout=SLOW)
    return terminal.wait_for(re.compile(re.escape(to) + r" +Parent, PR +\d"), timeout=SLOW)


def write_offer_letter(terminal: Terminal, *, to: str) -> str:
    """`t` on the Offers tab: the offer letter to the highlighted person, written to the output folder."""
    terminal.press("t")
    terminal.wait_for(f"Letter to {to}", timeout=SLOW)
    save(terminal)
    return close_written(terminal, ".docx")


def record_held(terminal: Terminal, *, row: int, held_on: date) -> str:
    """`d` on the Meetings tab's `row`-th meeting (from 1): it happened on `held_on`."""
    terminal.press("home", *["down"] * (row - 1))
    terminal.press("d")
    terminal.wait_for("Record the meeting as held", timeout=SLOW)
    terminal.type(typed(held_on))
    field_shows(terminal, "Held on", typed(held_on))
    save(terminal)
    terminal.wait_gone("Record the meeting as held", timeout=SLOW)
    return terminal.wait_for("Held", timeout=SLOW)


def start_plan(terminal: Terminal) -> str:
    """`v` on the Plan tab, answered Start: the first version, a draft."""
    terminal.press("v")
    terminal.wait_for("Start the family plan?", timeout=SLOW)
    terminal.press("y")
    return terminal.wait_for("Version 1 of 1", timeout=SLOW)


def add_action(terminal: Terminal, *, what: str, who: str, by_when: date) -> str:
    """`i` on the Plan tab: what will be done, by whom and by when."""
    terminal.press("i")
    terminal.wait_for("What will be done", timeout=SLOW)
    terminal.type(what)
    tab(terminal)
    terminal.type(who)
    tab(terminal, 2)
    terminal.type(typed(by_when))
    field_shows(terminal, "By when", typed(by_when))
    save(terminal)
    terminal.wait_gone("What will be done", timeout=SLOW)
    return terminal.wait_for(what[:20], timeout=SLOW)


def agree_plan(terminal: Terminal, *, referrer: str) -> str:
    """`g` on the Plan tab: the referrer, named, agreed the plan today."""
    terminal.press("g")
    terminal.wait_for("The referrer's decision", timeout=SLOW)
    tab(terminal, 2)
    terminal.type(referrer)
    terminal.wait_for(referrer, timeout=SLOW)
    save(terminal)
    terminal.wait_gone("The referrer's decision", timeout=SLOW)
    return terminal.wait_for("greed", timeout=SLOW)


def print_plan(terminal: Terminal) -> str:
    """`p` on the Plan tab: the family's copy, in their language, to the output folder."""
    terminal.press("p")
    terminal.wait_for("Print version 1", timeout=SLOW)
    save(terminal)
    return close_written(terminal, "The family's copy of the plan was written")


def request_support(terminal: Terminal, *, kind: str, what: str, amount: str, on: date) -> str:
    """`i` on the Support tab: a one-off request for the family."""
    terminal.press("i")
    terminal.wait_for("Request support", timeout=SLOW)
    choose(terminal, "Kind of support", kind)
    tab(terminal)
    terminal.type(what)
    tab(terminal)
    terminal.type(amount)
    tab(terminal, 2)
    terminal.type(typed(on))
    field_shows(terminal, "Date", typed(on))
    save(terminal)
    terminal.wait_gone("Request support", timeout=SLOW)
    return terminal.wait_for(what[:20], timeout=SLOW)


def approve_support(terminal: Terminal, *, row: int, what: str) -> str:
    """`y` on the Support tab's `row`-th item (from 1): a manager approves it."""
    terminal.press("home", *["down"] * (row - 1))
    terminal.press("y")
    terminal.wait_for(f"Approve {what[:20]}", timeout=SLOW)
    save(terminal)
    terminal.wait_gone(f"Approve {what[:20]}", timeout=SLOW)
    return terminal.wait_for("Approved", timeout=SLOW)


def quarter_of(day: date) -> str:
    """The return's quarter holding `day`, as the reports screen names it: April to June is Q1."""
    year = day.year if day.month >= 4 else day.year - 1
    return f"{year}-Q{(day.month - 4) % 12 // 3 + 1}"


def open_quarterly_return(terminal: Terminal, *, quarter: str) -> str:
    """F9: the quarterly return; `p` to the period, the quarter typed, Enter to count it."""
    terminal.press("f9")
    terminal.wait_for("Quarterly return", timeout=SLOW)
    terminal.wait_for("Offers accepted", timeout=SLOW)  # a measure near the top: at 80x24 the rest scroll
    terminal.press("p")
    terminal.press("ctrl+a", "ctrl+k")
    terminal.type(quarter)
    terminal.press("enter")
    return terminal.wait_for(f"{quarter}: ", timeout=SLOW)


def drill_down(terminal: Terminal, *, measure_row: int, measure: str) -> str:
    """The `measure_row`-th number of the return (from 1) highlighted in its table, which has the focus after
    the period is counted; `e` lists the records behind it."""
    terminal.press("home", *["down"] * (measure_row - 1))
    terminal.wait_for(f"{measure}:", timeout=SLOW)
    terminal.press("e")
    return terminal.wait_for("Records behind a number", timeout=SLOW)


def open_from_drill_down(terminal: Terminal, *, reference: str) -> str:
    """Enter on the drill-down's highlighted record opens its case."""
    terminal.press("enter")
    return terminal.wait_for(re.compile(re.escape(reference) + r"  .*·"), timeout=SLOW)


def find_case(terminal: Terminal, *, reference: str) -> str:
    """`/` from anywhere: the reference typed, and Enter opens the case found."""
    terminal.press("/")
    terminal.wait_for("Search: reference", timeout=SLOW)
    terminal.type(reference)
    terminal.wait_for("1–1 of 1", timeout=SLOW)
    terminal.press("enter")
    return terminal.wait_for("Lifecycle", timeout=SLOW)
