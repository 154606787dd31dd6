"""The base of every tab on the case screen: it fetches through the services off the UI thread.

A tab names what it needs in `fetch` (run in a thread worker with a fresh service context) and draws it in
`show` (run on the UI thread once the fetch returns), so a slow query never freezes the screen and only
UI-thread code touches widgets, as harlequin does. After changing the case a tab calls `case_changed()`;
the case screen then reloads its header and every tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Static

from fgdm.services.shared.context import ServiceContext
from fgdm.tui.widgets.service_call import run_service, workbench

if TYPE_CHECKING:
    from fgdm.tui.app import FgdmApp


class CaseTab(Widget):
    """One tab of a case: constructed with the case id, reloaded whenever the case may have changed."""

    DEFAULT_CLASSES = "case-tab"
    RELOAD_ON_SHOW = False
    """Read again each time the tab shows: for a tab that lists what the other tabs changed (History)."""
    SCROLL_TO_MAIN = True
    """Scroll the tab to its main table when it shows (the Offers tab's table lies under the duty's text)."""

    class CaseChanged(Message):
        """A tab changed the case: the screen reloads its header and every tab."""

        def __init__(self, case_id: int, waited: int | None = None) -> None:
            super().__init__()
            self.case_id = case_id
            self.waited = waited
            """Keys typed after the change wait for the tabs' reads it sets going (`TypeAhead.work_started`)."""

    def __init__(self, case_id: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.case_id = case_id

    @property
    def fgdm(self) -> FgdmApp:
        """The running workbench, typed, for its workspace, current user and clock."""
        return workbench(self)

    def width_across(self) -> int:
        """The tab's width in cells. A tab whose data comes before its first layout has no width yet: it is as wide
        as the terminal then, as the case screen's tabs are (a table fitted to no width kept that fit)."""
        return self.size.width or self.app.size.width

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Fetch again in a worker; a newer reload replaces an older one still running."""
        run_service(self, self.fetch, self.show, group="case-tab-fetch")

    def fetch(self, ctx: ServiceContext) -> Any:
        """Read what the tab shows; runs in a worker thread, so it must not touch widgets."""
        return None

    def show(self, data: Any) -> None:
        """Draw what `fetch` returned; runs on the UI thread."""

    def focus_main(self) -> None:
        """Focus the tab's first table (or else its first focusable widget), so the tab's keys work as soon as it
        shows, scrolled into view unless the tab says its top matters more (`SCROLL_TO_MAIN`)."""
        main = next((table for table in self.query(DataTable) if table.focusable), None) or next(
            (widget for widget in self.query("*") if widget.focusable), None)
        if main is not None:
            main.focus(scroll_visible=self.SCROLL_TO_MAIN)

    def case_changed(self) -> None:
        """Call after a save so the case screen refreshes everything that shows the case."""
        self.post_message(self.CaseChanged(self.case_id, self.fgdm.type_ahead.work_started()))


class UnavailableTab(CaseTab):
    """A tab whose capability has not been built yet: says so plainly instead of showing an empty pane."""

    CAPABILITY = "This part of the case"

    def compose(self) -> ComposeResult:
        yield Static(f"{self.CAPABILITY} is not yet available in this version of fgdm.",
                     classes="not-yet-available")

    def reload(self) -> None:
        """Nothing to fetch."""
