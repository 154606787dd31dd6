"""What every command shares: choosing the database and the user, and opening a service context."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

import typer

from fgdm import files
from fgdm.cli.state import CliState
from fgdm.config import config_file, ignored_policy
from fgdm.services.shared.context import ServiceContext, Workspace


def state_of(context: typer.Context) -> CliState:
    root = context.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


def workspace(context: typer.Context) -> Workspace:
    """The records store for this command, saying on stderr what the start did or ignored."""
    return open_workspace(state_of(context))


def open_workspace(state: CliState) -> Workspace:
    """The records the options choose, saying on stderr what the start did or ignored."""
    settings = state.settings()
    for warning in ignored_policy():
        typer.echo(f"fgdm: {warning}", err=True)
    ws = Workspace(settings)
    if ws.policy_moved:
        typer.echo(f"fgdm: moved {', '.join(ws.policy_moved)} from {config_file()} into the database, where the "
                   "council's settings now live (fgdm settings show); remove them from the file", err=True)
    return ws


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
