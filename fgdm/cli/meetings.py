"""`fgdm meeting ...` and `fgdm diary ...`: meetings for scripting, and calendar files for real calendars.

Calendar files go to stdout (or -o FILE) so they can be piped into a mail command or a calendar client;
every message goes to stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import typer

from fgdm.cli.common import FORCE, MAX_ID, check_output, json_text, service_context
from fgdm.domain.enums import MeetingKind, MeetingStatus
from fgdm.i18n import format_day, format_instant, format_time_of_day
from fgdm.models import Meeting
from fgdm.services import cases, meetings
from fgdm.services import staff as staff_service
from fgdm.services.meetings import MeetingView, WarningsNeedOverride
from fgdm.services.shared.errors import ValidationFailed
from fgdm.services.shared.inputs import read_day

meeting_app = typer.Typer(help="Meetings: schedule, move, hold, cancel, invitations (.ics), reminders.",
                          no_args_is_help=True)
diary_app = typer.Typer(help="A coordinator's diary as one calendar file.", no_args_is_help=True)

OUTPUT = typer.Option(None, "-o", "--output", help="Write to this file instead of standard output.")
DAY = typer.Option(..., "--day", help="The day, DD/MM/YYYY.")
START = typer.Option(..., "--start", help="Start, HH:MM UK local time.")
END = typer.Option(..., "--end", help="End, HH:MM UK local time.")
VENUE = typer.Option(None, "--venue", min=1, max=MAX_ID, help="Venue id (`fgdm meeting venues`).")
OVERRIDE = typer.Option([], "--override", help="CODE=REASON to accept a warning; repeat.")
AS_JSON = typer.Option(False, "--json", help="JSON for scripts instead of a table.")


def _write(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    meetings.write_file(data, output)
    typer.echo(f"Wrote {output}", err=True)


def _overrides(pairs: list[str]) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for pair in pairs:
        code, _, reason = pair.partition("=")
        if not reason.strip():
            raise ValidationFailed.one("override", f"write {pair!r} as CODE=REASON, for example "
                                                   "'weekend=Father works weekdays'")
        parsed[code.strip()] = reason
    return parsed


def _row(view: MeetingView) -> dict[str, object]:
    meeting = view.meeting
    return {"id": meeting.id, "case": view.case_reference, "kind": meeting.kind.value,
            "status": meeting.status.value, "starts": view.local_start.isoformat(),
            "ends": view.local_end.isoformat(), "venue": view.venue.name if view.venue else meeting.location_note,
            "coordinator": view.coordinator.username if view.coordinator else None,
            "attendees": [a.name for a in view.attendees], "sequence": meeting.ical_sequence,
            "uid": meeting.ical_uid,
            "gaps": meetings.gaps_of(view) if meeting.status is MeetingStatus.PLANNED else []}


def _print(views: list[MeetingView], as_json: bool) -> None:
    if as_json:
        typer.echo(json_text([_row(v) for v in views]))
        return
    if not views:
        typer.echo("No meetings.", err=True)
    for view in views:
        meeting = view.meeting
        typer.echo(f"{meeting.id:>5}  {format_instant(meeting.starts_at)}–{format_time_of_day(meeting.ends_at)}  "
                   f"{view.case_reference}  {meeting.kind.label}  [{meeting.status.label}]  "
                   f"{view.venue.name if view.venue else meeting.location_note}")


@meeting_app.command("list")
def list_command(context: typer.Context, reference: str = typer.Argument(..., help="Case reference."),
                 as_json: bool = AS_JSON) -> None:
    """A case's meetings in time order, in UK local time."""
    with service_context(context) as ctx:
        _print(meetings.list_meetings(ctx, cases.find_case(ctx, reference).id), as_json)


