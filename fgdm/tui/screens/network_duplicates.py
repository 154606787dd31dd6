"""Asks whether a person being added is someone already on file: link them, or add a new person."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from fgdm.i18n import format_day
from fgdm.services.network import DuplicateCandidate

NEW_PERSON = "new"


def describe(candidate: DuplicateCandidate, verb: str = "Link") -> str:
    if candidate.hidden:
        return (f"A match ({'; '.join(candidate.reasons)}) in {candidate.other_cases} case(s) you may not open: "
                f"ask {candidate.ask} to link them")
    born = f", born {format_day(candidate.date_of_birth)}" if candidate.date_of_birth else ""
    cases = ", ".join(candidate.cases)
    if candidate.other_cases:
        cases = f"{cases} and {candidate.other_cases} other case(s)" if cases else f"{candidate.other_cases} case(s)"
    return f"{verb} {candidate.name}{born} ({'; '.join(candidate.reasons)}; in {cases or 'no case yet'})"


class DuplicateChoice(ModalScreen[int | str | None]):
    """Dismissed with the person id to link, NEW_PERSON to add anyway, or None to go back."""

    CSS_PATH = Path(__file__).with_name("network_duplicates.tcss")
    BINDINGS = [Binding("escape", "dismiss_none", "Back", id="network.duplicates.back")]

    def __init__(self, name: str, candidates: list[DuplicateCandidate], *, merging: bool = False) -> None:
        super().__init__(classes="duplicate-choice")
        self.person_name = name
        self.candidates = candidates
        self.merging = merging

    def compose(self) -> ComposeResult:
        with Vertical(id="duplicate-dialog"):
            question = (f"Which record is also {self.person_name}? It is merged into {self.person_name}: every "
                        "case, letter, offer and relationship moves across, and safety markers are combined."
                        if self.merging else
                        f"{self.person_name} may already be on file. People are stored once, so link them if "
                        "this is the same person: their history stays together.")
            yield Static(question, id="duplicate-question", markup=False)
            verb = "Merge" if self.merging else "Link"
            options = [Option(describe(c, verb), id=str(c.person_id), disabled=c.hidden) for c in self.candidates]
            if not self.merging:
                options.append(Option("Add as a new person: this is someone else", id=NEW_PERSON))
            yield OptionList(*options, id="duplicate-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id or NEW_PERSON
        self.dismiss(NEW_PERSON if chosen == NEW_PERSON else int(chosen))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
