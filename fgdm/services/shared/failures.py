"""What a failure means to the person who caused it: one line that names the input and the fix.

The command line and the workbench both end here, so a database that cannot be reached, a file that is not
a database, a number too large for an id or a file nested too deeply all read the same wherever they meet
the user, and none of them shows a traceback.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import exc as sa_exc

from fgdm.files import OutputRefused
from fgdm.services.shared.errors import FgdmError

TOO_LARGE = 2**63 - 1
"""The largest id either back end can hold: a bigger number cannot name any record."""


def is_user_error(error: BaseException) -> bool:
    """Errors the services raise on purpose (bad input, no permission, a conflict): exit status 1."""
    return isinstance(error, FgdmError | OutputRefused)


def _database_problem(error: sa_exc.DBAPIError | sqlite3.Error, database: str) -> str:
    text = str(getattr(error, "orig", None) or error).strip().splitlines()[0] if str(error).strip() else ""
    lowered = text.casefold()
    if "unable to open database file" in lowered:
        return (f"cannot open the database file {database}: check that its folder exists and that you may "
                "write there (--db or FGDM_DATABASE_URL)")
    if "file is not a database" in lowered or "malformed" in lowered or "not a database" in lowered:
        return (f"{database} is not an fgdm database, or it is damaged: check --db, or restore it from a "
                "backup (`fgdm backup verify FILE` checks one first)")
    if "no such table" in lowered or ("does not exist" in lowered and "relation" in lowered):
        return (f"{database} is not an fgdm database (it has no fgdm tables): point --db at an fgdm database "
                "or at a new file")
    if "connection" in lowered or "could not translate host" in lowered or "password" in lowered \
            or "timeout" in lowered or "refused" in lowered:
        return (f"cannot reach the database server for {database}: check the URL in --db or FGDM_DATABASE_URL, "
                "that the server is running, and the user name and password")
    if "locked" in lowered or "busy" in lowered:
        return f"{database} is busy with another program's change: try again in a moment"
    if "overflow" in lowered or "too large" in lowered or "out of range" in lowered:
        return f"a number is too large: ids and counts are whole numbers from 1 to {TOO_LARGE}"
    return f"the database {database} refused the operation ({text}); check --db and try again"


def explain(error: BaseException, *, database: str = "the database") -> str | None:
    """One line for a failure a user can cause and fix, or None for a fault in fgdm itself."""
    if is_user_error(error):
        return str(error)
    if isinstance(error, sa_exc.NoSuchModuleError | sa_exc.ArgumentError):
        return (f"{database} is not a database fgdm can open: give a SQLite file path or a URL that starts "
                "with sqlite:/// or postgresql://")
    if isinstance(error, sa_exc.DBAPIError | sqlite3.Error):
        return _database_problem(error, database)
    if isinstance(error, OverflowError):
        return f"a number is too large: ids and counts are whole numbers from 1 to {TOO_LARGE}"
    if isinstance(error, RecursionError):
        return "the input is nested too deeply to be read: a case file or backup is at most 64 levels deep"
    if isinstance(error, IsADirectoryError | NotADirectoryError | FileNotFoundError | PermissionError):
        name = error.filename or "a file"
        return f"cannot use {name}: {error.strerror or error}; check the path and that you may read and write it"
    if isinstance(error, UnicodeDecodeError):
        return "a file given is not UTF-8 text: save it as UTF-8, or check that it is the file you meant"
    if isinstance(error, OSError):
        return f"cannot read or write {error.filename or 'a file'}: {error.strerror or error}"
    name = type(error).__name__
    if name == "CommandError" and "revision" in str(error).casefold():
        return (f"{database} was made by a newer version of fgdm than this one ({error}): upgrade fgdm, or "
                "point --db at another database")
    return None
