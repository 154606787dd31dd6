"""Listing cases for scripting."""

from __future__ import annotations

import typer

from fgdm.cli.common import OutputFormat, json_text, service_context
from fgdm.domain.enums import CaseStatus
from fgdm.services import cases


def list_cases(
    context: typer.Context,
    output: OutputFormat = typer.Option(OutputFormat.TABLE, "--format", help="table for people, json for scripts."),
    search: str = typer.Option("", "--search", help="Only cases whose reference or names contain these words."),
    status: CaseStatus = typer.Option(None, "--status", help="Only cases at this lifecycle stage."),
) -> None:
    """List cases: reference, children, stage and coordinator."""
    with service_context(context) as ctx:
        rows = cases.list_cases(ctx, search=search, status=status, limit=None).rows
    if output is OutputFormat.JSON:
        typer.echo(json_text([{"reference": r.reference, "family_name": r.family_name, "children": r.children,
                               "stage": r.status.value, "coordinator": r.coordinator,
                               "referral_date": r.referral_date.isoformat()} for r in rows]))
        return
    if not rows:
        typer.echo("No cases. `fgdm demo` fills a separate demo database to explore.", err=True)
        return
    widths = [max(len(r.reference) for r in rows), max(len(r.children) for r in rows) + 1, 13]
    typer.echo(f"{'Reference':<{widths[0]}}  {'Children':<{widths[1]}}  {'Stage':<{widths[2]}}  Coordinator")
    for r in rows:
        typer.echo(f"{r.reference:<{widths[0]}}  {r.children:<{widths[1]}}  {r.status.label:<{widths[2]}}  "
                   f"{r.coordinator}")
