"""Backing up, checking and restoring the records."""

from __future__ import annotations

from pathlib import Path

import typer

from fgdm.cli.common import FORCE, service_context
from fgdm.i18n import format_number
from fgdm.services import records as backup_service

backup_app = typer.Typer(help="Back up the records (`fgdm backup -o FILE`), or check a backup (`verify FILE`).",
                         invoke_without_command=True)


@backup_app.callback()
def backup_command(
    context: typer.Context,
    output: Path = typer.Option(None, "-o", "--output", help="The backup file to write (readable by you only)."),
    force: bool = FORCE,
) -> None:
    """Take a consistent, complete backup while fgdm may be in use: a SQLite copy, or JSON on PostgreSQL.

    The file is written beside its name and renamed into place; an existing file is replaced only with
    --force, and never the database itself.
    """
    if context.invoked_subcommand is not None:
        return
    if output is None:
        raise typer.BadParameter("give the file to write with -o FILE, or check a backup with "
                                 "`fgdm backup verify FILE`", param_hint="-o")
    with service_context(context) as ctx:
        result = backup_service.backup(ctx, output)
    typer.echo(f"Backed up {result.cases} cases to {result.path} ({result.kind})", err=True)


@backup_app.command("verify")
def verify_command(source: Path = typer.Argument(..., help="A file made by `fgdm backup`.")) -> None:
    """Check a backup completely without restoring it: integrity, schema revision and (JSON) checksum."""
    check = backup_service.verify_backup(source)
    typer.echo(check.summary())


def restore_command(
    context: typer.Context,
    source: Path = typer.Argument(..., help="A file made by `fgdm backup`."),
) -> None:
    """Restore a backup into an empty database (the one --db or FGDM_DATABASE_URL names).

    The backup is checked completely first; a bad one changes nothing.
    """
    with service_context(context) as ctx:
        count = backup_service.restore(ctx, source)
    typer.echo(f"Restored {format_number(count)} cases from {source}", err=True)
