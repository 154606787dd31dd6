"""The command line: thin commands that call services, print data to stdout and messages to stderr.

`fgdm` alone, with only the options that choose the records and the user, opens the workbench without
importing typer (`fgdm.cli.plain`): a coordinator starts it every morning, and the command-line library was a
tenth of the time to home's first look; `--version` and `--help` alone are answered without it too. Anything
else is parsed by the root command (`fgdm.cli.root`).
"""

from __future__ import annotations

import sys
from typing import Any

from fgdm.cli import errors
from fgdm.cli.plain import plain_workbench, quick_answer
from fgdm.tui.startup import postpone_full_collections


def main() -> None:
    """Run the CLI: every error becomes one line on stderr and a non-zero exit, never a traceback."""
    answer = quick_answer(sys.argv[1:])
    if answer is not None:
        sys.stdout.write(answer)
        return
    postpone_full_collections()
    plain = plain_workbench(sys.argv[1:])
    if plain is not None:
        from fgdm.cli.workbench import open_tui

        errors.run(lambda: open_tui(plain))
        return
    from fgdm.cli.root import app

    errors.run(app)


def __getattr__(name: str) -> Any:
    """``fgdm.cli.app``, the root command, imported when first asked for (PEP 562)."""
    if name == "app":
        from fgdm.cli.root import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["app", "main"]
