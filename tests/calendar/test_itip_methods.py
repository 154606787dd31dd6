"""Every kind of calendar file fgdm writes, parsed and checked against RFC 5546 (iTIP)'s rules for its METHOD.

The restriction tables of RFC 5546 section 3.2 for VEVENT: every method needs DTSTAMP, DTSTART, ORGANIZER,
SUMMARY and UID, and SEQUENCE once it is above 0; PUBLISH carries no ATTENDEE (3.2.1) and may be CANCELLED;
REQUEST needs at least one ATTENDEE and is TENTATIVE or CONFIRMED (3.2.2); CANCEL needs SEQUENCE and
STATUS:CANCELLED, and fgdm addresses it to its attendees as it does the request (3.2.5). A REQUEST or CANCEL
holds one UID. The moved meeting is also imported over the original into khal, which must move its event.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from icalendar import Calendar

from fgdm.services import meetings
from fgdm.services.shared.context import ServiceContext, Workspace
from tests.calendar.test_invitations import _khal, _khal_config
from tests.factories import make_case, make_staff
from tests.meetings_support import add_member, add_venue, schedule

EVERY_METHOD_NEEDS = ("DTSTAMP", "DTSTART", "ORGANIZER", "SUMMARY", "UID")
STATUSES = {"PUBLISH": {"TENTATIVE", "CONFIRMED", "CANCELLED"}, "REQUEST": {"TENTATIVE", "CONFIRMED"},
            "CANCEL": {"CANCELLED"}}


def itip_problems(data: bytes) -> list[str]:
    """What in the file breaks RFC 5546's restriction table for its method; empty when it conforms."""
    calendar = Calendar.from_ical(data)
    problems = [f"calendar has no {name}" for name in ("PRODID", "VERSION", "METHOD") if name not in calendar]
    method = str(calendar.get("METHOD", ""))
    if method not in STATUSES:
        return [*problems, f"METHOD {method!r} is not one fgdm should write"]
    events = calendar.walk("VEVENT")
    if not events:
        problems.append("no VEVENT")
    if method != "PUBLISH" and len({str(event.get("UID")) for event in events}) > 1:
        problems.append(f"a {method} holds more than one UID")
    if b"TZID=" in data and not calendar.walk("VTIMEZONE"):
        problems.append("a TZID without its VTIMEZONE")
    for event in events:
        problems += [f"VEVENT has no {name}" for name in EVERY_METHOD_NEEDS if name not in event]
        sequence = int(event.get("SEQUENCE", 0))
        if (sequence > 0 or method == "CANCEL") and "SEQUENCE" not in event:
            problems.append("SEQUENCE is missing")
        attendees = event.get("ATTENDEE", [])
        attendees = attendees if isinstance(attendees, list) else [attendees]
        if method == "PUBLISH" and attendees:
            problems.append("a PUBLISH carries ATTENDEEs")
        if method in ("REQUEST", "CANCEL") and not attendees:
            problems.append(f"a {method} without an ATTENDEE")
        if method == "CANCEL" and "STATUS" not in event:
            problems.append("a CANCEL without STATUS:CANCELLED")
        status = str(event.get("STATUS", "CONFIRMED"))
        if status not in STATUSES[method]:
            problems.append(f"STATUS:{status} under METHOD:{method}")
        if "REQUEST-STATUS" in event:
            problems.append("REQUEST-STATUS in a request, cancel or publish")
    return problems


@pytest.fixture
def sctx(sqlite_workspace: Workspace) -> Iterator[ServiceContext]:
    with sqlite_workspace.context() as context:
        yield context


