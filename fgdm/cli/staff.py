"""Staff and case sharing, for administrators and scripts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from fgdm.cli.common import OutputFormat, json_text, service_context, state_of
from fgdm.domain.enums import Employer, Qualification, StaffRole
from fgdm.services import cases
from fgdm.services import staff as staff_service

app = typer.Typer(help="Staff who use fgdm, their roles, and sharing a case with a colleague.", no_args_is_help=True)


@app.command("list")
def list_command(
    context: typer.Context,
    output: OutputFormat = typer.Option(OutputFormat.TABLE, "--format", help="table for people, json for scripts."),
    everyone: bool = typer.Option(False, "--all", help="Include staff who have left."),
) -> None:
    """List staff with id, username, role, qualification and employer; `--staff` options take the id or the
    username."""
    with service_context(context) as ctx:
        people = staff_service.list_staff(ctx, active_only=not everyone)
    rows = [{"id": s.id, "username": s.username, "name": s.name, "role": s.role.value,
             "qualification": s.qualification.value, "employer": s.employer.value, "team": s.team,
             "active": s.active} for s in people]
    if output is OutputFormat.JSON:
        typer.echo(json_text(rows))
        return
    typer.echo(f"{'id':>4}  {'username':<16} {'name':<28} {'role':<13} {'qualification':<24} employer")
    for row in rows:
        typer.echo(f"{row['id']:>4}  {row['username']:<16} {row['name']:<28} {row['role']:<13} "
                   f"{row['qualification']:<24} {row['employer']}" + ("" if row["active"] else "  (left)"))


@app.command("add")
def add_command(
    context: typer.Context,
    username: str = typer.Argument(..., help="Lower-case login name, e.g. a.khan"),
    name: str = typer.Option(..., "--name"),
    role: StaffRole = typer.Option(StaffRole.COORDINATOR, "--role"),
    qualification: Qualification = typer.Option(Qualification.ALTERNATIVELY_QUALIFIED, "--qualification"),
    employer: Employer = typer.Option(Employer.LOCAL_AUTHORITY, "--employer"),
    email: str = typer.Option("", "--email"),
    team: str = typer.Option("", "--team"),
    started_on: str = typer.Option(None, "--started", help="DD/MM/YYYY"),
    password_file: Path = typer.Option(None, "--password-file", help="A file holding their first password (team "
                                       "database only; asked for when not given). Never put it on the command line."),
    no_login: bool = typer.Option(False, "--no-login", help="Team database: the record only, no login (a referrer "
                                  "who never uses fgdm; `fgdm staff login` gives one later)."),
) -> None:
    """Add a member of staff (administrators only); on the team database also their own login."""
    password = None if no_login else _password(context, password_file)
    with service_context(context) as ctx:
        added = staff_service.add_staff(ctx, {"username": username, "name": name, "role": role,
                                              "qualification": qualification, "employer": employer, "email": email,
                                              "team": team, "started_on": started_on}, password=password)
    typer.echo(f"Added {added.name} ({added.username}) as {added.role.label.lower()}", err=True)


def _password(context: typer.Context, path: Path | None) -> str | None:
    """The first password for a new login: from a file, or typed twice (hidden); none for a SQLite file."""
    if path is not None:
        try:
            return path.read_text(encoding="utf-8").strip()
        except OSError as error:
            raise typer.BadParameter(f"cannot read {path}: {error.strerror}", param_hint="--password-file") from None
    if not state_of(context).settings().database_url.startswith("postgresql"):
        return None
    return typer.prompt("Their first password", hide_input=True, confirmation_prompt=True)


@app.command("login")
def login_command(
    context: typer.Context,
    username: str = typer.Argument(..., help="A member of staff on file who has no database login yet."),
    password_file: Path = typer.Option(None, "--password-file", help="A file holding their first password "
                                       "(asked for when not given)."),
) -> None:
    """Give a member of staff on file their own login to the team database (administrators only)."""
    password = _password(context, password_file) or ""
    with service_context(context) as ctx:
        staff_service.create_login(ctx, username, password)
    typer.echo(f"{username} can now log in to the team database as themselves", err=True)


@app.command("leave")
def leave_command(
    context: typer.Context,
    username: str = typer.Argument(...),
    on: str = typer.Option(None, "--on", help="Last day, DD/MM/YYYY (default today)."),
) -> None:
    """Record that a member of staff has left: they can no longer sign in, and still count up to that day."""
    with service_context(context) as ctx:
        found = next((s for s in staff_service.list_staff(ctx) if s.username == username.strip().lower()), None)
        if found is None:
            raise typer.BadParameter(f"no active member of staff has the username {username!r}")
        staff_service.update_staff(ctx, found.id, {"left_on": on or date.isoformat(ctx.today()), "active": False})
    typer.echo(f"Recorded that {username} has left", err=True)


@app.command("share")
def share_command(context: typer.Context, case: str = typer.Option(..., "--case"),
                  username: str = typer.Option(..., "--with", help="The colleague's username.")) -> None:
    """Open a case to a colleague who is not allocated to it (cover, co-working)."""
    with service_context(context) as ctx:
        staff_service.share_case(ctx, cases.find_case(ctx, case).id, username)
    typer.echo(f"Shared {case} with {username}", err=True)


@app.command("unshare")
def unshare_command(context: typer.Context, case: str = typer.Option(..., "--case"),
                    username: str = typer.Option(..., "--with")) -> None:
    """Stop sharing a case with a colleague."""
    with service_context(context) as ctx:
        staff_service.unshare_case(ctx, cases.find_case(ctx, case).id, username)
    typer.echo(f"Stopped sharing {case} with {username}", err=True)
