"""`fgdm note ...`: the case's notes and contact log (who, how, what was agreed, when to follow up)."""

from __future__ import annotations

import typer

from fgdm.cli.common import CASE, FORMAT, MAX_ID, OutputFormat, case_id_of, json_text, service_context
from fgdm.domain.enums import ContactMethod
from fgdm.i18n import format_day
from fgdm.services import notes
from fgdm.services.shared.errors import NotFound

app = typer.Typer(help="The case's notes and contact log: who, how, what was agreed, when to follow up.",
                  no_args_is_help=True, rich_markup_mode=None)

WHO = typer.Option(..., "--who", help="Who you were in touch with, e.g. \"Mother, Sarah\" or \"Head of year\".")
HOW = typer.Option(..., "--how", help="How: " + ", ".join(method.value for method in ContactMethod) + ".")
AGREED = typer.Option(..., "--agreed", help="What was said and agreed.")
ON = typer.Option(None, "--on", help="The day of the contact, YYYY-MM-DD (default: today).")
FOLLOW_UP = typer.Option(None, "--follow-up", help="When to follow it up, YYYY-MM-DD: it shows in your week then.")


def _line(note: notes.NoteView) -> str:
    follow = f"  follow up {format_day(note.follow_up_on)}" if note.follow_up_on else ""
    return (f"{note.id:>5}  {format_day(note.noted_on)}  {note.method.label:<12} {note.who}{follow}\n"
            f"       {note.agreed}")


@app.command("add")
def add(context: typer.Context, case: str = CASE, who: str = WHO, how: ContactMethod = HOW, agreed: str = AGREED,
        on: str = ON, follow_up: str = FOLLOW_UP) -> None:
    """Record a contact on the case."""
    with service_context(context) as ctx:
        note = notes.add_note(ctx, case_id_of(ctx, case), {"who": who, "method": how, "agreed": agreed,
                                                          "noted_on": on, "follow_up_on": follow_up})
    typer.echo(f"Noted {note.method.label.lower()} with {note.who} on {format_day(note.noted_on)} (note {note.id})",
               err=True)


@app.command("edit")
def edit(context: typer.Context, case: str = CASE,
         note_id: int = typer.Option(..., "--note", min=1, max=MAX_ID, help="The note's number from `fgdm note "
                                                                             "list`."),
         who: str = typer.Option(None, "--who", help="Who you were in touch with."),
         how: ContactMethod = typer.Option(None, "--how", help="How you were in touch."),
         agreed: str = typer.Option(None, "--agreed", help="What was said and agreed."),
         on: str = typer.Option(None, "--on", help="The day of the contact, YYYY-MM-DD."),
         follow_up: str = typer.Option(None, "--follow-up", help="When to follow it up, YYYY-MM-DD; \"\" clears "
                                                                 "it once done.")) -> None:
    """Correct a note, or change or clear its follow-up date."""
    with service_context(context) as ctx:
        found = {note.id: note for note in notes.list_notes(ctx, case_id_of(ctx, case))}
        if note_id not in found:
            raise NotFound(f"case {case} has no note {note_id}; `fgdm note list --case {case}` shows them")
        old = found[note_id]
        note = notes.update_note(ctx, note_id, {
            "who": old.who if who is None else who, "method": old.method if how is None else how,
            "agreed": old.agreed if agreed is None else agreed, "noted_on": old.noted_on if on is None else on,
            "follow_up_on": old.follow_up_on if follow_up is None else (follow_up or None)})
    typer.echo(f"Note {note.id} saved", err=True)


@app.command("list")
def list_notes(context: typer.Context, case: str = CASE, output: OutputFormat = FORMAT) -> None:
    """The case's contacts, the latest first."""
    with service_context(context) as ctx:
        found = notes.list_notes(ctx, case_id_of(ctx, case))
    if output is OutputFormat.JSON:
        typer.echo(json_text([{"id": n.id, "noted_on": n.noted_on.isoformat(), "who": n.who,
                               "method": n.method.value, "agreed": n.agreed,
                               "follow_up_on": n.follow_up_on.isoformat() if n.follow_up_on else None,
                               "written_by": n.written_by} for n in found]))
        return
    if not found:
        typer.echo(f"No notes on {case} yet: `fgdm note add --case {case} --who ... --how phone --agreed ...`",
                   err=True)
    for note in found:
        typer.echo(_line(note))


__all__ = ["app"]
