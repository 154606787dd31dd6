"""Where a file was written, said until the user closes it (a toast vanished before the path could be read),
and opening a written file with the desktop's own program for it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from fgdm.tui.actions import Action, bindings_for, register
from fgdm.tui.widgets.key_bar import KeyBar

register(
    Action("written.open", "written", "o", "open_file", "Open", "Open the file written with the program for it",
           palette=False),
    Action("written.close", "written", "escape,enter", "dismiss", "Close", "Close this message", palette=False),
)


def open_file(path: Path) -> str | None:
    """Hand the file to the desktop's program for its kind; a sentence saying why not, or None once handed."""
    if not path.is_file():
        return f"{path} is no longer there; write it again from the case's Documents tab (p reprints)."
    if sys.platform == "win32":
        os.startfile(path)  # type: ignore[attr-defined]
        return None
    opener = shutil.which("open" if sys.platform == "darwin" else "xdg-open")
    if opener is None:
        return f"Nothing here opens files for fgdm; open {path} from your file manager."
    subprocess.Popen([opener, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)
    return None


class WrittenFiles(ModalScreen[None]):
    """What was written and where, each path whole, with what the user must know about it; stays until closed."""

    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    ACTION_SCOPE = "written"
    BINDINGS = bindings_for("written")

    def __init__(self, title: str, paths: Sequence[Path], notes: Sequence[str] = ()) -> None:
        super().__init__(classes="written-files")
        self.title_text = title
        self.paths = [Path(path) for path in paths]
        self.notes = list(notes)

    def compose(self) -> ComposeResult:
        with Vertical(id="written-dialog"):
            yield Static(self.title_text, id="written-title", markup=False)
            yield Static("\n".join(str(path) for path in self.paths), id="written-paths", markup=False)
            if self.notes:
                yield Static("\n".join(self.notes), id="written-notes", markup=False)
            yield Static("o opens the file · Enter or Escape closes · every written file is listed on the "
                         "case's Documents tab (9)", id="written-hint", markup=False)
        yield KeyBar()

    def action_open_file(self) -> None:
        for path in self.paths[:1]:
            problem = open_file(path)
            if problem:
                self.notify(problem, severity="warning")


def show_written(app: App[object], title: str, paths: Sequence[Path], notes: Sequence[str] = ()) -> None:
    """Say where files were written, until the user closes the message."""
    if paths:
        app.push_screen(WrittenFiles(title, paths, notes))


__all__ = ["WrittenFiles", "open_file", "show_written"]
