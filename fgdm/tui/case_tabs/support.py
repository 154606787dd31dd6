"""The Support tab: the family network support package, item by item, with the case's totals.

`i` records a request, enter edits it while it awaits a decision, `y` approves (asking for the exception
when no meeting has identified the need yet), `p` records payment and `d` declines with a reason; `b`
opens the service's budget screen for managers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Static

from fgdm.domain.enums import Frequency, SupportStatus
from fgdm.i18n import format_day_short, format_money
from fgdm.services import support
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.actions import Action, bindings_for, register
from fgdm.tui.widgets.case_tab import CaseTab
from fgdm.tui.widgets.form import FormField, FormScreen

register(
    Action("support.add", "support", "i", "add_item", "Add item", "Record a request for support"),
    Action("support.edit", "support", "enter", "edit_item", "Edit item",
           "Edit the highlighted request while it awaits a decision", show=False),
    Action("support.approve", "support", "y", "approve_item", "Approve", "Approve the highlighted request"),
    Action("support.pay", "support", "p", "pay_item", "Paid", "Record that the highlighted item was paid"),
    Action("support.decline", "support", "d", "decline_item", "Decline", "Decline the highlighted item, with why"),
    Action("support.budget", "support", "b", "app.open_budget", "Budget",
           "The service's support spend this financial quarter against its budget (managers)"),
)

Choices = list[tuple[str, Any]]


def approve_fields(*, need_identified: bool) -> list[FormField]:
    """Approving asks why only when no meeting has identified the need yet."""
    return [] if need_identified else [
        FormField("exception_reason", "Why approve before a meeting has identified the need", "long_text",
                  required=True)]


PAY_FIELDS = [FormField("paid_on", "Paid on", "date", required=True)]
DECLINE_FIELDS = [FormField("declined_reason", "Why (the family will be told)", "long_text", required=True)]


@dataclass
class SupportTabData:
    items: list[support.SupportItemView]
    totals: support.SupportTotals
    categories: Choices
    members: Choices
    actions: Choices
    need_identified: bool


def item_fields(data: SupportTabData, kept: tuple[str, str] | None = None) -> list[FormField]:
    """The request form; ``kept`` is an edited item's own category when the service no longer offers it."""
    categories = [*data.categories, kept] if kept and kept not in data.categories else data.categories
    return [FormField("category", "Kind of support", "choice", categories, required=True),
            FormField("description", "What it is for", required=True),
            FormField("amount", "Amount", required=True, hint="In pounds: each payment, if weekly or monthly",
                      placeholder="e.g. £1,250.50"),
            FormField("frequency", "How often", "choice", [(f.label, f.value) for f in Frequency], required=True),
            FormField("start_date", "Date", "date", hint="Of a one-off, or the first payment if recurring"),
            FormField("end_date", "Last payment (recurring only)", "date"),
            FormField("recipient_member_id", "For whom, from the network", "choice", data.members),
            FormField("plan_action_id", "Plan action it serves", "choice", data.actions)]


def how_often(view: support.SupportItemView) -> str:
    item = view.item
    if item.frequency is Frequency.ONE_OFF:
        return format_day_short(support.schedule_of(item).start)
    return f"{item.frequency.label} {format_day_short(item.start_date)}–{format_day_short(item.end_date)}"


def totals_text(totals: support.SupportTotals) -> Content:
    parts = [("Requested", totals.requested), ("Approved", totals.approved), ("Paid", totals.paid),
             ("Committed", totals.committed)]
    pieces: list[Content | tuple[str, str] | str] = []
    for label, amount in parts:
        pieces += [(f"{label} ", "bold"), f"{format_money(amount)}   "]
    return Content.assemble(*pieces)


