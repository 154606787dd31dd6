"""The Overview tab: who the case is about, who referred it, consent, the LBP date and where it stands."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from fgdm.domain import lifecycle
from fgdm.domain.enums import CaseStatus
from fgdm.i18n import format_day, locale_for
from fgdm.services import cases
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.widgets.case_tab import CaseTab


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


def children_text(detail: cases.CaseDetail) -> Content:
    lines = []
    for child in detail.children:
        born = (f"born {format_day(child.date_of_birth)}" if child.date_of_birth
                else f"due {format_day(child.due_date)}")
        lines.append(Content.from_markup("[b]$name[/b]  $born · $status", name=child.name, born=born,
                                         status=child.legal_status.label))
    return Content("\n").join(lines) if lines else Content("No children recorded")


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
            yield Static("Children", classes="section-title")
            yield Static(id="overview-children", classes="section")
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
        self.query_one("#overview-children", Static).update(children_text(data))
        self.query_one("#overview-referral", Static).update(referral_text(data))
