"""The Overview tab: who the case is about, who referred it, consent, the LBP date and where it stands.

The children are a table: `c` adds a child (a brother or sister, a baby born or expected during the work),
enter edits the highlighted child (a date of birth records an unborn baby's birth), delete removes one added
by mistake (after asking; a child with records of their own is kept).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from fgdm.domain import lifecycle
from fgdm.domain.enums import CaseStatus, LegalStatus
from fgdm.i18n import format_day, locale_for
from fgdm.services import cases
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.actions import Action, bindings_for, register
from fgdm.tui.screens.case_forms import child_fields, child_values, new_child_function, update_child_function
from fgdm.tui.widgets.case_tab import CaseTab
from fgdm.tui.widgets.confirmation import Confirmation
from fgdm.tui.widgets.form import FormScreen
from fgdm.tui.widgets.service_call import run_service

register(
    Action("overview.add_child", "overview", "c", "add_child", "Add child",
           "Add a child to the case: a brother or sister, or a baby born or expected during the work"),
    Action("overview.edit_child", "overview", "enter", "edit_child", "Edit child",
           "Change the highlighted child; a date of birth records an unborn baby's birth", show=False),
    Action("overview.remove_child", "overview", "delete", "remove_child", "Remove child",
           "Remove the highlighted child added by mistake (asks first; a child with records is kept)", show=False),
)


def _pairs(rows: Iterable[tuple[str, str]]) -> Content:
    """Label and value lines; values are user text, so they are never read as markup."""
    return Content("\n").join(Content.from_markup("[b]$label[/b]  $value", label=f"{label}:", value=value or "—")
                              for label, value in rows)


def _consent(by: str, on: Any) -> str:
    if not by and on is None:
        return "not recorded"
    return f"{by or 'someone'} on {format_day(on)}" if on else by


def language_name(code: str) -> str:
    """'English (United Kingdom)' for en_GB: the name in English, as coordinators read it."""
    return locale_for(code).get_display_name("en_GB") or code


def lifecycle_text(detail: cases.CaseDetail) -> Content:
    case = detail.case
    stage = f"{case.status.label} (stage {lifecycle.stage_number(case.status)} of {len(lifecycle.STAGES)})"
    rows = [("Stage", stage), ("Since", format_day(case.status_changed_on)), ("Next step", detail.next_step)]
    if case.status is CaseStatus.CLOSED:
        reason = case.closure_reason.label if case.closure_reason else ""
        rows.append(("Closed", f"{format_day(case.closed_on)}: {reason}"
                               + (f" ({case.closure_note})" if case.closure_note else "")))
    return _pairs(rows)


def born_or_due(child: cases.ChildView) -> str:
    return f"born {format_day(child.date_of_birth)}" if child.date_of_birth else f"due {format_day(child.due_date)}"


def referral_text(detail: cases.CaseDetail) -> Content:
    case = detail.case
    return _pairs([
        ("Referred", format_day(case.referral_date)),
        ("Referrer", detail.referrer.name if detail.referrer else ""),
        ("Coordinator", detail.coordinator.name if detail.coordinator else "unallocated"),
        ("Reason", case.referral_reason),
        ("Desired outcome", case.desired_outcome),
        ("Consent to refer", _consent(case.consent_to_refer_by, case.consent_to_refer_on)),
        ("Consent to share", _consent(case.consent_to_share_by, case.consent_to_share_on)),
        ("Consent to contact the network", _consent(case.network_contact_consent_by,
                                                    case.network_contact_consent_on)),
        ("Letter before proceedings", format_day(case.lbp_date) if case.lbp_date else "none"),
        ("Family name", case.family_name),
        ("Language", language_name(case.language) + (" (interpreter needed)" if case.interpreter_needed else "")),
    ])


class OverviewTab(CaseTab):
    """The case at a glance. Its read is also the case screen's heading: the two read the same case."""

    ACTION_SCOPE = "overview"
    BINDINGS = bindings_for("overview")
    SCROLL_TO_MAIN = False
    """The case opens here at the top, its stage and next step in view: the children's table is just below it at
    80x24, and scrolling it fully into view put the lifecycle out of sight, sooner or later as the focus came."""

    def __init__(self, case_id: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(case_id, id=id, classes=classes)
        self.case_children: list[cases.ChildView] = []

    class Read(Message):
        """The case as this tab read it, for the screen's heading (read once, not once for each)."""

        def __init__(self, detail: cases.CaseDetail) -> None:
            super().__init__()
            self.detail = detail

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(id="overview-warnings")
            yield Static("Lifecycle", classes="section-title")
            yield Static(id="overview-lifecycle", classes="section")
            yield Static("Children  ·  c add, enter edit, delete remove", classes="section-title")
            yield DataTable(id="overview-children", cursor_type="row", zebra_stripes=True, show_cursor=True)
            yield Static("Referral and consent", classes="section-title")
            yield Static(id="overview-referral", classes="section")

    def fetch(self, ctx: ServiceContext) -> Any:
        return cases.get_case(ctx, self.case_id)

    def show(self, data: cases.CaseDetail) -> None:
        self.post_message(self.Read(data))
        warnings = self.query_one("#overview-warnings", Static)
        warnings.update(Content("\n").join(Content(f"⚠ {warning.message}") for warning in data.warnings))
        warnings.display = bool(data.warnings)
        self.query_one("#overview-lifecycle", Static).update(lifecycle_text(data))
        self.case_children = data.children
        table = self.query_one("#overview-children", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_columns("Child", "Born or due", "Legal status")
        for child in data.children:
            table.add_row(child.name, born_or_due(child), child.legal_status.label, key=str(child.case_child_id))
        if data.children:
            table.move_cursor(row=min(row, len(data.children) - 1))
        self.query_one("#overview-referral", Static).update(referral_text(data))

    def current_child(self) -> cases.ChildView | None:
        children = self.case_children
        if not children:
            return None
        return children[min(self.query_one("#overview-children", DataTable).cursor_row, len(children) - 1)]

    def _after(self, result: Any) -> None:
        if result is not None:
            self.case_changed()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_child()

    def action_add_child(self) -> None:
        self.app.push_screen(FormScreen("Add a child", child_fields(), new_child_function(self.case_id),
                                        initial={"legal_status": LegalStatus.FAMILY_HELP.value},
                                        intro="A child born: their date of birth. A baby on the way: the due date "
                                              "(within 10 months).",
                                        saved_message=lambda _link: "Child added"), self._after)

    def action_edit_child(self) -> None:
        child = self.current_child()
        if child is None:
            return
        self.app.push_screen(FormScreen(f"Edit {child.name}", child_fields(), update_child_function(child),
                                        initial=child_values(child), version=child.version,
                                        send_only_changes=True, saved_message=lambda _link: f"{child.name} saved",
                                        intro="To record an unborn baby's birth, give the date of birth."),
                             self._after)

    def action_remove_child(self) -> None:
        child = self.current_child()
        if child is None:
            return
        link_id, version = child.case_child_id, child.version

        def removed(name: str) -> None:
            self.notify(f"{name} removed from the case")
            self.case_changed()

        def answer(remove: bool | None) -> None:
            if remove:
                run_service(self, lambda ctx: cases.remove_child(ctx, link_id, expected_version=version), removed,
                            group="overview-change")

        def ask(offers: int) -> None:
            about = (f" The case records {offers} offer{'s' if offers != 1 else ''} of a meeting made while "
                     f"{child.given_name} was on it; the duty will no longer be judged for them." if offers else "")
            self.app.push_screen(Confirmation(f"Remove {child.name} ({born_or_due(child)}) from this case? Use this "
                                              f"for a child added by mistake.{about}", yes="Remove", no="Keep"),
                                 answer)

        case_id = self.case_id
        run_service(self, lambda ctx: cases.offers_made(ctx, case_id), ask, group="overview-load")
