"""`fgdm` with only the options that choose the records and the user: read without typer.

Only the plainest forms are taken here (``--db VALUE``, ``--db=VALUE``, ``--user``, ``--demo``, ``--debug``, each at
most once, no value that looks like an option); anything else, ``--help`` and every sub-command included, goes to
the root command, which parses it the one way and says what is wrong.
"""

from __future__ import annotations

from fgdm.cli import errors
from fgdm.cli.state import CliState

_VALUED = ("--db", "--user")
_FLAGS = ("--demo", "--debug")


def _options(arguments: list[str]) -> dict[str, str | bool] | None:
    found: dict[str, str | bool] = {}
    rest = list(arguments)
    while rest:
        word = rest.pop(0)
        name, equals, value = word.partition("=")
        if name in _VALUED:
            if not equals:
                if not rest:
                    return None
                value = rest.pop(0)
            if value.startswith("-") or name in found:
                return None
            found[name] = value
        elif word in _FLAGS and word not in found:
            found[word] = True
        else:
            return None
    return found


def plain_workbench(arguments: list[str]) -> CliState | None:
    """The options of a plain start of the workbench, or None for the root command to parse."""
    found = _options(arguments)
    if found is None:
        return None
    if found.get("--debug"):
        errors.show_tracebacks()
    db = found.get("--db")
    user = found.get("--user")
    errors.note_database(db if isinstance(db, str) else None)
    return CliState(db=db if isinstance(db, str) else None, demo=bool(found.get("--demo")),
                    user=user if isinstance(user, str) else None)
