"""`fgdm child ...`: the children a case is about: list, add (a sibling, an unborn baby), edit and remove.

A child is named by the id `fgdm child list` shows, or by first name when only one child on the case has it.
"""

from __future__ import annotations

from typing import Any

import typer

from fgdm.cli.common import CASE, MAX_ID, OutputFormat, json_text, service_context
from fgdm.domain.enums import Gender, LegalStatus, RelationshipKind
from fgdm.i18n import format_day
from fgdm.services import cases, network
from fgdm.services.cases import ChildView
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, ValidationFailed
from fgdm.services.shared.inputs import parse_day

app = typer.Typer(help="The children a case is about: add a sibling or an unborn baby, edit, remove.",
                  no_args_is_help=True)

CHILD = typer.Argument(..., help="The child's id (`fgdm child list --case REF`), or first name if unique.")
GIVEN = typer.Option(None, "--given-name", help="First name.")
FAMILY = typer.Option(None, "--family-name", help="Surname, if different from the family's.")
BORN = typer.Option(None, "--dob", help="Date of birth, 23/11/2026 or 2026-11-23.")
DUE = typer.Option(None, "--due", help="Due date of a baby not yet born, 23/11/2026 or 2026-11-23.")
GENDER = typer.Option(None, "--gender")
STATUS = typer.Option(None, "--legal-status", help="Family help, child in need, child protection...")

LABELS = {"given_name": "First name", "family_name": "Surname", "date_of_birth": "Date of birth",
          "due_date": "Due date", "gender": "Gender", "legal_status": "Legal status", "child": "Child",
          "parent": "Parent"}
"""The options' names in what the command says back, as a coordinator reads them."""


def _said(error: ValidationFailed) -> str:
    """Each problem as a sentence that starts with the field's name, as the options call it."""
    return " ".join(f"{LABELS.get(field, field.replace('_', ' ').capitalize())} {message}."
                    for field, message in error.errors.items())


def _refused(error: ValidationFailed) -> typer.Exit:
    typer.echo(f"fgdm: {_said(error)} Nothing was changed.", err=True)
    return typer.Exit(1)


def _values(given: str | None, family: str | None, born: str | None, due: str | None, gender: Gender | None,
            status: LegalStatus | None) -> dict[str, Any]:
    values = {"given_name": given, "family_name": family, "date_of_birth": parse_day(born, "date_of_birth"),
              "due_date": parse_day(due, "due_date"), "gender": gender, "legal_status": status}
    return {name: value for name, value in values.items() if value is not None}


def _born(child: ChildView) -> str:
    return f"born {format_day(child.date_of_birth)}" if child.date_of_birth else f"due {format_day(child.due_date)}"


def _find(ctx: ServiceContext, case_id: int, reference: str, named: str) -> ChildView:
    children = cases.children_of(ctx, case_id)
    if named.strip().isdigit():
        found = [child for child in children if child.case_child_id == int(named)]
    else:
        found = [child for child in children if child.given_name.casefold() == named.strip().casefold()]
    if len(found) == 1:
        return found[0]
    listed = ", ".join(f"{child.case_child_id} {child.name}" for child in children)
    if found:
        raise NotFound(f"{len(found)} children on {reference} are called {named}; name one by id ({listed})")
    raise NotFound(f"no child on {reference} is {named!r}; the children are {listed}")


@app.command("list")
def list_children(context: typer.Context, case: str = CASE, output: OutputFormat = typer.Option(
        OutputFormat.TABLE, "--format", help="table for people, json for scripts.")) -> None:
    """The case's children: id, name, born or due, and legal status."""
    with service_context(context) as ctx:
        children = cases.children_of(ctx, cases.find_case(ctx, case).id)
    if output is OutputFormat.JSON:
        typer.echo(json_text([{"id": c.case_child_id, "person_id": c.person_id, "name": c.name,
                               "date_of_birth": c.date_of_birth.isoformat() if c.date_of_birth else None,
                               "due_date": c.due_date.isoformat() if c.due_date else None,
                               "legal_status": c.legal_status.value} for c in children]))
        return
    width = max(len(child.name) for child in children)
    for child in children:
        typer.echo(f"{child.case_child_id:>5}  {child.name:<{width}}  {_born(child):<24}  {child.legal_status.label}")


