"""`fgdm network ...`: the family network for scripting: list, add, move along the pipeline, draw, print."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from fgdm.cli.common import CASE, FORCE, MAX_ID, OutputFormat, json_text, service_context
from fgdm.domain import ecomap, genogram
from fgdm.domain.enums import ConfidentialFact, ContactStatus, Gender, Side
from fgdm.domain.network_picture import MemberEntry, NetworkPicture
from fgdm.services import cases, network
from fgdm.services.network import (
    ConfidentialView,
    DuplicateCandidate,
    PossibleDuplicate,
    find_duplicates,
    merge_people,
)
from fgdm.services.shared.context import ServiceContext

app = typer.Typer(help="The family network: members, contact pipeline, genogram, ecomap and the printed map.",
                  no_args_is_help=True)

SHAREABLE = typer.Option(False, "--shareable", help="Only what the family may see: nobody not to be told, no "
                                                    "contact details, no addresses.")
FOR_PERSON = typer.Option(None, "--for", min=1, max=MAX_ID, help="Person id: that person's own copy, with only "
                                                                 "what the disclosure rule lets them learn.")



class View(StrEnum):
    GENOGRAM = "genogram"
    ECOMAP = "ecomap"


def _member_json(member: MemberEntry) -> dict[str, Any]:
    return {"member_id": member.member_id, "person_id": member.person_id, "name": member.name,
            "relationship_to_child": member.relationship_to_child, "side": member.side.value if member.side else None,
            "household": member.household, "is_parent": member.is_parent,
            "parental_responsibility": member.parental_responsibility,
            "contact_status": member.contact_status.value if member.contact_status else None,
            "language": member.language, "interpreter_needed": member.interpreter_needed,
            "phone": member.phone, "email": member.email, "address": member.address,
            "address_confidential": member.address_confidential, "not_to_be_told": member.not_to_be_told,
            "attends_separately": member.attends_separately, "excluded_reason": member.excluded_reason,
            "excluded_by": member.excluded_by}


def _markers(member: MemberEntry) -> str:
    return ", ".join(marker for flag, marker in ((member.not_to_be_told, "NOT TO BE TOLD"),
                                                 (member.address_confidential, "ADDRESS CONFIDENTIAL"),
                                                 (member.attends_separately, "separate session"),
                                                 (member.parental_responsibility, "PR")) if flag)


def _picture(ctx: ServiceContext, case_id: int, shareable: bool, for_person: int | None) -> NetworkPicture:
    """The coordinator's picture, the family's shareable one, or one person's own copy."""
    if shareable or for_person is not None:
        return network.shareable_network(ctx, case_id, for_person)
    return network.network_picture(ctx, case_id)


@app.command("list")
def list_members(
    context: typer.Context,
    case: str = CASE,
    output: OutputFormat = typer.Option(OutputFormat.TABLE, "--format", help="table for people, json for scripts."),
    shareable: bool = SHAREABLE,
    for_person: int = FOR_PERSON,
) -> None:
    """List the network members by side, with status and safety markers."""
    with service_context(context) as ctx:
        picture = _picture(ctx, cases.find_case(ctx, case).id, shareable, for_person)
    members = sorted(picture.network, key=lambda m: (list(Side).index(m.side) if m.side else 9, m.name.casefold()))
    if output is OutputFormat.JSON:
        typer.echo(json_text([_member_json(m) for m in members]))
        return
    if not members:
        typer.echo(f"No network members yet. Add one with `fgdm network add --case {case} --given-name NAME`.",
                   err=True)
        return
    width = max(len(m.name) for m in members)
    typer.echo(f"{'Id':>5}  {'Name':<{width}}  {'Relationship':<24}  {'Side':<21}  {'Status':<10}  Markers")
    for m in members:
        status = m.contact_status.label if m.contact_status else ""
        typer.echo(f"{m.member_id or '':>5}  {m.name:<{width}}  {m.relationship_to_child[:24]:<24}  "
                   f"{m.side.label if m.side else '':<21}  {status:<10}  {_markers(m)}")


