"""`fgdm demo`: fill a database with a realistic, entirely fictional service to explore fgdm safely."""

from __future__ import annotations

import os
import sys

import typer

from fgdm import demo
from fgdm.cli.common import MAX_ID, CliState, state_of
from fgdm.cli.workbench import open_tui
from fgdm.i18n import format_day, format_number
from fgdm.services.shared.context import Workspace


def _target(state: CliState) -> tuple[CliState, bool]:
    """The database to fill, and whether it is the separate demo database (not one the user named)."""
    if state.db or os.environ.get("FGDM_DATABASE_URL"):
        return state, False
    return CliState(demo=True, user=state.user), True


def demo_command(
    context: typer.Context,
    seed: int = typer.Option(1, "--seed", max=MAX_ID, min=-MAX_ID,
                             help="The same seed (and day) always gives the same service."),
    cases: int = typer.Option(60, "--cases", min=1, max=MAX_ID, help="How many cases to generate."),
    open_after: bool = typer.Option(False, "--open", help="Open the workbench on the new data afterwards."),
) -> None:
    """Fill a database with a fictional FGDM service: the separate demo database unless --db names another.

    A database named with --db or FGDM_DATABASE_URL must hold no cases yet; the demo database is replaced.
    """
    target, is_demo = _target(state_of(context))
    settings = target.settings()
    replaced = demo.discard_database(settings.database_url) if is_demo else None
    if replaced is not None:
        typer.echo(f"Replaced the previous demo database at {replaced}", err=True)
    workspace = Workspace(settings)
    try:
        with workspace.context() as ctx, typer.progressbar(
                length=cases, label="Generating the demo service", file=sys.stderr, show_pos=True) as bar:
            summary = demo.generate_service(ctx, seed=seed, cases=cases, progress=bar.update)
    finally:
        workspace.dispose()
    _report(summary, target, is_demo, workspace.url, postgres=not workspace.is_sqlite)
    if open_after:
        open_tui(target)


def _report(summary: demo.DemoSummary, target: CliState, is_demo: bool, url: str, *, postgres: bool) -> None:
    rows = summary.rows
    stages = ", ".join(f"{format_number(count)} {stage.replace('_', ' ')}" for stage, count in summary.stages.items())
    typer.echo(f"Made a fictional service in {url}:")
    typer.echo(f"  {format_number(summary.cases)} cases referred since {format_day(summary.first_day)} ({stages})")
    counts = {table: format_number(rows.get(table, 0)) for table in (
        "staff", "person", "network_member", "meeting", "fgdm_offer", "family_plan", "support_item")}
    typer.echo(f"  {counts['staff']} staff, {counts['person']} people in {counts['network_member']} network "
               f"memberships, {counts['meeting']} meetings, {counts['fgdm_offer']} offers, "
               f"{counts['family_plan']} plan versions, {counts['support_item']} support items")
    option = "--demo" if is_demo else f"--db {target.db or url}"
    if postgres:
        option += f" --user {summary.administrator}"
    typer.echo("Try next:")
    typer.echo(f"  fgdm {option} cases")
    typer.echo(f"  fgdm {option} export --case {summary.example_reference}")
    typer.echo(f"  fgdm {option}            (opens the workbench)")