class SupportTab(CaseTab):
    ACTION_SCOPE = "support"
    BINDINGS = bindings_for("support")

    def __init__(self, case_id: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(case_id, id=id, classes=classes)
        self.data: SupportTabData | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="support-totals")
        table: DataTable[str] = DataTable(id="support-items", cursor_type="row", zebra_stripes=True)
        table.add_columns("Status", "Kind", "What for", "For whom", "Amount", "When", "Total")
        yield table
        yield Static(id="support-note", markup=False)

    def fetch(self, ctx: ServiceContext) -> SupportTabData:
        found = support.case_support_with_choices(ctx, self.case_id)
        return SupportTabData(
            items=found.items, totals=found.totals,
            categories=[(label, code) for code, label in support.categories(ctx)],
            members=[(name, member_id) for member_id, name in found.members],
            actions=[(f"{n}. {what}"[:60], action_id) for n, (action_id, what) in enumerate(found.actions, 1)],
            need_identified=found.need_identified)

    def show(self, data: SupportTabData) -> None:
        self.data = data
        self.query_one("#support-totals", Static).update(totals_text(data.totals))
        table = self.query_one("#support-items", DataTable)
        row = table.cursor_row
        table.clear()
        for view in data.items:
            item = view.item
            table.add_row(item.status.label, view.category, item.description[:40], view.recipient,
                          format_money(item.amount), how_often(view), format_money(view.total), key=str(item.id))
        if data.items:
            table.move_cursor(row=min(row, len(data.items) - 1))
        self.query_one("#support-note", Static).update(
            "" if data.need_identified else "No FGDM meeting has been held yet: approving now needs an exception.")

    def _current(self) -> support.SupportItemView | None:
        if self.data is None or not self.data.items:
            self.notify("There are no support items yet: press i to add one.", severity="warning")
            return None
        return self.data.items[min(self.query_one("#support-items", DataTable).cursor_row, len(self.data.items) - 1)]

    def _after(self, result: Any) -> None:
        if result is not None:
            self.reload()

    def action_add_item(self) -> None:
        if self.data is None:
            return
        self.app.push_screen(
            FormScreen("Request support", item_fields(self.data),
                       lambda ctx, values, _version: support.add_item(ctx, self.case_id, values),
                       initial={"frequency": Frequency.ONE_OFF.value}, saved_message=lambda _i: "Support requested"),
            self._after)

    def action_edit_item(self) -> None:
        view = self._current()
        if view is None or self.data is None:
            return
        item = view.item
        if item.status is not SupportStatus.REQUESTED:
            self.notify(f"This item is {item.status.label.lower()}; only a request awaiting a decision can be "
                        "changed.", severity="warning")
            return
        item_id: int = item.id  # type: ignore[assignment]
        initial = {name: getattr(item, name) for name in ("description", "start_date", "end_date",
                                                          "recipient_member_id", "plan_action_id")}
        initial |= {"category": item.category, "frequency": item.frequency.value, "amount": str(item.amount)}
        self.app.push_screen(
            FormScreen("Edit request", item_fields(self.data, (view.category, item.category)),
                       lambda ctx, values, version: support.update_item(ctx, item_id, values,
                                                                         expected_version=version),
                       initial=initial, version=item.version, saved_message=lambda _i: "Request saved"),
            self._after)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_item()

    def action_approve_item(self) -> None:
        view = self._current()
        if view is None or self.data is None:
            return
        item_id: int = view.item.id  # type: ignore[assignment]
        fields = approve_fields(need_identified=self.data.need_identified)
        self.app.push_screen(
            FormScreen(f"Approve {view.item.description[:40]} ({format_money(view.total)})", fields,
                       lambda ctx, values, version: support.approve_item(
                           ctx, item_id, exception_reason=values.get("exception_reason") or "",
                           expected_version=version),
                       version=view.item.version, saved_message=lambda _i: "Approved",
                       intro="Press ctrl+s to approve, or escape to go back."),
            self._after)

    def action_pay_item(self) -> None:
        view = self._current()
        if view is None:
            return
        item_id: int = view.item.id  # type: ignore[assignment]
        self.app.push_screen(
            FormScreen("Record payment", PAY_FIELDS,
                       lambda ctx, values, version: support.pay_item(ctx, item_id, paid_on=values["paid_on"],
                                                                     expected_version=version),
                       initial={"paid_on": self.fgdm.today()}, version=view.item.version,
                       saved_message=lambda _i: "Payment recorded"),
            self._after)

    def action_decline_item(self) -> None:
        view = self._current()
        if view is None:
            return
        item_id: int = view.item.id  # type: ignore[assignment]
        self.app.push_screen(
            FormScreen("Decline support", DECLINE_FIELDS,
                       lambda ctx, values, version: support.decline_item(
                           ctx, item_id, reason=values["declined_reason"] or "", expected_version=version),
                       version=view.item.version, saved_message=lambda _i: "Declined"),
            self._after)
