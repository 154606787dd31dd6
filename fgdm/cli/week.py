"""`fgdm week`: this week's meetings, visits, follow-ups due and tasks in your cases."""

from __future__ import annotations

from datetime import datetime

import typer

from fgdm.cli.common import service_context
from fgdm.i18n import format_day
from fgdm.services import home


def week_command(context: typer.Context,
                 day: datetime = typer.Option(None, "--week-of", formats=["%Y-%m-%d"],
                                              help="Any day of the week to show, YYYY-MM-DD (default: this week).")
                 ) -> None:
    """This week's meetings, visits, follow-ups due and tasks in your cases."""
    with service_context(context) as ctx:
        week = home.my_week(ctx, day.date() if day else None)
    typer.echo(f"Week of {format_day(week.first_day)} to {format_day(week.last_day)} ({week.scope})")
    for section in week.sections:
        typer.echo(f"\n{section.title}")
        if not section.lines:
            typer.echo("  none")
        for line in section.lines:
            typer.echo(f"  {line.reference}  {line.children}  {line.detail}")


__all__ = ["week_command"]
