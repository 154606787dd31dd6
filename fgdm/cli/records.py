"""Data protection commands: subject access requests and the retention schedule."""

from __future__ import annotations

from pathlib import Path

import typer

from fgdm.cli.common import FORCE, MAX_ID, service_context
from fgdm.i18n import format_day
from fgdm.services import records


def sar_command(
    context: typer.Context,
    person: int = typer.Option(..., "--person", min=1, max=MAX_ID,
                               help="The person's id, as `fgdm export --case` shows it."),
    output: Path = typer.Option(..., "-o", "--output", help="The folder to write the .json and .docx into."),
    force: bool = FORCE,
) -> None:
    """Export everything held about one person, with other people's details redacted (.docx and .json)."""
    with service_context(context) as ctx:
        result = records.export(ctx, person, output)
    typer.echo(f"Wrote {result.docx_path} and {result.json_path}", err=True)


retention_app = typer.Typer(help="The retention schedule: review what is due, erase after confirmation.",
                            no_args_is_help=True)


@retention_app.command("review")
def retention_review(context: typer.Context) -> None:
    """List closed cases past the retention date of every child."""
    from fgdm.services import records

    with service_context(context) as ctx:
        due = records.review(ctx)
    if not due:
        typer.echo("No cases are due for erasure.", err=True)
    for item in due:
        typer.echo(f"{item.reference}  {item.record_class:<14} keep until {format_day(item.keep_until)}")


@retention_app.command("erase")
def retention_erase(
    context: typer.Context,
    case: str = typer.Option(..., "--case", help="The reference of a case that `fgdm retention review` lists."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask: the reference is taken as confirmed."),
) -> None:
    """Erase a due case's personal data, keeping the anonymous counts past returns used."""
    from fgdm.services import cases, records

    confirmation = case if yes else typer.prompt(f"This permanently erases the personal data of {case}. "
                                                 "Type the reference to confirm")
    with service_context(context) as ctx:
        found = cases.find_case(ctx, case)
        counts = records.erase(ctx, found.id, confirm_reference=confirmation)
    typer.echo(f"Erased {case}: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in counts.items()), err=True)
