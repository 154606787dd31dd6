"""`fgdm meeting` and `fgdm diary`, run as a script would run them."""

from __future__ import annotations

import json
from pathlib import Path

from icalendar import Calendar
from typer.testing import CliRunner

from fgdm.cli import app
from fgdm.services.shared.context import Workspace
from tests.factories import make_case, make_staff
from tests.meetings_support import add_member, add_venue

runner = CliRunner()


def _run(url: str, *args: str, code: int = 0):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["--db", url, *args])
    assert result.exit_code == code, result.output + repr(result.exception)
    return result


def _setup(workspace: Workspace):  # type: ignore[no-untyped-def]
    with workspace.context() as ctx:
        coordinator = make_staff(ctx, "cdavies", name="Cerys Davies", email="cerys@example.org")
        case = make_case(ctx, referral_date="2026-10-15", coordinator_id=coordinator.id)
        mother = add_member(ctx, case, "Chioma", email="chioma@example.org")
        aunt = add_member(ctx, case, "Ifeoma", email="ifeoma@example.org")
        venue_id = add_venue(ctx)
    return case, mother, aunt, venue_id


def test_schedule_warn_override_invite_and_cancel(sqlite_workspace: Workspace, sqlite_url: str,
                                                  tmp_path: Path) -> None:
    case, mother, aunt, venue_id = _setup(sqlite_workspace)
    base = ["meeting", "schedule", case.reference, "--kind", "fgdm_meeting", "--day", "2026-11-28",
            "--start", "10:00", "--end", "13:00", "--venue", str(venue_id),
            "--member", str(mother.id), "--member", str(aunt.id)]
    refused = _run(sqlite_url, *base, code=1)
    assert "The meeting falls on a Saturday. To accept it: --override weekend=" in refused.stderr
    assert json.loads(_run(sqlite_url, "meeting", "list", case.reference, "--json").stdout) == []
    meeting_id = _run(sqlite_url, *base, "--override", "weekend=Father works weekdays").stdout.strip()
    listed = json.loads(_run(sqlite_url, "meeting", "list", case.reference, "--json").stdout)
    assert [(m["id"], m["starts"], m["gaps"]) for m in listed] == [
        (int(meeting_id), "2026-11-28T10:00:00+00:00", ["invitations"])]

    own = tmp_path / "chioma.ics"
    _run(sqlite_url, "meeting", "ics", meeting_id, "--for", str(mother.person_id), "-o", str(own))
    event = Calendar.from_ical(own.read_bytes()).walk("VEVENT")[0]
    assert str(event["ATTENDEE"]) == "mailto:chioma@example.org"
    assert b"ifeoma@example.org" not in own.read_bytes()

    _run(sqlite_url, "meeting", "cancel", meeting_id, "--reason", "Family asked to wait")
    theirs = Calendar.from_ical(_run(sqlite_url, "meeting", "ics", meeting_id, "--for",
                                     str(mother.person_id)).stdout_bytes)
    assert str(theirs["METHOD"]) == "CANCEL"
    assert theirs.walk("VEVENT")[0]["SEQUENCE"] == 1
    assert "Family asked to wait" not in str(theirs.walk("VEVENT")[0]["DESCRIPTION"])
    # No professional with an email is invited: the coordinator's copy is a notice, not a request.
    published = Calendar.from_ical(_run(sqlite_url, "meeting", "ics", meeting_id).stdout_bytes)
    assert str(published["METHOD"]) == "PUBLISH"
    assert str(published.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
    assert "Family asked to wait" in str(published.walk("VEVENT")[0]["DESCRIPTION"])


def test_bad_override_and_unknown_meeting_are_one_line_errors(sqlite_workspace: Workspace, sqlite_url: str) -> None:
    case, *_ = _setup(sqlite_workspace)
    bad = _run(sqlite_url, "meeting", "schedule", case.reference, "--kind", "review", "--day", "2026-11-26",
               "--start", "10:00", "--end", "11:00", "--override", "weekend", code=1)
    assert "CODE=REASON" in str(bad.exception)
    missing = _run(sqlite_url, "meeting", "ics", "999", code=1)
    assert "no meeting with id 999" in str(missing.exception)


def test_diary_ics_for_a_coordinator(sqlite_workspace: Workspace, sqlite_url: str, tmp_path: Path) -> None:
    case, *_ = _setup(sqlite_workspace)
    for day in ("2026-11-24", "2026-11-26", "2026-12-10"):
        _run(sqlite_url, "meeting", "schedule", case.reference, "--kind", "preparation_visit", "--day", day,
             "--start", "10:00", "--end", "11:00")
    out = tmp_path / "diary.ics"
    _run(sqlite_url, "diary", "ics", "--coordinator", "cdavies", "--from", "2026-11-23", "--to", "2026-11-29",
         "-o", str(out))
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert len(events) == 2
    british = _run(sqlite_url, "diary", "ics", "--coordinator", "cdavies", "--from", "23/11/2026", "--to",
                   "29/11/2026", "-o", str(out), "--force")
    assert british.exit_code == 0, british.output
    bad = _run(sqlite_url, "diary", "ics", "--coordinator", "cdavies", "--from", "31/11/2026", "--to", "2026-11-29",
               code=1)
    assert "DD/MM/YYYY" in str(bad.exception)


def test_bank_holidays_list_and_update(sqlite_url: str, tmp_path: Path) -> None:
    listed = _run(sqlite_url, "meeting", "bank-holidays").stdout
    assert "28 December 2026  Boxing Day (substitute day)" in listed
    source = tmp_path / "bank-holidays.json"
    source.write_text(json.dumps({"england-and-wales": {"events": [{"date": "2029-01-01",
                                                                    "title": "New Year’s Day"}]}}))
    updated = _run(sqlite_url, "meeting", "bank-holidays", "--update", str(source))
    assert "1 January 2029  New Year’s Day" in updated.stdout
    assert "Updated 1 bank holidays for [2029]" in updated.stderr


def test_move_keeps_the_calendar_event_and_asks_again_about_warnings(sqlite_workspace: Workspace, sqlite_url: str,
                                                                    tmp_path: Path) -> None:
    case, mother, _, venue_id = _setup(sqlite_workspace)
    meeting_id = _run(sqlite_url, "meeting", "schedule", case.reference, "--kind", "fgdm_meeting", "--day",
                      "2026-11-26", "--start", "10:00", "--end", "13:00", "--member", str(mother.id)).stdout.strip()
    _run(sqlite_url, "meeting", "invitations-sent", meeting_id)
    before = tmp_path / "before.ics"
    _run(sqlite_url, "meeting", "ics", meeting_id, "--for", str(mother.person_id), "-o", str(before))
    assert before.stat().st_mode & 0o777 == 0o600, "a calendar file says where a family will be: owner only"
    move = ["meeting", "move", meeting_id, "--day", "2026-11-28", "--start", "11:00", "--end", "13:30",
            "--venue", str(venue_id)]
    refused = _run(sqlite_url, *move, code=1)
    assert "The meeting falls on a Saturday. To accept it: --override weekend=" in refused.stderr
    assert "Not saved" in refused.stderr
    moved = _run(sqlite_url, *move, "--override", "weekend=Mother works weekdays")
    assert ("Moved from 26 November 2026, 10:00–13:00 to 28 November 2026, 11:00–13:30 (calendar version 1)"
            in moved.stderr)
    [row] = json.loads(_run(sqlite_url, "meeting", "list", case.reference, "--json").stdout)
    assert (row["starts"], row["venue"], row["sequence"], row["gaps"]) == (
        "2026-11-28T11:00:00+00:00", "Riverside Family Centre", 1, ["invitations"])
    after = Calendar.from_ical(_run(sqlite_url, "meeting", "ics", meeting_id, "--for",
                                    str(mother.person_id)).stdout_bytes).walk("VEVENT")[0]
    first = Calendar.from_ical(before.read_bytes()).walk("VEVENT")[0]
    assert str(after["UID"]) == str(first["UID"]) and (first["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after.decoded("DTSTAMP") >= first.decoded("DTSTAMP")
    assert "This replaces the earlier time: 26 November 2026, 10:00 to 13:00." in str(after["DESCRIPTION"])
    missing = _run(sqlite_url, "meeting", "move", "999", "--day", "2026-11-27", "--start", "10:00", "--end", "11:00",
                   code=1)
    assert "no meeting with id 999" in str(missing.exception)


def test_staff_list_shows_ids_and_staff_options_take_a_username(sqlite_workspace: Workspace, sqlite_url: str) -> None:
    case, *_ = _setup(sqlite_workspace)
    with sqlite_workspace.context() as ctx:
        worker = make_staff(ctx, "sworker", role="referrer", name="Sam Worker", email="sam@example.org")
    listed = _run(sqlite_url, "staff", "list").stdout.splitlines()
    assert listed[0].split() == ["id", "username", "name", "role", "qualification", "employer"]
    assert any(line.split()[:2] == [str(worker.id), "sworker"] for line in listed)
    rows = json.loads(_run(sqlite_url, "staff", "list", "--format", "json").stdout)
    assert {(row["id"], row["username"]) for row in rows} >= {(worker.id, "sworker")}
    base = ["meeting", "schedule", case.reference, "--kind", "review", "--day", "2026-11-26", "--start", "10:00",
            "--end", "11:00"]
    by_name = _run(sqlite_url, *base, "--staff", "SWorker").stdout.strip()
    by_id = _run(sqlite_url, *base[:6], "2026-11-27", *base[7:], "--staff", str(worker.id)).stdout.strip()
    meetings_listed = {m["id"]: m["attendees"] for m in
                       json.loads(_run(sqlite_url, "meeting", "list", case.reference, "--json").stdout)}
    assert meetings_listed[int(by_name)] == meetings_listed[int(by_id)] == ["Sam Worker"]
    unknown = _run(sqlite_url, *base, "--staff", "nobody", code=1)
    assert "no member of staff has the id or username 'nobody'" in str(unknown.exception)


def test_holding_the_meeting_while_the_baseline_is_planned_needs_an_override(sqlite_workspace: Workspace,
                                                                            sqlite_url: str) -> None:
    """On the real clock: a baseline planned next week, the FGDM meeting held today. The case is made through the
    workspace's frozen clock, so it is referred before both days."""
    from datetime import date, timedelta

    from tests.conftest import FROZEN_NOW

    today = date.today()
    next_week = today + timedelta(days=7)
    referred = min(today, FROZEN_NOW.date()) - timedelta(days=14)
    with sqlite_workspace.context() as ctx:
        coordinator = make_staff(ctx, "cdavies", name="Cerys Davies", email="cerys@example.org")
        case = make_case(ctx, referral_date=referred.isoformat(), coordinator_id=coordinator.id)
    accept = ["--override", "weekend=Family's choice", "--override", "bank_holiday=Family's choice"]
    _run(sqlite_url, "meeting", "schedule", case.reference, "--kind", "baseline", "--day", next_week.isoformat(),
         "--start", "10:00", "--end", "11:00", *accept)
    fgdm_meeting = ["meeting", "schedule", case.reference, "--kind", "fgdm_meeting", "--day", today.isoformat(),
                    "--start", "10:00", "--end", "13:00", *accept]
    refused = _run(sqlite_url, *fgdm_meeting, code=1)
    assert "The meeting is before the baseline with the referrer on" in refused.stderr
    assert '--override before_baseline="your reason"' in refused.stderr
    meeting_id = _run(sqlite_url, *fgdm_meeting, "--override", "before_baseline=Court brought forward").stdout.strip()

    refused = _run(sqlite_url, "meeting", "held", meeting_id, code=1)
    assert "The baseline with referrer on " in refused.stderr
    assert "is still planned; record it as held, cancelled or moved first" in refused.stderr
    assert json.loads(_run(sqlite_url, "meeting", "list", case.reference, "--json").stdout)[0]["status"] == "planned"
    held = _run(sqlite_url, "meeting", "held", meeting_id, "--override",
                "earlier_meetings_planned=Baseline done by phone")
    assert f"{case.reference} moved from Referred to Meeting held." in held.stderr


def test_a_family_member_s_own_invitation_is_in_their_language(sqlite_workspace: Workspace, sqlite_url: str,
                                                               tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        coordinator = make_staff(ctx, "cdavies", name="Cerys Davies", email="cerys@example.org")
        case = make_case(ctx, family_name="Nowak", referral_date="2026-10-15", coordinator_id=coordinator.id)
        babcia = add_member(ctx, case, "Halina", "Nowak", email="halina@example.org", preferred_language="pl")
        nain = add_member(ctx, case, "Gwen", "Nowak", email="gwen@example.org", preferred_language="cy")
        aunt = add_member(ctx, case, "Somali", "Nowak", email="somali@example.org", preferred_language="so")
    meeting_id = _run(sqlite_url, "meeting", "schedule", case.reference, "--kind", "fgdm_meeting", "--day",
                      "2026-11-26", "--start", "10:00", "--end", "13:00", "--member", str(babcia.id), "--member",
                      str(nain.id), "--member", str(aunt.id)).stdout.strip()

    def own(person_id: int):  # type: ignore[no-untyped-def]
        path = tmp_path / f"{person_id}.ics"
        _run(sqlite_url, "meeting", "ics", meeting_id, "--for", str(person_id), "-o", str(path))
        return Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]

    polish = own(babcia.person_id)
    assert str(polish["SUMMARY"]) == "Spotkanie rodzinne (FGDM): rodzina Nowak"
    assert polish["SUMMARY"].params["LANGUAGE"] == "pl"
    description = str(polish["DESCRIPTION"])
    assert "Kiedy: od 26 listopada 2026, 10:00 do 26 listopada 2026, 13:00 (czasu brytyjskiego)." in description
    assert "Prosimy przynieść: swoje pomysły do planu rodziny" in description
    welsh = own(nain.person_id)
    assert str(welsh["SUMMARY"]) == "Cyfarfod FGDM: teulu Nowak"
    assert "Pryd: 26 Tachwedd 2026, 10:00 tan 26 Tachwedd 2026, 13:00 (amser y DU)." in str(welsh["DESCRIPTION"])
    english = own(aunt.person_id)                                # no Somali catalog: English, untagged
    assert str(english["SUMMARY"]) == "FGDM meeting: Nowak family" and "LANGUAGE" not in english["SUMMARY"].params
    professionals = Calendar.from_ical(_run(sqlite_url, "meeting", "ics", meeting_id).stdout_bytes)
    assert str(professionals.walk("VEVENT")[0]["SUMMARY"]) == "FGDM meeting: Nowak family"
