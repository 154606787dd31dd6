"""Database maintenance: migrations are explicit here, and automatic (with a backup) on start."""

from __future__ import annotations

import typer

from fgdm.cli.common import state_of
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
