"""The command line's error boundary: whatever goes wrong reaches the user as one line, never a traceback.

A mistake the services name (bad input, no permission, a conflict) exits 1; a database that cannot be opened
or reached, a number too large, a file nested too deeply or unreadable exits 2 with the input and the fix;
a fault in fgdm itself exits 2 asking for a report. `--debug` shows the traceback as well.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable

_debug = False
_database = ""


def show_tracebacks() -> None:
    """--debug: print the traceback under the one line."""
    global _debug
    _debug = True


def note_database(db: str | None) -> None:
    """The database named on the command line, so a failure to open it can say which one."""
    global _database
    _database = db or ""


def _database_named() -> str:
    named = _database or os.environ.get("FGDM_DATABASE_URL", "")
    if not named:
        return "the database in your data folder"
    if "@" in named and "://" in named:  # never echo a password
        scheme, rest = named.split("://", 1)
        named = f"{scheme}://{rest.rsplit('@', 1)[1]}"
    return named


def message_for(error: BaseException) -> tuple[str, int]:
    """The one line and the exit status for a failure.

    What tells failures apart (the database layer's errors among them) is imported only once something has
    failed: `fgdm --version` should not pay for it.
    """
    from fgdm.config import SettingsError
    from fgdm.services.shared.errors import FgdmError
    from fgdm.services.shared.failures import explain, is_user_error

    if isinstance(error, FgdmError):
        return error.in_words(), 1
    if isinstance(error, SettingsError) or is_user_error(error):
        return str(error), 1
    explained = explain(error, database=_database_named())
    if explained is not None:
        return explained, 2
    return (f"unexpected error ({type(error).__name__}): nothing more was changed; run the command again with "
            "--debug and report what it prints"), 2


def run(app: Callable[[], object]) -> None:
    """Run the command line inside the boundary."""
    try:
        app()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:
        line, status = message_for(error)
        if _debug:
            traceback.print_exception(error, file=sys.stderr)
        print(f"fgdm: {line}", file=sys.stderr)
        sys.exit(status)
