"""The Documents tab: every letter, plan, map, invitation and export written for the case, the latest first.

Enter (or o) opens the highlighted file with the desktop's program for it; `p` writes it again from the case as it
stands (a letter dated today, the same plan version), which is then listed too.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from fgdm.i18n import format_day_short
from fgdm.services import case_documents
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.actions import Action, bindings_for, register
from fgdm.tui.widgets.case_tab import CaseTab
from fgdm.tui.widgets.confirmation import Confirmation
from fgdm.tui.widgets.service_call import run_service
from fgdm.tui.widgets.written import open_file, show_written

register(
    Action("documents.open", "documents", "o,enter", "open_document", "Open",
           "Open the highlighted document with the program for it"),
    Action("documents.reprint", "documents", "p", "reprint_document", "Reprint",
           "Write the highlighted document again from the case as it stands now"),
)


class DocumentsTab(CaseTab):
    ACTION_SCOPE = "documents"
    BINDINGS = bindings_for("documents")

    def __init__(self, case_id: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(case_id, id=id, classes=classes)
        self.documents: list[case_documents.DocumentView] | None = None

    def compose(self) -> ComposeResult:
        table: DataTable[str] = DataTable(id="documents-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("Date", "Document", "For", "File")  # the whole path shows below the table
        yield table
        yield Static(id="documents-path", markup=False)

    def fetch(self, ctx: ServiceContext) -> list[case_documents.DocumentView]:
        return case_documents.list_documents(ctx, self.case_id)

    def show(self, data: list[case_documents.DocumentView]) -> None:
        self.documents = data
        table = self.query_one("#documents-table", DataTable)
        row = table.cursor_row
        table.clear()
        for document in data:
            table.add_row(format_day_short(document.generated_at.date()), document.title[:36],
                          document.recipient[:20], "" if document.exists else "moved or deleted",
                          key=str(document.id))
        if data:
            table.move_cursor(row=min(row, len(data) - 1))
        self._say_path()

    def _say_path(self) -> None:
        current = self._current(quiet=True)
        self.query_one("#documents-path", Static).update(
            str(current.path) if current else "Letters, plans, maps, invitations and exports written for this "
                                              "case are listed here.")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._say_path()

    def _current(self, *, quiet: bool = False) -> case_documents.DocumentView | None:
        if not self.documents:
            if not quiet:
                self.notify("No documents have been written for this case yet.", severity="warning")
            return None
        return self.documents[min(self.query_one("#documents-table", DataTable).cursor_row, len(self.documents) - 1)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_document()

    def action_open_document(self) -> None:
        document = self._current()
        if document is None:
            return
        problem = document.why_not_opened() or open_file(document.path)
        if problem:
            self.notify(problem, severity="warning", timeout=10)
        else:
            self.notify(f"Opening {document.path.name}")

    def action_reprint_document(self) -> None:
        document = self._current()
        if document is None:
            return
        document_id = document.id

        def reprint(yes: bool | None) -> None:
            if yes:
                run_service(self, lambda ctx: case_documents.reprint(ctx, document_id),
                            lambda path: (show_written(self.app, f"{document.title} was written again", [path]),
                                          self.case_changed()), group="documents-reprint")

        self.app.push_screen(Confirmation(f"Write {document.title.lower()} again from the case as it stands now?",
                                          yes="Reprint"), reprint)
