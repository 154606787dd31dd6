"""Backing up and restoring the records."""

from __future__ import annotations

from pathlib import Path

import typer

from fgdm.cli.common import service_context
from fgdm.i18n import format_number
from fgdm.services import records as backup_service


def backup_command(
    context: typer.Context,
    output: Path = typer.Option(..., "-o", "--output", help="The backup file to write (readable by you only)."),
) -> None:
    """Take a consistent backup while fgdm may be in use: a SQLite copy, or a JSON export on PostgreSQL."""
    with service_context(context) as ctx:
        result = backup_service.backup(ctx, output)
    typer.echo(f"Backed up {result.cases} cases to {result.path} ({result.kind})", err=True)


def restore_command(
    context: typer.Context,
    source: Path = typer.Argument(..., help="A file made by `fgdm backup`."),
) -> None:
    """Restore a backup into an empty database (the one --db or FGDM_DATABASE_URL names)."""
    with service_context(context) as ctx:
        count = backup_service.restore(ctx, source)
    typer.echo(f"Restored {format_number(count)} cases from {source}", err=True)