@app.command("add")
def add_member(
    context: typer.Context,
    case: str = CASE,
    given_name: str = typer.Option(None, "--given-name", help="First name (not needed with --link)."),
    family_name: str = typer.Option(None, "--family-name"),
    relationship: str = typer.Option(None, "--relationship", help="Relationship to the child, e.g. Maternal aunt."),
    side: Side = typer.Option(None, "--side"),
    gender: Gender = typer.Option(None, "--gender"),
    date_of_birth: str = typer.Option(None, "--dob", help="Date of birth as DD/MM/YYYY."),
    phone: str = typer.Option(None, "--phone"),
    email: str = typer.Option(None, "--email"),
    address: str = typer.Option(None, "--address"),
    address_confidential: bool = typer.Option(False, "--address-confidential",
                                              help="Never print this address in anything shared."),
    not_to_be_told: bool = typer.Option(False, "--not-to-be-told",
                                        help="This person must not learn of the meeting: never invited or named."),
    parent: bool = typer.Option(False, "--parent", help="A parent of the child."),
    pr: bool = typer.Option(False, "--pr", help="Holds parental responsibility."),
    household: str = typer.Option(None, "--household", help="Who lives together, e.g. Mother's home."),
    language: str = typer.Option(None, "--language", help="Preferred language code, e.g. pl or ur."),
    interpreter: bool = typer.Option(False, "--interpreter", help="Needs an interpreter."),
    link: int = typer.Option(None, "--link", min=1, max=MAX_ID,
                             help="Link the existing person with this id instead of adding one."),
    allow_duplicate: bool = typer.Option(False, "--allow-duplicate",
                                         help="Add a new person even though someone similar is on file."),
) -> None:
    """Add a network member; a possible duplicate already on file is listed so you can --link it."""
    values = {"given_name": given_name, "family_name": family_name, "relationship_to_child": relationship,
              "side": side, "gender": gender, "date_of_birth": date_of_birth, "phone": phone, "email": email,
              "address": address, "household": household, "preferred_language": language}
    data: dict[str, Any] = {name: value for name, value in values.items() if value is not None}
    for name, flag in (("address_confidential", address_confidential), ("not_to_be_told", not_to_be_told),
                       ("is_parent", parent), ("parental_responsibility", pr), ("interpreter_needed", interpreter)):
        if flag:
            data[name] = True
    with service_context(context) as ctx:
        case_id = cases.find_case(ctx, case).id
        try:
            member = network.add_member(ctx, case_id, data, link_person_id=link, allow_duplicate=allow_duplicate)
        except PossibleDuplicate as duplicate:
            typer.echo("fgdm: this person may already be on file:", err=True)
            for candidate in duplicate.candidates:
                typer.echo(f"  {_candidate_line(candidate)}", err=True)
            typer.echo("Repeat with --link PERSON_ID to link them, or --allow-duplicate if they are someone else.",
                       err=True)
            raise typer.Exit(1) from None
        _, person = network.get_member(ctx, member.id)
    typer.echo(f"Added {person.full_name} to {case} as member {member.id}.")


@app.command("move")
def move_member(
    context: typer.Context,
    case: str = CASE,
    member: int = typer.Option(..., "--member", min=1, max=MAX_ID, help="The member id from `fgdm network list`."),
    to: ContactStatus = typer.Option(..., "--to", help="The new contact status."),
    reason: str = typer.Option("", "--reason", help="Why the person is excluded (needed with --to excluded), or "
                                                     "why someone marked not to be told is contacted anyway."),
    decided_by: str = typer.Option("", "--decided-by", help="Who decided the exclusion."),
    override: str = typer.Option("", "--consent-override",
                                 help="Why you are contacting before the family's consent is recorded."),
) -> None:
    """Move a member along the pipeline: identified, contacted, invited, attending, declined, excluded."""
    with service_context(context) as ctx:
        case_id = cases.find_case(ctx, case).id
        stored, person = network.get_member(ctx, member)
        if stored.case_id != case_id:
            typer.echo(f"fgdm: member {member} is not in case {case}; `fgdm network list --case {case}` shows "
                       "who is", err=True)
            raise typer.Exit(1)
        moved = network.move_member(ctx, member, to, reason=reason, decided_by=decided_by,
                                    consent_override_reason=override)
    typer.echo(f"{person.full_name} is now {moved.contact_status.label.lower()}.")