class Case:
    """A case with a coordinator, a professional, and family members with and without email."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        coordinator = make_staff(ctx, "cdavies", name="Cerys Davies", email="cerys.davies@example.org",
                                 phone="01632 960 100")
        self.worker = make_staff(ctx, "sworker", role="referrer", name="Sam Worker", email="sam@example.org")
        self.unreachable = make_staff(ctx, "nomail", role="referrer", name="No Mail")
        self.case = make_case(ctx, referral_date="2026-10-15", coordinator_id=coordinator.id)
        self.mother = add_member(ctx, self.case, "Chioma", email="chioma@example.org")
        self.grandfather = add_member(ctx, self.case, "Emeka")
        self.venue_id = add_venue(ctx)

    def meeting(self, *, staff: list[int], day: str = "2026-11-26") -> int:
        return schedule(self.ctx, self.case, day=day, venue_id=self.venue_id, staff_ids=staff,
                        network_member_ids=[self.mother.id, self.grandfather.id]).id


FileMaker = Callable[[Case], tuple[bytes, str, str]]
"""Writes one kind of file for the case: its bytes, the method RFC 5546 asks for, and its STATUS."""


def _professionals(staff: str, status: str = "planned") -> FileMaker:
    def make(c: Case) -> tuple[bytes, str, str]:
        ids = {"with an emailed professional": [c.worker.id], "with no professional": [],
               "with a professional who has no email": [c.unreachable.id]}[staff]
        meeting_id = c.meeting(staff=ids)
        _set_aside(c, meeting_id, status)
        addressed = staff == "with an emailed professional"
        return meetings.meeting_ics(c.ctx, meeting_id), _method(addressed, status), _status(status)
    return make


def _family(who: str, status: str = "planned") -> FileMaker:
    def make(c: Case) -> tuple[bytes, str, str]:
        meeting_id = c.meeting(staff=[c.worker.id])
        _set_aside(c, meeting_id, status)
        person = c.mother if who == "with email" else c.grandfather
        data = meetings.meeting_ics(c.ctx, meeting_id, for_person_id=person.person_id)
        return data, _method(who == "with email", status), _status(status)
    return make


def _moved(c: Case) -> tuple[bytes, str, str]:
    meeting_id = c.meeting(staff=[c.worker.id])
    meetings.move_meeting(c.ctx, meeting_id, {"day": "2026-11-27", "start_time": "14:00", "end_time": "16:00"})
    return meetings.meeting_ics(c.ctx, meeting_id, for_person_id=c.mother.person_id), "REQUEST", "CONFIRMED"


def _diary(c: Case) -> tuple[bytes, str, str]:
    c.meeting(staff=[c.worker.id])
    cancelled = c.meeting(staff=[], day="2026-11-25")
    meetings.cancel_meeting(c.ctx, cancelled, "Referrer ill")
    data = meetings.diary_ics(c.ctx, coordinator="cdavies", first_day=date(2026, 11, 23), last_day=date(2026, 11, 29))
    assert [str(event["STATUS"]) for event in Calendar.from_ical(data).walk("VEVENT")] == ["CANCELLED", "CONFIRMED"]
    return data, "PUBLISH", "CANCELLED"


def _set_aside(c: Case, meeting_id: int, status: str) -> None:
    if status == "cancelled":
        meetings.cancel_meeting(c.ctx, meeting_id, "The father's solicitor asked for a delay")
    elif status == "postponed":
        meetings.postpone_meeting(c.ctx, meeting_id, "Interpreter ill")


def _method(addressed: bool, status: str) -> str:
    if not addressed:
        return "PUBLISH"
    return "REQUEST" if status == "planned" else "CANCEL"


def _status(status: str) -> str:
    return "CONFIRMED" if status == "planned" else "CANCELLED"


FILES: dict[str, FileMaker] = {
    "professionals' copy with an emailed professional": _professionals("with an emailed professional"),
    "professionals' copy with no professional invited": _professionals("with no professional"),
    "professionals' copy with a professional who has no email": _professionals("with a professional who has no email"),
    "family member's copy, with email": _family("with email"),
    "family member's copy, without email": _family("without email"),
    "cancelled, professionals' copy with a professional": _professionals("with an emailed professional", "cancelled"),
    "cancelled, professionals' copy with nobody to address": _professionals("with no professional", "cancelled"),
    "cancelled, family member's copy with email": _family("with email", "cancelled"),
    "cancelled, family member's copy without email": _family("without email", "cancelled"),
    "postponed, family member's copy with email": _family("with email", "postponed"),
    "postponed, professionals' copy with nobody to address": _professionals("with no professional", "postponed"),
    "moved, family member's copy": _moved,
    "a coordinator's diary": _diary,
}


@pytest.mark.parametrize("kind", FILES)
def test_every_file_fgdm_writes_keeps_rfc_5546_for_its_method(sctx, kind) -> None:
    data, method, status = FILES[kind](Case(sctx))
    calendar = Calendar.from_ical(data)
    assert str(calendar["METHOD"]) == method
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == status
    assert itip_problems(data) == []


def test_the_checker_catches_what_the_rfc_forbids() -> None:
    """The conformance check itself fails on the files fgdm used to write."""
    def broken(method: str, event: str) -> bytes:
        return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nMETHOD:{method}\r\nBEGIN:VEVENT\r\n"
                f"UID:u@x\r\nDTSTAMP:20261123T100000Z\r\nDTSTART:20261126T100000Z\r\nSUMMARY:s\r\n{event}"
                "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()
    organiser = "ORGANIZER:mailto:c@example.org\r\n"
    attendee = "ATTENDEE:mailto:a@example.org\r\n"
    assert itip_problems(broken("REQUEST", organiser)) == ["a REQUEST without an ATTENDEE"]
    assert itip_problems(broken("CANCEL", organiser + "SEQUENCE:1\r\nSTATUS:CANCELLED\r\n")) == [
        "a CANCEL without an ATTENDEE"]
    assert itip_problems(broken("PUBLISH", organiser + attendee)) == ["a PUBLISH carries ATTENDEEs"]
    assert itip_problems(broken("REQUEST", attendee + "STATUS:CANCELLED\r\n")) == [
        "VEVENT has no ORGANIZER", "STATUS:CANCELLED under METHOD:REQUEST"]


def _descriptions(data: bytes) -> str:
    return str(Calendar.from_ical(data).walk("VEVENT")[0]["DESCRIPTION"])


def test_a_family_members_copy_says_what_they_need_and_not_who_else_is_coming(sctx) -> None:
    c = Case(sctx)
    meeting_id = c.meeting(staff=[c.worker.id])
    theirs = _descriptions(meetings.meeting_ics(sctx, meeting_id, for_person_id=c.mother.person_id))
    assert "FGDM meeting for the Okafor family" in theirs
    assert "When: 26 November 2026, 10:00 to 26 November 2026, 13:00 (UK time)." in theirs
    assert "Your coordinator: Cerys Davies (01632 960 100, cerys.davies@example.org)" in theirs
    assert "Please bring: your ideas for the family's plan" in theirs
    assert "Getting in: Step-free entrance" in theirs
    for other in ("Emeka", "Sam Worker", "invited"):
        assert other not in theirs
    professionals = _descriptions(meetings.meeting_ics(sctx, meeting_id))
    assert "Family and friends invited: Chioma Okafor, Emeka Okafor." in professionals
    assert "Professionals invited: Sam Worker." in professionals


def test_a_cancellation_gives_the_family_a_neutral_reason_and_keeps_the_real_one_for_professionals(sctx) -> None:
    c = Case(sctx)
    meeting_id = c.meeting(staff=[c.worker.id])
    meetings.cancel_meeting(sctx, meeting_id, "The father's solicitor asked for a delay")
    theirs = _descriptions(meetings.meeting_ics(sctx, meeting_id, for_person_id=c.mother.person_id))
    assert "This meeting is cancelled. Your coordinator will be in touch about what happens next." in theirs
    assert "solicitor" not in theirs
    professionals = _descriptions(meetings.meeting_ics(sctx, meeting_id))
    assert "This meeting is cancelled: The father's solicitor asked for a delay" in professionals
    assert meetings.get_meeting(sctx, meeting_id).meeting.status_reason == "The father's solicitor asked for a delay"


def test_every_copy_of_a_moved_meeting_says_which_time_it_replaces(sctx) -> None:
    c = Case(sctx)
    meeting_id = c.meeting(staff=[c.worker.id])
    meetings.move_meeting(sctx, meeting_id, {"day": "2026-11-27", "start_time": "14:00", "end_time": "16:00"})
    for person in (None, c.mother.person_id, c.grandfather.person_id):
        text = _descriptions(meetings.meeting_ics(sctx, meeting_id, for_person_id=person))
        assert "This replaces the earlier time: 26 November 2026, 10:00 to 13:00." in text


def test_khal_moves_the_event_when_the_moved_meeting_is_imported_over_the_original(sctx, tmp_path) -> None:
    c = Case(sctx)
    meeting_id = c.meeting(staff=[c.worker.id])
    config = _khal_config(tmp_path)
    original, moved = tmp_path / "original.ics", tmp_path / "moved.ics"
    original.write_bytes(meetings.meeting_ics(sctx, meeting_id, for_person_id=c.mother.person_id))
    _khal(config, "import", "--batch", str(original))
    listed = _khal(config, "list", "--format", "{start} {end} {title}", "2026-11-23", "7d")
    assert "2026-11-26 10:00 2026-11-26 13:00 FGDM meeting: Okafor family" in listed
    meetings.move_meeting(sctx, meeting_id, {"day": "2026-11-27", "start_time": "14:00", "end_time": "16:00"})
    moved.write_bytes(meetings.meeting_ics(sctx, meeting_id, for_person_id=c.mother.person_id))
    _khal(config, "import", "--batch", str(moved))
    listed = _khal(config, "list", "--format", "{start} {end} {title}", "2026-11-23", "7d")
    events = [line for line in listed.splitlines() if "FGDM meeting" in line]
    assert events == ["2026-11-27 14:00 2026-11-27 16:00 FGDM meeting: Okafor family"]
    assert len(list((tmp_path / "khal" / "calendar").glob("*.ics"))) == 1