@meeting_app.command("schedule")
def schedule_command(
    context: typer.Context,
    reference: str = typer.Argument(..., help="Case reference, for example FG-2026-0001."),
    kind: MeetingKind = typer.Option(..., "--kind", help="What meeting this is."),
    day: str = DAY,
    start: str = START,
    end: str = END,
    venue: int = VENUE,
    member: list[int] = typer.Option([], "--member", help="Network member id to invite; repeat for more."),
    staff: list[str] = typer.Option([], "--staff", help="Staff id or username (`fgdm staff list`) to invite; "
                                                        "repeat for more."),
    override: list[str] = OVERRIDE,
    apart_from: int = typer.Option(None, "--apart-from", min=1, max=MAX_ID,
                                   help="For --kind separate_session: the meeting it is held apart from. It needs "
                                        "its own venue, and two hours between them, unless you override the "
                                        "warning with a reason."),
) -> None:
    """Plan a meeting; warnings (double-booking, weekend...) must be overridden with a reason to save."""
    with service_context(context) as ctx:
        case = cases.find_case(ctx, reference)
        data = {"kind": kind, "day": day, "start_time": start, "end_time": end, "venue_id": venue,
                "network_member_ids": member, "staff_ids": staff_service.staff_ids(ctx, staff),
                "separate_from": apart_from}
        meeting = _judged(lambda overrides: meetings.schedule_meeting(ctx, case.id, data, overrides=overrides),
                          override)
    typer.echo(meeting.id)


@meeting_app.command("move")
def move_command(
    context: typer.Context,
    meeting_id: int = typer.Argument(..., help="The meeting's id (`fgdm meeting list REFERENCE`)."),
    day: str = DAY,
    start: str = START,
    end: str = END,
    venue: int = typer.Option(None, "--venue", help="A new venue id (`fgdm meeting venues`); default: the same."),
    override: list[str] = OVERRIDE,
) -> None:
    """Move a meeting (or replan a postponed one): the same calendar event at a new time, so calendars move it.

    The warnings are checked again; the invitations are marked to be sent again, and each new .ics says which
    time it replaces.
    """
    with service_context(context) as ctx:
        before = meetings.get_meeting(ctx, meeting_id)
        was = f"{format_instant(before.meeting.starts_at)}–{format_time_of_day(before.meeting.ends_at)}"
        data = {"day": day, "start_time": start, "end_time": end, "venue_id": venue}
        meeting = _judged(lambda overrides: meetings.move_meeting(ctx, meeting_id, data, overrides=overrides),
                          override)
    typer.echo(f"Moved from {was} to {format_instant(meeting.starts_at)}–{format_time_of_day(meeting.ends_at)} "
               f"(calendar version {meeting.ical_sequence}). Send the invitations again: `fgdm meeting ics "
               f"{meeting_id}`.", err=True)


def _judged(attempt: Callable[[dict[str, str]], Meeting], override: list[str]) -> Meeting:
    """Save through the scheduling warnings: each one unanswered is printed and nothing is saved."""
    try:
        return attempt(_overrides(override))
    except WarningsNeedOverride as error:
        for warning in error.warnings:
            typer.echo(f"{warning.sentence} To accept it: --override {warning.code}=\"your reason\"", err=True)
        typer.echo("Not saved: accept each warning with its reason, or change the meeting.", err=True)
        raise typer.Exit(1) from None


@meeting_app.command("held")
def held_command(context: typer.Context, meeting_id: int = typer.Argument(..., min=1, max=MAX_ID),
                 on: str = typer.Option(None, "--on", help="The day it was held (default: its planned day)."),
                 override: list[str] = OVERRIDE) -> None:
    """Record a meeting as held; the FGDM meeting moves the case on and starts the review clock.

    Meetings of earlier stages still planned (the baseline, preparation visits) are a warning: accept it with
    --override earlier_meetings_planned=REASON.
    """
    with service_context(context) as ctx:
        before = meetings.get_meeting(ctx, meeting_id)
        stage = cases.case_record(ctx, before.meeting.case_id).status
        day = read_day(on, "on")
        meeting = _judged(lambda overrides: meetings.mark_held(ctx, meeting_id, held_on=day, overrides=overrides),
                          override)
        now = cases.case_record(ctx, meeting.case_id).status
        window = meetings.review_due(ctx, meeting.case_id)
    if now is not stage:
        typer.echo(f"{before.case_reference} moved from {stage.label} to {now.label}.", err=True)
    if window is not None and meeting.kind is MeetingKind.FGDM_MEETING:
        typer.echo(f"Review due between {format_day(window.earliest)} and {format_day(window.latest)}.", err=True)


