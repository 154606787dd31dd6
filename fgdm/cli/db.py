"""Database maintenance: migrations are explicit here, and automatic (with a backup) on start."""

from __future__ import annotations

import typer

from fgdm.cli.common import service_context, state_of
from fgdm.i18n import format_number
from fgdm.services import records

app = typer.Typer(help="Look after the records database.", no_args_is_help=True)


@app.command("upgrade")
def upgrade_command(context: typer.Context) -> None:
    """Bring the database schema up to date, copying a SQLite file aside first."""
    done = records.upgrade_schema(state_of(context).settings())
    if done.copy is not None:
        typer.echo(f"Backed up the database to {done.copy}", err=True)
    typer.echo(f"Database at revision {done.after} (was {done.before or 'empty'}; latest {done.latest})", err=True)


@app.command("setup-roles")
def setup_roles_command(context: typer.Context) -> None:
    """Create the team database's group roles and their grants (the database owner, once per database)."""
    records.set_up_roles(state_of(context).settings())
    typer.echo("The roles fgdm_coordinator, fgdm_manager and fgdm_administrator are set up; add each member of "
               "staff with fgdm staff add, which makes their own login", err=True)


@app.command("status")
def status_command(context: typer.Context) -> None:
    """Show the schema revision of the database and the latest one this version knows."""
    version = records.schema_version(state_of(context).settings())
    typer.echo(f"{version.current or 'empty'} (latest {version.latest})")


@app.command("check")
def check_command(context: typer.Context, repair: bool = typer.Option(
        False, "--repair", help="work the record out again if it differs")) -> None:
    """Check that what home lists as needing action matches the records (after a restore or a direct edit)."""
    with service_context(context) as ctx:
        problems = records.check_attention(ctx)
        for problem in problems[:20]:
            typer.echo(problem)
        if len(problems) > 20:
            typer.echo(f"… and {format_number(len(problems) - 20)} more")
        if problems and repair:
            cases = records.repair_attention(ctx)
            problems = records.check_attention(ctx)
            typer.echo(f"Worked out again for {format_number(cases)} cases", err=True)
    if problems:
        typer.echo("The record of what needs action differs from the records: run fgdm db check --repair",
                   err=True)
        raise typer.Exit(1)
    typer.echo("What home lists as needing action matches the records", err=True)
