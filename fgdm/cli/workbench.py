"""`fgdm` with no command: the workbench, drawn before the records are opened where it can be.

Where home's first look can be read through the database's driver alone (`fgdm.services.home.glance`), the
workbench starts with it and opens the records in a thread once it is drawn; otherwise (a schema to upgrade, a
user to ask for, settings to warn about) the records are opened first, as every command opens them, and any
problem is said on one line before the workbench starts.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from fgdm.cli.state import CliState
from fgdm.places import NotPlain, records_and_user

if TYPE_CHECKING:
    from fgdm.services.shared.context import Workspace
    from fgdm.tui.opening import RecordsOpening


def _open_records(state: CliState) -> Workspace:
    from fgdm.cli.opening import open_workspace

    return open_workspace(state)


def _opening(state: CliState) -> RecordsOpening | None:
    """Home's first look and the records to open after it, or None where the records must be opened first."""
    try:
        url, user, output_folder = records_and_user(state.db, state.demo, state.user)
    except NotPlain:
        return None
    from fgdm.tui.opening import RecordsOpening
    from fgdm.tui.screens.home import first_look

    look = first_look(url, user)
    return None if look is None else RecordsOpening(look, output_folder, partial(_open_records, state))


def _waited(opening: RecordsOpening) -> Workspace | None:
    """The records of a workbench quit while they were opening: let them open, then they are closed. A
    failure to open is raised by `open_tui`, once."""
    try:
        return opening.wait()
    except Exception:
        return None


def open_tui(state: CliState) -> None:
    """Run the workbench until the coordinator quits; a failure to open the records is raised for the command
    line's one-line report, whenever it happened."""
    opening = _opening(state)
    from fgdm.tui.app import FgdmApp

    if opening is None:
        workspace = _open_records(state)
        try:
            FgdmApp(workspace, username=state.user).run()
        finally:
            workspace.dispose()
        return
    try:
        FgdmApp(username=state.user, opening=opening).run()
    finally:
        opened = opening.opened() or _waited(opening)
        if opened:
            opened.dispose()
    if opening.failure is not None:
        raise opening.failure
