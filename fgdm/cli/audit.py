"""The audit trail of a case, for the coordinator or an investigating manager."""

from __future__ import annotations

import typer

from fgdm.cli.common import MAX_ID, OutputFormat, json_text, service_context
from fgdm.i18n import format_instant
from fgdm.services import cases, records


def audit_command(
    context: typer.Context,
    case: str = typer.Option(..., "--case", help="The case reference, e.g. FG-2026-0007."),
    output: OutputFormat = typer.Option(OutputFormat.TABLE, "--format", help="table for people, json for scripts."),
    limit: int = typer.Option(500, "--limit", min=0, max=MAX_ID, help="At most this many events, newest first."),
) -> None:
    """Show who changed what in a case, and when (newest first)."""
    with service_context(context) as ctx:
        found = cases.find_case(ctx, case)
        entries = records.case_history(ctx, found.id, limit=limit)
    if output is OutputFormat.JSON:
        typer.echo(json_text([{"at": e.at.isoformat(), "actor": e.actor, "action": e.action, "record": e.record,
                               "summary": e.summary} for e in entries]))
        return
    for e in entries:
        typer.echo(f"{format_instant(e.at)}  {e.actor:<12} {e.action} {e.record}" + (f": {e.summary}" if e.summary
                                                                                        else ""))
