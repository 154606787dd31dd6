"""The case screen: a heading with where the case stands, the case's tabs, and the lifecycle actions."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static, TabbedContent, TabPane, Tabs

from fgdm.domain import lifecycle
from fgdm.domain.enums import CaseStatus
from fgdm.models import Case
from fgdm.services import cases
from fgdm.services.shared.errors import as_sentence
from fgdm.tui import case_tabs
from fgdm.tui.actions import Action, bindings_for, register
from fgdm.tui.case_tabs.overview import OverviewTab
from fgdm.tui.screens.case_forms import close_case_form, open_overview_form
from fgdm.tui.widgets.case_tab import CaseTab
from fgdm.tui.widgets.confirmation import Confirmation
from fgdm.tui.widgets.key_bar import KeyBar
from fgdm.tui.widgets.service_call import run_service, workbench

register(*(Action(f"case.tab.{spec.id}", "case", str(number), f"show_tab('{spec.id}')", spec.title,
                  f"Show the {spec.title} tab", show=False)
           for number, spec in enumerate(case_tabs.CASE_TABS, start=1)))


def heading(detail: cases.CaseDetail) -> Content:
    case = detail.case
    children = ", ".join(child.name for child in detail.children)
    return Content.from_markup("[b]$reference[/b]  $children  ·  [b]$stage[/b]", reference=case.reference,
                               children=children or case.family_name, stage=case.status.label)


class CaseScreen(Screen[None]):
    """One case; every tab is a `CaseTab` from `fgdm.tui.case_tabs.CASE_TABS`."""

    CSS_PATH = [Path(__file__).with_name("case.tcss"), *case_tabs.stylesheets()]
    ACTION_SCOPE = "case"
    BINDINGS = bindings_for("case")

    def __init__(self, case_id: int) -> None:
        super().__init__(classes="case-screen")
        self.case_id = case_id
        self.detail: cases.CaseDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the case…", id="case-heading")
        with TabbedContent(id="case-tabs"):
            for spec in case_tabs.CASE_TABS:
                with TabPane(spec.title, id=f"tab-{spec.id}"):
                    yield spec.widget(self.case_id, id=f"case-tab-{spec.id}")
        yield KeyBar()

    def on_overview_tab_read(self, message: OverviewTab.Read) -> None:
        message.stop()
        self.show_heading(message.detail)

    def show_heading(self, detail: cases.CaseDetail) -> None:
        self.detail = detail
        self.sub_title = f"{detail.case.reference} · {detail.case.family_name}"
        self.query_one("#case-heading", Static).update(heading(detail))
        self.refresh_bindings()

    def reload_all(self) -> None:
        """Every tab again; the heading comes with the Overview tab's read."""
        for tab in self.query(CaseTab):
            tab.reload()

    def on_case_tab_case_changed(self, message: CaseTab.CaseChanged) -> None:
        message.stop()
        self.reload_all()
        workbench(self).type_ahead.work_done(message.waited)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the lifecycle actions that make sense at the case's stage (hidden otherwise)."""
        if self.detail is None:
            return True
        status = self.detail.case.status
        if action == "advance_stage":
            return status not in (CaseStatus.REVIEWING, CaseStatus.CLOSED)
        if action == "close_case":
            return status is not CaseStatus.CLOSED
        if action == "reopen_case":
            return status is CaseStatus.CLOSED
        return True

    def _changed(self, case: Case | None, message: str | None = None) -> None:
        if case is None:
            return
        if message:
            self.notify(message, title=case.reference)
        self.reload_all()

    def action_show_tab(self, tab_id: str) -> None:
        """Show a tab, its table taking the focus; the keys typed after the tab's number wait for that, so
        they reach the tab ("2m" adds a network member).

        The focus passes through the tab bar first: focus left inside the old tab would move to a widget still
        in it as the tab hides, and TabbedContent would then show that tab again."""
        tabs = self.query_one(TabbedContent)
        if tabs.active == f"tab-{tab_id}":
            self.query_one(f"#case-tab-{tab_id}", CaseTab).focus_main()
            return
        workbench(self).type_ahead.focus_coming()
        tabs.query_one(Tabs).focus()
        tabs.active = f"tab-{tab_id}"

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """The shown tab's table takes the focus, so its keys work at once ("press m to add the first")."""
        tab = event.pane.query(CaseTab).first()
        if tab.RELOAD_ON_SHOW:
            tab.reload()
        self.call_after_refresh(self._focus_shown, tab)

    def _focus_shown(self, tab: CaseTab) -> None:
        """Focus the tab's table, and let the keys typed after go to it, if the tab still shows: the first tab's
        turn can come after a number typed at once has shown another (whose own turn lets the keys go), and
        its table taking the focus would show the first tab again."""
        pane = tab.parent
        if pane is not None and self.query_one(TabbedContent).active == pane.id:
            tab.focus_main()
            workbench(self).type_ahead.release()

    def action_reload(self) -> None:
        self.reload_all()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_edit_overview(self) -> None:
        open_overview_form(self, self.case_id, self._changed)

    def action_advance_stage(self) -> None:
        if self.detail is None:
            return
        case = self.detail.case
        try:
            target = lifecycle.next_stage(case.status)
        except lifecycle.LifecycleError as error:
            self.notify(as_sentence(str(error)), title=case.reference, severity="warning")
            return
        if target is CaseStatus.CLOSED:
            self.action_close_case()
            return
        version = case.version

        def advance(confirmed: bool | None) -> None:
            if confirmed:
                run_service(self, lambda ctx: cases.advance_stage(ctx, self.case_id, expected_version=version),
                            lambda moved: self._changed(moved, f"Moved to {moved.status.label}"),
                            group="case-action")

        self.app.push_screen(Confirmation(f"Move {case.reference} from {case.status.label} to {target.label}?",
                                          yes="Move"), advance)

    def action_close_case(self) -> None:
        if self.detail is None:
            return
        self.app.push_screen(close_case_form(self.detail.case), self._changed)

    def action_reopen_case(self) -> None:
        if self.detail is None:
            return
        case = self.detail.case
        version = case.version

        def reopen(confirmed: bool | None) -> None:
            if confirmed:
                run_service(self, lambda ctx: cases.reopen_case(ctx, self.case_id, expected_version=version),
                            lambda opened: self._changed(opened, f"Reopened at {opened.status.label}"),
                            group="case-action")

        self.app.push_screen(Confirmation(f"Reopen {case.reference}?", yes="Reopen"), reopen)
