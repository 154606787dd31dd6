"""The calendar module alone: a golden file, escaping, the time zone, and that icalendar stays in one module."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from fgdm.calendar import CalendarEvent, CalendarPerson, Method, calendar_file, method_for
from fgdm.services.shared.clock import LONDON

GOLDEN = Path(__file__).parent / "golden"
STAMP = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
AWKWARD = "Okafor, Nowak; and \"friends\"\nSecond line: ناصر 李雷 Zoë 🌟 \\ backslash"


def _event(**changes) -> CalendarEvent:  # type: ignore[no-untyped-def]
    base = dict(
        uid="0b7a4c1e-golden@fgdm", sequence=2,
        starts_at=datetime(2026, 10, 26, 10, 0, tzinfo=LONDON), ends_at=datetime(2026, 10, 26, 13, 0, tzinfo=LONDON),
        summary="FGDM meeting: Okafor family", location="Riverside Family Centre, 12 Mill Lane, Exampleton",
        description="FGDM meeting for the Okafor family.\nIncludes private family time.",
        organizer=CalendarPerson("Cerys Davies", "cerys.davies@example.org", "CHAIR"),
        attendees=(CalendarPerson("Sam Worker", "sam.worker@example.org"),))
    base.update(changes)
    return CalendarEvent(**base)


def test_golden_request() -> None:
    produced = calendar_file([_event()], method=Method.REQUEST, stamped_at=STAMP)
    assert produced == (GOLDEN / "request.ics").read_bytes()


def test_escaping_round_trips_commas_semicolons_newlines_and_scripts() -> None:
    person = CalendarPerson(AWKWARD, "zoe@example.org")
    produced = calendar_file([_event(summary=AWKWARD, location=AWKWARD, description=AWKWARD, attendees=(person,))],
                             method=Method.REQUEST, stamped_at=STAMP)
    raw = produced.decode("utf-8")
    assert "Okafor\\, Nowak\\; and" in raw and "\\nSecond line" in raw
    assert all(len(line.encode("utf-8")) <= 75 for line in raw.split("\r\n"))
    event = Calendar.from_ical(produced).walk("VEVENT")[0]
    for name in ("SUMMARY", "LOCATION", "DESCRIPTION"):
        assert str(event[name]) == AWKWARD
    assert event["ATTENDEE"].params["CN"] == " ".join(AWKWARD.replace('"', "'").split())


def test_clock_change_times_are_local_and_durations_exact() -> None:
    produced = calendar_file([_event()], method=Method.REQUEST, stamped_at=STAMP).decode()
    assert "DTSTART;TZID=Europe/London:20261026T100000" in produced
    assert "DTSTAMP:20261123T100000Z" in produced
    event = Calendar.from_ical(produced).walk("VEVENT")[0]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start.astimezone(LONDON).strftime("%H:%M %Z") == "10:00 GMT"
    assert start.astimezone(UTC).hour == 10
    assert end - start == timedelta(hours=3)
    summer = Calendar.from_ical(calendar_file(
        [_event(starts_at=datetime(2026, 10, 23, 10, 0, tzinfo=LONDON),
                ends_at=datetime(2026, 10, 23, 13, 0, tzinfo=LONDON))],
        method=Method.REQUEST, stamped_at=STAMP)).walk("VEVENT")[0]
    assert summer.decoded("DTSTART").astimezone(UTC).hour == 9


def test_cancel_and_publish_methods() -> None:
    cancelled = Calendar.from_ical(calendar_file([_event(cancelled=True, sequence=3)], method=Method.CANCEL,
                                                 stamped_at=STAMP))
    assert str(cancelled["METHOD"]) == "CANCEL"
    event = cancelled.walk("VEVENT")[0]
    assert (str(event["STATUS"]), event["SEQUENCE"], str(event["UID"])) == ("CANCELLED", 3, "0b7a4c1e-golden@fgdm")
    diary = Calendar.from_ical(calendar_file([_event(), _event(uid="second@fgdm")], method=Method.PUBLISH,
                                             stamped_at=STAMP, name="FGDM diary: cdavies"))
    assert [str(e["UID"]) for e in diary.walk("VEVENT")] == ["0b7a4c1e-golden@fgdm", "second@fgdm"]
    assert str(diary["X-WR-CALNAME"]) == "FGDM diary: cdavies"


def test_an_event_nobody_can_be_sent_is_published_without_attendees() -> None:
    unaddressed = _event(attendees=(CalendarPerson("No Email", ""),))
    assert method_for(unaddressed) is Method.PUBLISH
    assert method_for(_event(attendees=())) is Method.PUBLISH
    assert method_for(_event(organizer=None)) is Method.PUBLISH
    assert (method_for(_event()), method_for(_event(cancelled=True))) == (Method.REQUEST, Method.CANCEL)
    produced = calendar_file([unaddressed], method=Method.PUBLISH, stamped_at=STAMP)
    assert b"No Email" not in produced and b"ATTENDEE" not in produced
    assert b"ATTENDEE" not in calendar_file([_event()], method=Method.PUBLISH, stamped_at=STAMP)
    with pytest.raises(ValueError, match="METHOD:REQUEST needs an organiser and an attendee"):
        calendar_file([unaddressed], method=Method.REQUEST, stamped_at=STAMP)


def test_only_the_calendar_module_imports_icalendar() -> None:
    package = Path(__file__).parents[2] / "fgdm"
    importers = sorted(str(path.relative_to(package)) for path in package.rglob("*.py")
                       if "import icalendar" in path.read_text(encoding="utf-8")
                       or "from icalendar" in path.read_text(encoding="utf-8"))
    assert importers == ["calendar.py"]
