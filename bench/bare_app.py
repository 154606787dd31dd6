"""The floor of the start-up measures: Textual showing one DataTable of 50 rows and nothing else.

    python bench/bare_app.py          # as its own process, the floor of `fgdm` started in a terminal

It imports only Textual, so as a process it pays what any Textual application pays to start and draw.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable

FIRST_ROW = "FG-00000"
"""Text of the table's first row: once a terminal shows it, the bare app has drawn its data."""


class BareApp(App[None]):
    """Textual showing one DataTable of 50 rows and nothing else."""

    def compose(self) -> ComposeResult:
        table: DataTable[str] = DataTable()
        table.add_columns("Reference", "Family", "Status")
        table.add_rows([(f"FG-{n:05d}", f"Family {n}", "open") for n in range(50)])
        yield table


if __name__ == "__main__":
    BareApp().run()
