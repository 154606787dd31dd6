"""Data protection commands: subject access requests and the retention schedule."""

from __future__ import annotations

from pathlib import Path

import typer

from fgdm.cli.common import service_context
from fgdm.services import subject_access


def sar_command(
    context: typer.Context,
    person: int = typer.Option(..., "--person", help="The person's id, as `fgdm export --case` shows it."),
    output: Path = typer.Option(..., "-o", "--output", help="The folder to write the .json and .docx into."),
) -> None:
    """Export everything held about one person, with other people's details redacted (.docx and .json)."""
    with service_context(context) as ctx:
        result = subject_access.export(ctx, person, output)
    typer.echo(f"Wrote {result.docx_path} and {result.json_path}", err=True)
