"""`fgdm documents ...`: the letters, plans, maps, invitations and exports written for a case; reprint any."""

from __future__ import annotations

import typer

from fgdm.cli.common import CASE, FORMAT, MAX_ID, OutputFormat, case_id_of, json_text, service_context
from fgdm.i18n import format_instant
from fgdm.services import case_documents

app = typer.Typer(help="The documents written for a case (letters, plans, maps, invitations, exports); reprint any.",
                  no_args_is_help=True, rich_markup_mode=None)


@app.command("list")
def list_documents(context: typer.Context, case: str = CASE, output: OutputFormat = FORMAT) -> None:
    """Each document written for the case, the latest first: when, what, for whom, and where the file is."""
    with service_context(context) as ctx:
        found = case_documents.list_documents(ctx, case_id_of(ctx, case))
    if output is OutputFormat.JSON:
        typer.echo(json_text([{"id": d.id, "kind": d.kind.value, "title": d.title, "recipient": d.recipient,
                               "generated_at": d.generated_at.isoformat(), "generated_by": d.generated_by,
                               "file": str(d.path), "file_exists": d.exists} for d in found]))
        return
    if not found:
        typer.echo(f"No documents written for {case} yet.", err=True)
    for document in found:
        gone = "" if document.exists else "  (file no longer there: reprint it)"
        typer.echo(f"{document.id:>5}  {format_instant(document.generated_at)}  {document.title}"
                   f"{' · ' + document.recipient if document.recipient else ''}\n       {document.path}{gone}")


@app.command("reprint")
def reprint(context: typer.Context,
            document_id: int = typer.Argument(..., min=1, max=MAX_ID, help="The document's number from "
                                                                            "`fgdm documents list`.")) -> None:
    """Write a document again from the case as it stands (a letter dated today), replacing its file."""
    with service_context(context) as ctx:
        path = case_documents.reprint(ctx, document_id)
    typer.echo(str(path))


__all__ = ["app"]
