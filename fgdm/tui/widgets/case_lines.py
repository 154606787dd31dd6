"""A list of case lines under group headings; choosing a line opens its case.

A long group shows its first `SHOWN` lines and a "more" line that shows the rest in place. Home for the owner
of a large service has some 430 lines in its groups; a coordinator reads the first few of each at a glance,
and measuring, wrapping and drawing all of them was most of the workbench's start (`docs/performance.md`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from fgdm.i18n import format_number
from fgdm.services.home import CaseLine

SHOWN = 8
"""Lines of a group shown until its "more" line is chosen: six groups fit a 40-line terminal."""


class LineGroup(NamedTuple):
    """A heading (none for a plain list), its lines, and the key that keeps it open across a refresh.

    ``listed`` is how many lines the group has in all when only its first are given: its "more" line then
    asks for the rest (`CaseLines.LinesWanted`) and shows them once they come (`show_lines`).
    """

    heading: str
    lines: Sequence[CaseLine]
    key: str = ""
    listed: int = 0


def line_prompt(line: CaseLine) -> Content:
    """Reference in bold, the children's names, then what the line is about (all user text kept literal).

    Assembled from styled parts rather than parsed from markup: parsing home's lines took 60 ms of the
    workbench's start.
    """
    return Content.assemble((line.reference, "bold"), "  ", line.children,
                            (f"  · {line.detail}" if line.detail else "", "dim"))


def more_prompt(hidden: int) -> Content:
    return Content.assemble((f"… {format_number(hidden)} more: Enter shows them", "dim italic"))


class CaseLines(OptionList):
    """Grouped case lines: `show_groups([LineGroup(heading, lines, key), ...])`; Enter or a click opens the case."""

    class CaseChosen(Message):
        def __init__(self, case_id: int) -> None:
            super().__init__()
            self.case_id = case_id

    class LinesWanted(Message):
        """The "more" line of a group given only its first lines was chosen: answer with `show_lines`."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, empty: str, id: str | None = None) -> None:
        super().__init__(id=id, classes="case-lines")
        self.empty = empty
        self._groups: list[LineGroup] = []
        self._opened: set[str] = set()
        self._cases: dict[str, int] = {}
        self._more: dict[str, str] = {}
        self._asked_at: int | None = None

    @property
    def opened(self) -> frozenset[str]:
        """The keys of the groups whose "more" line was chosen: a refresh should give them whole."""
        return frozenset(self._opened)

    def show_groups(self, groups: Sequence[LineGroup]) -> None:
        self._groups = list(groups)
        self._show(keep=self.highlighted)

    def show_waiting(self, words: str) -> None:
        """Until the lines are read: one line saying so, rather than the words for an empty list."""
        self._groups, self._cases, self._more = [], {}, {}
        self.set_options([Option(Content(words), disabled=True)])

    def show_lines(self, key: str, lines: Sequence[CaseLine]) -> None:
        """A group's lines given whole, as its "more" line asked: shown open, from the first line new to view."""
        self._groups = [LineGroup(group.heading, lines, group.key) if group.key == key else group
                        for group in self._groups]
        self._opened.add(key)
        self._show(keep=self._asked_at if self._asked_at is not None else self.highlighted)
        self._asked_at = None

    def _show(self, *, keep: int | None) -> None:
        options: list[Option] = []
        self._cases, self._more = {}, {}
        for group in self._groups:
            if group.heading:
                options.append(Option(Content.assemble((group.heading, "bold")), disabled=True))
            lines, in_all = group.lines, max(group.listed, len(group.lines))
            if in_all > SHOWN + 1 and (group.key not in self._opened or len(lines) < in_all):
                lines = lines[:SHOWN]
            for line in lines:
                option_id = f"line-{len(self._cases)}"
                self._cases[option_id] = line.case_id
                options.append(Option(line_prompt(line), id=option_id))
            if len(lines) < in_all:
                option_id = f"more-{len(self._more)}"
                self._more[option_id] = group.key
                options.append(Option(more_prompt(in_all - len(lines)), id=option_id))
        if not self._cases:
            options.append(Option(Content(self.empty), disabled=True))
        self.set_options(options)
        first = next((index for index, option in enumerate(options) if not option.disabled), None)
        if first is not None:
            self.highlighted = keep if keep is not None and keep < len(options) \
                and not options[keep].disabled else first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id in self._more:
            key = self._more[option_id]
            group = next(group for group in self._groups if group.key == key)
            if len(group.lines) < group.listed:
                self._asked_at = event.option_index
                self.post_message(self.LinesWanted(key))
                return
            self._opened.add(key)
            self._show(keep=event.option_index)
            return
        case_id = self._cases.get(option_id)
        if case_id is not None:
            self.post_message(self.CaseChosen(case_id))
