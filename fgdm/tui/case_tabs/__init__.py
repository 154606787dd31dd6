"""The tabs of the case screen, in the order they appear (keys 1-9); each tab's module owns its widget and styles."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fgdm.tui.case_tabs.documents import DocumentsTab
from fgdm.tui.case_tabs.history import HistoryTab
from fgdm.tui.case_tabs.meetings import MeetingsTab
from fgdm.tui.case_tabs.network import NetworkTab
from fgdm.tui.case_tabs.notes import NotesTab
from fgdm.tui.case_tabs.offers import OffersTab
from fgdm.tui.case_tabs.overview import OverviewTab
from fgdm.tui.case_tabs.plan import PlanTab
from fgdm.tui.case_tabs.support import SupportTab
from fgdm.tui.widgets.case_tab import CaseTab


@dataclass(frozen=True)
class TabSpec:
    """A tab: its id (also its module and stylesheet name), its title and its widget class."""

    id: str
    title: str
    widget: type[CaseTab]

    @property
    def stylesheet(self) -> Path:
        return Path(__file__).with_name(f"{self.id}.tcss")


CASE_TABS: tuple[TabSpec, ...] = (
    TabSpec("overview", "Overview", OverviewTab),
    TabSpec("network", "Network", NetworkTab),
    TabSpec("meetings", "Meetings", MeetingsTab),
    TabSpec("offers", "Offers & letters", OffersTab),
    TabSpec("plan", "Plan", PlanTab),
    TabSpec("support", "Support", SupportTab),
    TabSpec("history", "History", HistoryTab),
    TabSpec("notes", "Notes", NotesTab),
    TabSpec("documents", "Documents", DocumentsTab),
)
"""Keys 1 to 9 show the tabs in this order (a tenth tab would have no number key)."""


def stylesheets() -> list[str | Path]:
    return [spec.stylesheet for spec in CASE_TABS]
