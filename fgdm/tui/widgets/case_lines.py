"""A list of case lines under group headings; choosing a line opens its case."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from fgdm.services.home import CaseLine


def line_prompt(line: CaseLine) -> Content:
    """Reference in bold, the children's names, then what the line is about (all user text kept literal).

    Assembled from styled parts rather than parsed from markup: home shows some 500 lines, and parsing
    took 60 ms of the workbench's start.
    """
    return Content.assemble((line.reference, "bold"), "  ", line.children,
                            (f"  · {line.detail}" if line.detail else "", "dim"))


class CaseLines(OptionList):
    """Grouped case lines: `show_groups([(heading, lines), ...])`; Enter or a click opens the case."""

    class CaseChosen(Message):
        def __init__(self, case_id: int) -> None:
            super().__init__()
            self.case_id = case_id

    def __init__(self, *, empty: str, id: str | None = None) -> None:
        super().__init__(id=id, classes="case-lines")
        self.empty = empty
        self._cases: dict[str, int] = {}

    def show_groups(self, groups: Sequence[tuple[str, Sequence[CaseLine]]]) -> None:
        options: list[Option] = []
        self._cases = {}
        for heading, lines in groups:
            if heading:
                options.append(Option(Content.assemble((heading, "bold")), disabled=True))
            for line in lines:
                option_id = f"line-{len(self._cases)}"
                self._cases[option_id] = line.case_id
                options.append(Option(line_prompt(line), id=option_id))
        if not self._cases:
            options.append(Option(Content(self.empty), disabled=True))
        highlighted = self.highlighted
        self.set_options(options)
        first = next((index for index, option in enumerate(options) if not option.disabled), None)
        if first is not None:
            self.highlighted = highlighted if highlighted is not None and highlighted < len(options) \
                and not options[highlighted].disabled else first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        case_id = self._cases.get(event.option.id or "")
        if case_id is not None:
            self.post_message(self.CaseChosen(case_id))
