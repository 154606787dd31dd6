"""Data protection commands: subject access requests and the retention schedule."""

from __future__ import annotations

from pathlib import Path

import typer

from fgdm.cli.common import FORCE, MAX_ID, service_context
from fgdm.i18n import format_day
from fgdm.services import records

sar_app = typer.Typer(help="Subject access requests: draft the answer, review it where needed, then release it.",
                      no_args_is_help=True)

DRAFT = typer.Argument(..., min=1, max=MAX_ID, help="The draft's number, as `fgdm sar list` shows it.")


@sar_app.command("draft")
def sar_draft(
    context: typer.Context,
    person: int = typer.Option(..., "--person", min=1, max=MAX_ID,
                               help="The person's id, as `fgdm export --case` shows it."),
) -> None:
    """Draft the answer for one person: everything held about them, other people's details withheld."""
    with service_context(context) as ctx:
        draft = records.draft_subject_access(ctx, person)
    typer.echo(f"Draft {draft.id} for {draft.person_name}: {draft.state}.", err=True)
    for reason in draft.review_reasons:
        typer.echo(f"  {reason}", err=True)
    if draft.for_review:
        typer.echo(f"A manager reads it (`fgdm sar show {draft.id}`) and records the review "
                   f"(`fgdm sar review {draft.id}`) before it can be released.", err=True)
    else:
        typer.echo(f"Release it with `fgdm sar release {draft.id} -o FOLDER`.", err=True)


@sar_app.command("list")
def sar_list(context: typer.Context) -> None:
    """List the drafts, newest first, with who reviewed each and whether it was released."""
    with service_context(context) as ctx:
        drafts = records.subject_access_drafts(ctx)
    if not drafts:
        typer.echo("No subject access drafts.", err=True)
    for draft in drafts:
        reviewed = f"  reviewed by {draft.reviewed_by} on {format_day(draft.reviewed_on)}" if draft.reviewed_on else ""
        typer.echo(f"{draft.id:>5}  {format_day(draft.drafted_on):<18} {draft.person_name:<30} {draft.state}{reviewed}")


@sar_app.command("show")
def sar_show(context: typer.Context, draft: int = DRAFT) -> None:
    """Show a draft as it will be released, and why it is held for review."""
    with service_context(context) as ctx:
        summary, document = records.subject_access_document(ctx, draft)
    typer.echo(f"Draft {summary.id} for {summary.person_name}: {summary.state}.", err=True)
    for reason in summary.review_reasons:
        typer.echo(f"  {reason}", err=True)
    typer.echo(document["title"])
    typer.echo(f"{document['produced_on']['field']}: {document['produced_on']['text']}")
    for section in document["sections"]:
        typer.echo(f"\n{section['title']}")
        if not section["records"]:
            typer.echo("  None held.")
        for record in section["records"]:
            typer.echo("  - " + "; ".join(f"{entry['field']}: {entry['text']}" for entry in record))


@sar_app.command("review")
def sar_review(
    context: typer.Context,
    draft: int = DRAFT,
    reviewed_by: str = typer.Option(..., "--reviewed-by",
                                    help='Who reviewed it, name and role: "Priya Shah, data protection officer".'),
    on: str = typer.Option(None, "--on", help="When they reviewed it, as YYYY-MM-DD (default: today)."),
    note: str = typer.Option(..., "--note", help="What the reviewer checked and decided, in a sentence."),
) -> None:
    """Record, as a manager, who reviewed a draft held for review and when: only then can it be released."""
    with service_context(context) as ctx:
        summary = records.review_subject_access(ctx, draft, reviewed_by=reviewed_by, reviewed_on=on, note=note)
    typer.echo(f"Draft {summary.id} for {summary.person_name}: reviewed by {summary.reviewed_by} on "
               f"{format_day(summary.reviewed_on)}. Release it with `fgdm sar release {summary.id} -o FOLDER`.",
               err=True)


@sar_app.command("release")
def sar_release(
    context: typer.Context,
    draft: int = DRAFT,
    output: Path = typer.Option(..., "-o", "--output", help="The folder to write the .docx and .json into."),
    force: bool = FORCE,
) -> None:
    """Write a draft as the person receives it (.docx on the letterhead and .json), once any review is recorded."""
    with service_context(context) as ctx:
        result = records.release_subject_access(ctx, draft, output)
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