@app.command("consent")
def record_consent(
    context: typer.Context,
    case: str = CASE,
    by: str = typer.Option(..., "--by", help="Who consented, e.g. Joy Okafor (mother)."),
    on: str = typer.Option(None, "--on", help="When, as DD/MM/YYYY (default: today)."),
) -> None:
    """Record the family's consent for their network to be contacted."""
    with service_context(context) as ctx:
        case_id = cases.find_case(ctx, case).id
        network.record_contact_consent(ctx, case_id, consented_by=by, consented_on=on or ctx.today())
    typer.echo(f"Consent to contact the network recorded for {case}.")


@app.command("duplicates")
def duplicates(
    context: typer.Context,
    case: str = CASE,
    member: int = typer.Option(..., "--member", min=1, max=MAX_ID, help="The member id from `fgdm network list`."),
) -> None:
    """List people on file who may be the same person as this member (same name and birth date, or phone)."""
    with service_context(context) as ctx:
        cases.find_case(ctx, case)
        _, person = network.get_member(ctx, member)
        found = find_duplicates(ctx, given_name=person.given_name, family_name=person.family_name,
                                date_of_birth=person.date_of_birth, phone=person.phone, exclude_person_id=person.id)
    if not found:
        typer.echo(f"Nobody else on file looks like {person.full_name}.", err=True)
        return
    for candidate in found:
        typer.echo(_candidate_line(candidate))


def _candidate_line(candidate: DuplicateCandidate) -> str:
    """One person who may be the same, or a match the user may only be told exists."""
    reasons = ", ".join(candidate.reasons)
    if candidate.hidden:
        return (f"a match ({reasons}) in {candidate.other_cases} case(s) you may not open: ask {candidate.ask} "
                "to link them")
    return f"person {candidate.person_id}: {candidate.name} ({reasons}; in {', '.join(candidate.cases) or 'no case'})"


@app.command("merge")
def merge(
    context: typer.Context,
    keep: int = typer.Option(..., "--keep", min=1, max=MAX_ID, help="The person id to keep."),
    duplicate: int = typer.Option(..., "--merge", min=1, max=MAX_ID,
                                  help="The duplicate person id to fold into the kept one."),
) -> None:
    """Merge two records of one person: every membership, letter, offer and relationship moves across."""
    with service_context(context) as ctx:
        result = merge_people(ctx, keep, duplicate)
    moved = ", ".join(f"{count} {what}" for what, count in result.moved.items() if count)
    typer.echo(f"Merged person {duplicate} into {keep}" + (f": moved {moved}." if moved else "."))


@app.command("show")
def show(
    context: typer.Context,
    case: str = CASE,
    view: View = typer.Option(View.GENOGRAM, "--view", help="genogram or ecomap."),
    shareable: bool = SHAREABLE,
    output: OutputFormat = typer.Option(OutputFormat.TABLE, "--format",
                                        help="table draws it as text; json gives the layout (people, lines, "
                                             "positions) for other tools."),
    for_person: int = FOR_PERSON,
) -> None:
    """Draw the genogram or the ecomap as text, or give its layout as JSON."""
    with service_context(context) as ctx:
        case_id = cases.find_case(ctx, case).id
        picture = _picture(ctx, case_id, shareable, for_person)
        if view is View.GENOGRAM:
            placed = network.genogram_layout(ctx, case_id, picture=picture)
        else:
            eco = ecomap.layout(picture)
    if view is View.GENOGRAM:
        typer.echo(json_text(genogram.layout_json(placed))
                   if output is OutputFormat.JSON else genogram.genogram_text(placed))
    else:
        typer.echo(json_text(ecomap.layout_json(eco))
                   if output is OutputFormat.JSON else "\n".join(ecomap.render_text(eco)))


