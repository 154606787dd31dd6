"""Opening the records a command's options choose, saying on stderr what the start did or ignored.

Without typer: the workbench opens its records here too, in a thread, after home's first look is drawn.
"""

from __future__ import annotations

import sys

from fgdm.cli.state import CliState
from fgdm.config import config_file, ignored_policy
from fgdm.services.shared.context import Workspace


def open_workspace(state: CliState) -> Workspace:
    """The records the options choose, saying on stderr what the start did or ignored."""
    settings = state.settings()
    for warning in ignored_policy():
        print(f"fgdm: {warning}", file=sys.stderr)
    ws = Workspace(settings)
    if ws.policy_moved:
        print(f"fgdm: moved {', '.join(ws.policy_moved)} from {config_file()} into the database, where the "
              "council's settings now live (fgdm settings show); remove them from the file", file=sys.stderr)
    return ws
