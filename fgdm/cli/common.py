"""What every command shares: choosing the database and the user, and opening a service context."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum

import typer

from fgdm.cli.state import CliState
from fgdm.services.shared.context import ServiceContext, Workspace


def state_of(context: typer.Context) -> CliState:
    root = context.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


def workspace(context: typer.Context) -> Workspace:
    return Workspace(state_of(context).settings())


@contextmanager
def service_context(context: typer.Context) -> Iterator[ServiceContext]:
    ws = workspace(context)
    try:
        with ws.context() as ctx:
            yield ctx
    finally:
        ws.dispose()


def open_tui(state: CliState) -> None:
    from fgdm.tui.app import FgdmApp

    settings = state.settings()
    ws = Workspace(settings)
    try:
        FgdmApp(ws, username=state.user).run()
    finally:
        ws.dispose()


class OutputFormat(StrEnum):
    """--format everywhere: a table for people, JSON for scripts."""

    TABLE = "table"
    JSON = "json"


FORMAT = typer.Option(OutputFormat.TABLE, "--format", help="table for people, json for scripts.")

CASE = typer.Option(..., "--case", help="The case reference, for example FG-2026-0001.")
"""The --case option every case command takes."""


def case_id_of(ctx: ServiceContext, reference: str) -> int:
    """The id of the case with this reference, checked for the user's access by the service."""
    from fgdm.services import cases

    return cases.find_case(ctx, reference).id  # type: ignore[return-value]
