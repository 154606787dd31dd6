"""`fgdm letter ...`: the offer, invitation and outcome letters, one person or every pending offer at once."""

from __future__ import annotations

from pathlib import Path

import typer

from fgdm.cli.common import CASE, FORCE, FORMAT, MAX_ID, OutputFormat, case_id_of, json_text, service_context
from fgdm.domain.enums import LetterKind
from fgdm.i18n import format_instant
from fgdm.services import letters
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import ValidationFailed

app = typer.Typer(help="Letters to the family from the council's templates, in the recipient's language.",
                  no_args_is_help=True)

TO = typer.Option(None, "--to", min=1, max=MAX_ID,
                  help="The recipient's person id, as the case export or `fgdm offer list` shows.")
LANG = typer.Option(None, "--lang", help="Write in this language (cy, pl, ur...) instead of the recipient's own.")
OUTPUT = typer.Option(None, "-o", "--output", help="The .docx to write, or a folder (default: the output folder, "
                                                   "fgdm in your documents folder unless output_dir says).")
PDF = typer.Option(False, "--pdf", help="Also write a PDF (needs LibreOffice).")
MEETING = typer.Option(None, "--meeting", min=1, max=MAX_ID,
                       help="The meeting's id (default: the next planned FGDM meeting, or for "
                                               "an outcome letter the last one held).")


def _warn(ctx: ServiceContext, case_id: int, kind: LetterKind) -> list[str]:
    """Say before anything is written what the coordinator must know about letters of this kind."""
    warnings = letters.letter_warnings(ctx, case_id, kind)
    for warning in warnings:
        typer.echo(f"fgdm: warning: {warning}", err=True)
    return warnings


def _report(letter: letters.GeneratedLetter, already_said: list[str]) -> None:
    """The file on stdout for scripts; what the coordinator must know on stderr."""
    typer.echo(str(letter.path))
    if letter.pdf_path:
        typer.echo(str(letter.pdf_path))
    for notice in letter.notices:
        if notice not in already_said:
            typer.echo(f"fgdm: {letter.recipient}: {notice}", err=True)


def _one(context: typer.Context, kind: LetterKind, case: str, to: int | None, lang: str | None,
         output: Path | None, pdf: bool, meeting: int | None = None) -> None:
    if to is None:
        raise ValidationFailed.one("to", "name the recipient with --to PERSON (their person id)")
    with service_context(context) as ctx:
        case_id = case_id_of(ctx, case)
        said = _warn(ctx, case_id, kind)
        letter = letters.generate_letter(ctx, case_id, to, kind, language=lang, output=output, pdf=pdf,
                                         meeting_id=meeting)
    _report(letter, said)


@app.command("offer")
def offer_command(context: typer.Context, case: str = CASE, to: int = TO, lang: str = LANG,
                  output: Path = OUTPUT, force: bool = FORCE, pdf: bool = PDF,
                  all_pending: bool = typer.Option(False, "--all-pending", help="Every parent and PR holder whose "
                                                   "offer is still pending, each in their own language; -o is "
                                                   "then a folder.")) -> None:
    """The s.31ZA offer letter that goes with the letter before proceedings."""
    if all_pending == (to is not None):
        raise ValidationFailed.one("to", "give either --to PERSON or --all-pending")
    if not all_pending:
        _one(context, LetterKind.OFFER, case, to, lang, output, pdf)
        return
    if lang is not None:
        raise ValidationFailed.one("lang", "the batch writes each letter in its recipient's language; leave out "
                                           "--lang, or write one letter with --to")
    with service_context(context) as ctx:
        case_id = case_id_of(ctx, case)
        said = _warn(ctx, case_id, LetterKind.OFFER)
        made = letters.generate_pending_offers(ctx, case_id, output_dir=output, pdf=pdf)
    if not made:
        typer.echo(f"fgdm: no offer letter is due in {case}: every parent and PR holder has an answer recorded, "
                   "or no child needs the offer; `fgdm duty` shows why.", err=True)
    for letter in made:
        _report(letter, said)


@app.command("invitation")
def invitation_command(context: typer.Context, case: str = CASE, to: int = TO, lang: str = LANG,
                       output: Path = OUTPUT, force: bool = FORCE, pdf: bool = PDF, meeting: int = MEETING) -> None:
    """An invitation to the FGDM meeting for one member of the network."""
    _one(context, LetterKind.INVITATION, case, to, lang, output, pdf, meeting)


@app.command("outcome")
def outcome_command(context: typer.Context, case: str = CASE, to: int = TO, lang: str = LANG,
                    output: Path = OUTPUT, force: bool = FORCE, pdf: bool = PDF, meeting: int = MEETING) -> None:
    """The letter after the meeting: whether the plan was agreed and when it will be reviewed."""
    _one(context, LetterKind.OUTCOME, case, to, lang, output, pdf, meeting)


@app.command("list")
def list_command(context: typer.Context, case: str = CASE, output: OutputFormat = FORMAT) -> None:
    """The letters generated for a case: who, when, which template version, which language."""
    with service_context(context) as ctx:
        rows = letters.list_letters(ctx, case_id_of(ctx, case))
    if output is OutputFormat.JSON:
        typer.echo(json_text([{"id": r.id, "kind": r.kind.value, "person_id": r.person_id, "recipient": r.recipient,
                               "language": r.language, "generated_at": r.generated_at.isoformat(),
                               "generated_by": r.generated_by, "template": r.template_name,
                               "template_version": r.template_version, "file": r.filename} for r in rows]))
        return
    if not rows:
        typer.echo(f"fgdm: no letters have been generated for {case}.", err=True)
    for r in rows:
        typer.echo(f"{format_instant(r.generated_at)}  {r.kind.label:<10}  {r.recipient} (person {r.person_id}), "
                   f"{r.language}, by {r.generated_by}, template {r.template_version[:12]}  {r.filename}")
