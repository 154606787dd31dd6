"""The records opened once home's first frame is drawn, rather than before the workbench starts.

Opening them (the settings model, SQLAlchemy, SQLModel and fgdm's tables, the schema check, the policy) is two
thirds of a second of a start on a two-core laptop. When home's first look could be read without them
(`fgdm.services.home.glance`), the workbench draws it first and opens the records in a thread after; a service
call made meanwhile (a key pressed at once) waits in its own worker thread until they are open.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fgdm.services.home import HomeView
    from fgdm.services.shared.context import Workspace


class RecordsOpening:
    """Home's first look, where files are written, and the records being opened in the background."""

    def __init__(self, first_look: HomeView, output_folder: Path, open_records: Callable[[], Workspace]) -> None:
        self.first_look = first_look
        self.output_folder = output_folder
        self._open_records = open_records
        self._opened = threading.Event()
        self._workspace: Workspace | None = None
        self.failure: BaseException | None = None
        self._thread: threading.Thread | None = None

    def start(self, when_open: Callable[[], None]) -> None:
        """Open the records in a thread (once); ``when_open`` is called in that thread when they are open or
        failed to open."""
        if self._thread is not None:
            return

        def open_them() -> None:
            try:
                self._workspace = self._open_records()
            except BaseException as error:  # the CLI reports it as it reports any start that fails
                self.failure = error
            finally:
                self._opened.set()
                when_open()

        self._thread = threading.Thread(target=open_them, name="fgdm-open-records", daemon=True)
        self._thread.start()

    def wait(self) -> Workspace:
        """The open records, waiting for them if need be; their failure to open, raised again."""
        self.start(lambda: None)
        self._opened.wait()
        if self._workspace is None:
            raise self.failure or RuntimeError("the records were not opened")
        return self._workspace

    def opened(self) -> Workspace | None:
        """The records if they have been opened, without waiting: to close them at the end."""
        return self._workspace