@app.command("print")
def print_map(
    context: typer.Context,
    case: str = CASE,
    shareable: bool = SHAREABLE,
    output: Path = typer.Option(None, "--output", "-o", help="The .docx to write, or a folder for it "
                                                             "(default: the output folder)."),
    force: bool = FORCE,
    pdf: bool = typer.Option(False, "--pdf", help="Also write a PDF (needs LibreOffice)."),
    lang: str = typer.Option(None, "--lang",
                             help="Language of the map's words (cy, pl, ur...); the shareable copy is in the "
                                  "family's language unless given, the coordinator's copy in English."),
    for_person: int = FOR_PERSON,
) -> None:
    """Write the printable network map: the coordinator's copy, --shareable for the family, or --for one person."""
    with service_context(context) as ctx:
        case_id = cases.find_case(ctx, case).id
        printed = network.print_network_map(ctx, case_id, output, shareable=shareable, pdf=pdf, language=lang,
                                            for_person_id=for_person)
    if printed.language_note:
        typer.echo(f"fgdm: warning: {printed.language_note}", err=True)
    typer.echo(str(printed.docx.absolute()))
    if printed.pdf is not None:
        typer.echo(str(printed.pdf.absolute()))
    if printed.pdf_problem:
        typer.echo(f"fgdm: {printed.pdf_problem}", err=True)


confidential_app = typer.Typer(help="Keep an address, or a meeting's venue or time, confidential from named "
                                    "members of the network.", no_args_is_help=True)
app.add_typer(confidential_app, name="confidential")

WHAT = typer.Option(..., "--what", help="address (of --of), or venue or time (of --meeting).")
OF = typer.Option(None, "--of", min=1, max=MAX_ID, help="Person id whose address it is.")
MEETING = typer.Option(None, "--meeting", min=1, max=MAX_ID, help="Meeting id (`fgdm meeting list`).")
FROM = typer.Option(..., "--from", min=1, max=MAX_ID, help="Person id to keep it from; repeat for more.")


@confidential_app.command("set")
def confidential_set(context: typer.Context, case: str = CASE, what: ConfidentialFact = WHAT, of: int = OF,
                     meeting: int = MEETING, keep_from: list[int] = FROM) -> None:
    """Keep the fact from these people: no letter, invitation, map or plan for them will carry it."""
    _change_confidential(context, network.keep_confidential, case, what, of, meeting, keep_from)


@confidential_app.command("clear")
def confidential_clear(context: typer.Context, case: str = CASE, what: ConfidentialFact = WHAT, of: int = OF,
                       meeting: int = MEETING, keep_from: list[int] = FROM) -> None:
    """No longer keep the fact from these people (an address confidential from everyone stays so)."""
    _change_confidential(context, network.clear_confidential, case, what, of, meeting, keep_from)


def _change_confidential(context: typer.Context, change: Callable[..., list[ConfidentialView]], case: str,
                         what: ConfidentialFact, of: int | None, meeting: int | None, keep_from: list[int]) -> None:
    with service_context(context) as ctx:
        kept = change(ctx, cases.find_case(ctx, case).id, what, hidden_from=keep_from, person_id=of,
                      meeting_id=meeting)
    _print_confidential(kept)


@confidential_app.command("list")
def confidential_list(context: typer.Context, case: str = CASE) -> None:
    """What is kept from whom in the case."""
    with service_context(context) as ctx:
        kept = network.confidential_list(ctx, cases.find_case(ctx, case).id)
    _print_confidential(kept)


def _print_confidential(kept: list[ConfidentialView]) -> None:
    if not kept:
        typer.echo("Nothing is kept from named people in this case.", err=True)
    for view in kept:
        typer.echo(f"{view.fact.label} of {view.about}: kept from {view.hidden_from} "
                   f"(person {view.hidden_from_person_id}), decided by {view.decided_by}")


__all__ = ["app"]
