"""The History tab: every recorded change to the case, newest first, from the audit trail."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import DataTable

from fgdm.i18n import format_instant
from fgdm.services import records
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.widgets.case_tab import CaseTab


class HistoryTab(CaseTab):
    RELOAD_ON_SHOW = True

    def compose(self) -> ComposeResult:
        table: DataTable[str] = DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("When", "Who", "What", "Details")
        yield table

    def fetch(self, ctx: ServiceContext) -> Any:
        return records.case_history(ctx, self.case_id)

    def show(self, data: list[records.HistoryEntry]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for entry in data:
            table.add_row(format_instant(entry.at), entry.actor, f"{entry.record} {entry.action}", entry.summary)