@meeting_app.command("cancel")
def cancel_command(context: typer.Context, meeting_id: int = typer.Argument(..., min=1, max=MAX_ID),
                   reason: str = typer.Option(..., "--reason", help="Why it is cancelled.")) -> None:
    """Cancel a meeting; `fgdm meeting ics` then gives the METHOD:CANCEL file to send."""
    with service_context(context) as ctx:
        meetings.cancel_meeting(ctx, meeting_id, reason)


@meeting_app.command("ics")
def ics_command(context: typer.Context, meeting_id: int = typer.Argument(..., min=1, max=MAX_ID), output: Path = OUTPUT,
                force: bool = FORCE,
                for_person: int = typer.Option(None, "--for", min=1, max=MAX_ID,
                                               help="Person id of a family member: their own "
                                                                  "invitation, with nobody else's details.")) -> None:
    """The meeting's calendar invitation (.ics): REQUEST while planned, CANCEL once cancelled or postponed."""
    check_output(context, output)
    with service_context(context) as ctx:
        data = meetings.meeting_ics(ctx, meeting_id, for_person_id=for_person)
    _write(data, output)


@meeting_app.command("invitations-sent")
def invitations_sent_command(context: typer.Context, meeting_id: int = typer.Argument(..., min=1, max=MAX_ID)) -> None:
    """Record that the invitations have gone out (clears the reminder)."""
    with service_context(context) as ctx:
        meetings.mark_invitations_sent(ctx, meeting_id)


@meeting_app.command("reminders")
def reminders_command(context: typer.Context, days: int = typer.Option(14, "--days", min=0, max=MAX_ID),
                      as_json: bool = AS_JSON) -> None:
    """Meetings in the next days and what is still missing: venue, interpreter, invitations."""
    with service_context(context) as ctx:
        reminders = meetings.upcoming_with_gaps(ctx, days=days)
    if as_json:
        typer.echo(json_text([{"meeting": r.meeting_id, "case": r.case_reference, "kind": r.kind.value,
                               "starts": r.starts_at.isoformat(), "gaps": r.gaps} for r in reminders]))
        return
    for r in reminders:
        missing = ", ".join(r.gaps) if r.gaps else "nothing missing"
        typer.echo(f"{format_instant(r.starts_at)}  {r.case_reference}  {r.kind.label}: {missing}")


@meeting_app.command("venues")
def venues_command(context: typer.Context) -> None:
    """The reusable list of neutral venues."""
    with service_context(context) as ctx:
        for venue in meetings.list_venues(ctx):
            typer.echo(f"{venue.id:>4}  {venue.name}  {venue.address.replace(chr(10), ', ')}")


@meeting_app.command("bank-holidays")
def bank_holidays_command(context: typer.Context, update: Path = typer.Option(
        None, "--update", help="GOV.UK bank-holidays.json (or the same shape): replaces the years it covers.")
) -> None:
    """England and Wales bank holidays fgdm warns about; --update refreshes them from a file."""
    with service_context(context) as ctx:
        if update is not None:
            added = meetings.update_bank_holidays(ctx, update)
            typer.echo(f"Updated {len(added)} bank holidays for {sorted({d.year for d in added})}.", err=True)
    for day, title in meetings.bank_holidays().items():
        typer.echo(f"{format_day(day)}  {title}")


@diary_app.command("ics")
def diary_ics_command(
    context: typer.Context,
    coordinator: str = typer.Option(..., "--coordinator", help="The coordinator's username."),
    first: str = typer.Option(..., "--from", help="First day, DD/MM/YYYY."),
    last: str = typer.Option(..., "--to", help="Last day, DD/MM/YYYY (included)."),
    output: Path = OUTPUT, force: bool = FORCE,
) -> None:
    """Every meeting of a coordinator between two days as one calendar (METHOD:PUBLISH)."""
    check_output(context, output)
    with service_context(context) as ctx:
        data = meetings.diary_ics(ctx, coordinator=coordinator, first_day=read_day(first, "from"),
                                              last_day=read_day(last, "to"))
    _write(data, output)
