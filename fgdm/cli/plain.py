"""`fgdm` with only the options that choose the records and the user, and `fgdm --version` and `fgdm --help`
alone: answered without typer, whose import is five times Python's own start.

Only the plainest forms are taken here (``--db VALUE``, ``--db=VALUE``, ``--user``, ``--demo``, ``--debug``, each at
most once, no value that looks like an option); anything else, ``--help`` and every sub-command included, goes to
the root command, which parses it the one way and says what is wrong.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from fgdm import __version__
from fgdm.cli import errors
from fgdm.cli.state import CliState

HELP = Path(__file__).with_name("help.txt")
"""The root command's help as typer writes it at 80 columns and wider (click's widest): `fgdm --help` in a
narrower terminal asks typer. `tests/cli/test_lazy_commands.py` fails when the two differ; to write it again:
``COLUMNS=200 fgdm --db x --help > fgdm/cli/help.txt`` (any option before ``--help`` goes to typer)."""

HELP_COLUMNS = 80

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


def quick_answer(arguments: list[str]) -> str | None:
    """What `fgdm --version` or `fgdm --help` prints, where it needs no parsing; None otherwise."""
    if arguments == ["--version"]:
        return f"fgdm {__version__}\n"
    if arguments == ["--help"] and shutil.get_terminal_size().columns >= HELP_COLUMNS:
        return HELP.read_text(encoding="utf-8")
    return None
