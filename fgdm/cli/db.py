"""Database maintenance: migrations are explicit here, and automatic (with a backup) on start."""

from __future__ import annotations

import typer

from fgdm.cli.common import service_context, state_of
from fgdm.i18n import format_number
from fgdm.services import upkeep
from fgdm.store.engine import make_engine
from fgdm.store.migrate import current_revision, head_revision, upgrade

app = typer.Typer(help="Look after the records database.", no_args_is_help=True)


@app.command("upgrade")
def upgrade_command(context: typer.Context) -> None:
    """Bring the database schema up to date, copying a SQLite file aside first."""
    settings = state_of(context).settings()
    engine = make_engine(settings.database_url)
    try:
        before = current_revision(engine)
        copy = upgrade(engine, backup=settings.auto_backup)
        after = current_revision(engine)
    finally:
        engine.dispose()
    if copy is not None:
        typer.echo(f"Backed up the database to {copy}", err=True)
    typer.echo(f"Database at revision {after} (was {before or 'empty'}; latest {head_revision()})", err=True)


@app.command("status")
def status_command(context: typer.Context) -> None:
    """Show the schema revision of the database and the latest one this version knows."""
    settings = state_of(context).settings()
    engine = make_engine(settings.database_url)
    try:
        typer.echo(f"{current_revision(engine) or 'empty'} (latest {head_revision()})")
    finally:
        engine.dispose()


@app.command("check")
def check_command(context: typer.Context, repair: bool = typer.Option(
        False, "--repair", help="work the record out again if it differs")) -> None:
    """Check that what home lists as needing action matches the records (after a restore or a direct edit)."""
    with service_context(context) as ctx:
        problems = upkeep.check_attention(ctx)
        for problem in problems[:20]:
            typer.echo(problem)
        if len(problems) > 20:
            typer.echo(f"… and {format_number(len(problems) - 20)} more")
        if problems and repair:
            cases = upkeep.repair_attention(ctx)
            problems = upkeep.check_attention(ctx)
            typer.echo(f"Worked out again for {format_number(cases)} cases", err=True)
    if problems:
        typer.echo("The record of what needs action differs from the records: run fgdm db check --repair",
                   err=True)
        raise typer.Exit(1)
    typer.echo("What home lists as needing action matches the records", err=True)