@app.command("add")
def add_child(context: typer.Context, case: str = CASE, given_name: str = typer.Option(..., "--given-name",
                                                                                        help="First name."),
              family_name: str = FAMILY, date_of_birth: str = BORN, due: str = DUE, gender: Gender = GENDER,
              legal_status: LegalStatus = STATUS,
              parent: list[int] = typer.Option([], "--parent", min=1, max=MAX_ID,
                                               help="Person id of the child's parent in the network (`fgdm "
                                                    "network list --format json`); repeat for both.")) -> None:
    """Add a child to the case: a brother or sister, a baby born during the work, or an unborn baby (--due).

    The duty is judged per child from their own parents: --parent records who they are.
    """
    try:
        data = _values(given_name, family_name, date_of_birth, due, gender, legal_status)
        with service_context(context) as ctx:
            case_id = cases.find_case(ctx, case).id
            members = {m.person_id: m.name for m in network.network_picture(ctx, case_id).network}
            unknown = [str(person) for person in parent if person not in members]
            if unknown:
                raise ValidationFailed.one("parent", f"{', '.join(unknown)} is not a person in the network of {case}; "
                                                     "`fgdm network list --case REF --format json` gives the ids")
            link = cases.add_child(ctx, case_id, data)
            for person in parent:
                network.add_relationship(ctx, case_id, {"from_person_id": person, "to_person_id": link.person_id,
                                                        "kind": RelationshipKind.PARENT_OF})
            child = next(c for c in cases.children_of(ctx, case_id) if c.case_child_id == link.id)
    except ValidationFailed as error:
        raise _refused(error) from None
    parents = f", child of {' and '.join(members[person] for person in parent)}" if parent else ""
    typer.echo(f"Added {child.name} ({_born(child)}{parents}) to {case} as child {child.case_child_id}. "
               f"`fgdm duty --case {case}` now judges the duty for them too.")


@app.command("edit")
def edit_child(context: typer.Context, child: str = CHILD, case: str = CASE, given_name: str = GIVEN,
               family_name: str = FAMILY, date_of_birth: str = BORN, due: str = DUE, gender: Gender = GENDER,
               legal_status: LegalStatus = STATUS) -> None:
    """Correct a child's details; --dob on an unborn baby records the birth."""
    try:
        data = _values(given_name, family_name, date_of_birth, due, gender, legal_status)
        if not data:
            raise ValidationFailed.one("child", "has nothing to change: give --given-name, --dob, --due, "
                                                "--gender or --legal-status")
        with service_context(context) as ctx:
            case_id = cases.find_case(ctx, case).id
            found = _find(ctx, case_id, case, child)
            cases.update_child(ctx, found.case_child_id, data)
            now = next(c for c in cases.children_of(ctx, case_id) if c.case_child_id == found.case_child_id)
    except ValidationFailed as error:
        raise _refused(error) from None
    typer.echo(f"Saved {now.name}: {_born(now)}, {now.legal_status.label.lower()}.")


@app.command("remove")
def remove_child(context: typer.Context, child: str = CHILD, case: str = CASE,
                 yes: bool = typer.Option(False, "--yes", help="Do not ask first.")) -> None:
    """Remove a child added by mistake (asks first); a child with records of their own is kept."""
    try:
        with service_context(context) as ctx:
            case_id = cases.find_case(ctx, case).id
            found = _find(ctx, case_id, case, child)
            offers = cases.offers_made(ctx, case_id)
            if not yes:
                about = (f" The case records {offers} offer{'s' if offers != 1 else ''} of a meeting made while "
                         f"{found.given_name} was on it; the duty will no longer be judged for them."
                         if offers else "")
                typer.confirm(f"Remove {found.name} ({_born(found)}) from {case}?{about}", abort=True, err=True)
            name = cases.remove_child(ctx, found.case_child_id, expected_version=found.version)
    except ValidationFailed as error:
        raise _refused(error) from None
    typer.echo(f"Removed {name} from {case}.")
