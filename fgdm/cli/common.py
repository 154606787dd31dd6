"""What every command shares: choosing the database and the user, and opening a service context."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from fgdm import files
from fgdm.cli.opening import open_workspace
from fgdm.cli.state import CliState
from fgdm.services.shared.context import ServiceContext, Workspace


def state_of(context: typer.Context) -> CliState:
    root = context.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


def workspace(context: typer.Context) -> Workspace:
    """The records store for this command, saying on stderr what the start did or ignored."""
    return open_workspace(state_of(context))


@contextmanager
def service_context(context: typer.Context) -> Iterator[ServiceContext]:
    ws = workspace(context)
    try:
        with ws.context() as ctx:
            yield ctx
    finally:
        ws.dispose()


class OutputFormat(StrEnum):
    """--format everywhere: a table for people, JSON for scripts."""

    TABLE = "table"
    JSON = "json"


MAX_ID = 2**63 - 1
"""The largest number either database can hold: every id and count on the command line is checked against it."""

FORMAT = typer.Option(OutputFormat.TABLE, "--format", help="table for people, json for scripts.")

_COMPACT = json.JSONEncoder(ensure_ascii=False)
"""Python's C encoder, which json uses only without an indent (`indent=2` runs the pure-Python one)."""


def json_text(value: Any) -> str:
    """What `--format json` prints: a list one element to a line; a dict one key to a line, a list under it one
    element to a line; each element written whole by the C encoder.

    The same JSON to `json.loads` as `json.dumps(value, indent=2)`, a line to a record for a person reading it,
    and one way for every command to print it. Not much faster in real time (12,000 cases: 49 ms against 54);
    a profiler, which slows pure-Python code most, had shown the indented encoder as 0.3 s.
    """
    return _laid_out(value, "", top=True)


def _laid_out(value: Any, indent: str, *, top: bool) -> str:
    if isinstance(value, list) and value:
        lines, brackets = [_COMPACT.encode(item) for item in value], "[]"
    elif top and isinstance(value, dict) and value and all(isinstance(key, str) for key in value):
        lines = [f"{_COMPACT.encode(key)}: {_laid_out(item, indent + '  ', top=False)}" for key, item in value.items()]
        brackets = "{}"
    else:
        return _COMPACT.encode(value)
    inner = f",\n{indent}  "
    return f"{brackets[0]}\n{indent}  {inner.join(lines)}\n{indent}{brackets[1]}"


CASE = typer.Option(..., "--case", help="The case reference, for example FG-2026-0001.")
"""The --case option every case command takes."""


def _replace_existing(force: bool) -> bool:
    if force:
        files.allow_replacing()
    return force


FORCE = typer.Option(False, "--force", callback=_replace_existing,
                     help="Replace the output file if it already exists (written beside it, then renamed).")
"""--force beside every -o: without it an existing file is refused (the root command sets that for the run)."""


def check_output(context: typer.Context, output: Path | None) -> None:
    """Refuse an output file before any work (and any record of it) is done, not after."""
    if output is None:
        return
    url = state_of(context).settings().database_url
    database = [Path(url.removeprefix("sqlite:///"))] if url.startswith("sqlite:///") else []
    files.check_target(output, databases=database)


def refuse_replacing(context: typer.Context) -> None:
    """For this invocation, refuse to replace existing output files unless the command is given --force."""
    context.with_resource(files.replacing(False))


def case_id_of(ctx: ServiceContext, reference: str) -> int:
    """The id of the case with this reference, checked for the user's access by the service."""
    from fgdm.services import cases

    return cases.find_case(ctx, reference).id  # type: ignore[return-value]
