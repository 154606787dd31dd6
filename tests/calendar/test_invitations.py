"""Meeting invitations end to end: from a scheduled meeting to a file icalendar and khal read back."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from fgdm.services import meetings
from fgdm.services.shared.clock import LONDON
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.services.shared.errors import SafetyBreach, ValidationFailed
from tests.conftest import need_external
from tests.factories import make_case, make_staff
from tests.meetings_support import add_member, add_venue, schedule


@pytest.fixture
def sctx(sqlite_workspace: Workspace) -> Iterator[ServiceContext]:
    with sqlite_workspace.context() as context:
        yield context


@pytest.fixture
def coordinated(sctx: ServiceContext):  # type: ignore[no-untyped-def]
    coordinator = make_staff(sctx, "cdavies", name="Cerys Davies", email="cerys.davies@example.org")
    return make_case(sctx, referral_date="2026-10-01", coordinator_id=coordinator.id)


def _event(data: bytes):  # type: ignore[no-untyped-def]
    calendar = Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def _khal_config(tmp_path: Path) -> Path:
    """A throwaway khal setup: one vdir calendar, London time, ISO dates, so output is predictable."""
    if shutil.which("khal") is None:
        need_external("khal", "install Debian's khal package (.ci/run does) to import invitations in a real client")
    (tmp_path / "khal" / "calendar").mkdir(parents=True)
    config = tmp_path / "khal" / "config"
    config.write_text(f"""[calendars]
[[fgdm]]
path = {tmp_path / "khal" / "calendar"}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
default_timezone = Europe/London
local_timezone = Europe/London
[sqlite]
path = {tmp_path / "khal" / "khal.db"}
""", encoding="utf-8")
    return config


def _khal(config: Path, *args: str) -> str:
    env = {"PATH": "/usr/bin:/bin", "TZ": "UTC", "HOME": str(config.parent), "LANG": "C.UTF-8",
           "XDG_CONFIG_HOME": str(config.parent)}
    done = subprocess.run(["khal", "-c", str(config), *args], capture_output=True, text=True, env=env,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_meeting_after_the_october_change_is_ten_local_in_file_app_and_khal(sctx, coordinated, tmp_path) -> None:
    meeting = schedule(sctx, coordinated, day="2026-10-26", start="10:00", end="13:00")
    data = meetings.meeting_ics(sctx, meeting.id)
    assert b"DTSTART;TZID=Europe/London:20261026T100000" in data
    assert b"DTEND;TZID=Europe/London:20261026T130000" in data
    calendar, event = _event(data)
    assert str(calendar["METHOD"]) == "PUBLISH"  # nobody to address: no staff attendee
    assert event.decoded("DTSTART").astimezone(LONDON).strftime("%Y-%m-%d %H:%M") == "2026-10-26 10:00"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=3)
    assert meeting.starts_at.astimezone(LONDON).hour == 10
    path = tmp_path / "invitation.ics"
    path.write_bytes(data)
    config = _khal_config(tmp_path)
    printed = _khal(config, "printics", str(path))
    assert "2026-10-26 10:00-2026-10-26 13:00 FGDM meeting: Okafor family" in printed
    _khal(config, "import", "--batch", str(path))
    listed = _khal(config, "list", "--format", "{start} {end} {title}", "2026-10-26", "1d")
    assert "2026-10-26 10:00 2026-10-26 13:00 FGDM meeting: Okafor family" in listed


def test_summer_time_meeting_imports_at_its_local_time(sctx, coordinated, tmp_path) -> None:
    meeting = schedule(sctx, coordinated, day="2026-10-23", start="10:00", end="13:00")
    path = tmp_path / "summer.ics"
    path.write_bytes(meetings.meeting_ics(sctx, meeting.id))
    config = _khal_config(tmp_path)
    _khal(config, "import", "--batch", str(path))
    listed = _khal(config, "list", "--format", "{start} {end} {title}", "2026-10-23", "1d")
    assert "2026-10-23 10:00 2026-10-23 13:00" in listed


def test_update_raises_sequence_keeps_uid_and_cancel_emits_cancel(sctx, coordinated) -> None:
    worker = make_staff(sctx, "sworker", role="referrer", name="Sam Worker", email="sam.worker@example.org")
    meeting = schedule(sctx, coordinated, staff_ids=[worker.id])
    _, first = _event(meetings.meeting_ics(sctx, meeting.id))
    meetings.update_meeting(sctx, meeting.id, {"start_time": "10:30"})
    _, second = _event(meetings.meeting_ics(sctx, meeting.id))
    assert str(second["UID"]) == str(first["UID"]) == meeting.ical_uid
    assert (first["SEQUENCE"], second["SEQUENCE"]) == (0, 1)
    meetings.cancel_meeting(sctx, meeting.id, "The family asked to wait")
    calendar, third = _event(meetings.meeting_ics(sctx, meeting.id))
    assert str(calendar["METHOD"]) == "CANCEL"
    assert (str(third["UID"]), third["SEQUENCE"], str(third["STATUS"])) == (meeting.ical_uid, 2, "CANCELLED")


def test_professionals_copy_has_organiser_staff_attendees_and_no_family_contact_details(sctx, coordinated) -> None:
    worker = make_staff(sctx, "sworker", role="referrer", name="Sam Worker", email="sam.worker@example.org")
    grandmother = add_member(sctx, coordinated, "Ngozi", email="ngozi@example.org", phone="01632 960 001",
                             address="4 Elm Road, Exampleton", address_confidential=True)
    venue_id = add_venue(sctx)
    meeting = schedule(sctx, coordinated, venue_id=venue_id, network_member_ids=[grandmother.id],
                       staff_ids=[worker.id], private_family_time=True, advocate_name="Ama Mensah")
    data = meetings.meeting_ics(sctx, meeting.id)
    _, event = _event(data)
    assert str(event["ORGANIZER"]) == "mailto:cerys.davies@example.org"
    assert event["ORGANIZER"].params["CN"] == "Cerys Davies"
    assert str(event["ATTENDEE"]) == "mailto:sam.worker@example.org"
    assert str(event["LOCATION"]) == "Riverside Family Centre, 12 Mill Lane, Exampleton, EX1 2AB"
    description = str(event["DESCRIPTION"])
    assert "Ngozi Okafor" in description and "private family time" in description and "Ama Mensah" in description
    assert "26 November 2026, 10:00" in description
    for secret in (b"ngozi@example.org", b"01632", b"Elm Road"):
        assert secret not in data


def test_family_invitation_has_their_own_email_only(sctx, coordinated) -> None:
    mother = add_member(sctx, coordinated, "Chioma", email="chioma@example.org")
    aunt = add_member(sctx, coordinated, "Ifeoma", email="ifeoma@example.org", phone="07700 900123")
    hidden = add_member(sctx, coordinated, "Tunde", not_to_be_told=True)
    meeting = schedule(sctx, coordinated, network_member_ids=[mother.id, aunt.id])
    data = meetings.meeting_ics(sctx, meeting.id, for_person_id=mother.person_id)
    _, event = _event(data)
    assert str(event["ATTENDEE"]) == "mailto:chioma@example.org"
    assert b"ifeoma@example.org" not in data and b"07700" not in data
    assert b"Ifeoma" not in data  # the other invitees are not this person's business
    assert b"Tunde" not in data
    with pytest.raises(ValidationFailed, match="not invited"):
        meetings.meeting_ics(sctx, meeting.id, for_person_id=hidden.person_id)


def test_member_marked_not_to_be_told_after_invitation_vanishes_from_every_copy(sctx, coordinated) -> None:
    mother, father = add_member(sctx, coordinated, "Chioma"), add_member(sctx, coordinated, "Obi")
    meeting = schedule(sctx, coordinated, network_member_ids=[mother.id, father.id])
    with sctx.write():
        father.not_to_be_told = True
    assert b"Obi" not in meetings.meeting_ics(sctx, meeting.id)
    assert b"Obi" not in meetings.meeting_ics(sctx, meeting.id, for_person_id=mother.person_id)
    with pytest.raises(SafetyBreach):
        meetings.meeting_ics(sctx, meeting.id, for_person_id=father.person_id)


def test_free_text_carrying_a_confidential_address_is_refused(sctx, coordinated) -> None:
    mother = add_member(sctx, coordinated, "Chioma", address="Flat 3, 9 Safe Street", address_confidential=True)
    aunt = add_member(sctx, coordinated, "Ifeoma")
    meeting = schedule(sctx, coordinated, kind="preparation_visit", location_note="Flat 3, 9 Safe Street",
                       network_member_ids=[mother.id, aunt.id])
    with pytest.raises(SafetyBreach, match="nothing was written"):
        meetings.meeting_ics(sctx, meeting.id, for_person_id=aunt.person_id)
    own = meetings.meeting_ics(sctx, meeting.id, for_person_id=mother.person_id)
    assert "9 Safe Street" in str(_event(own)[1]["LOCATION"])


def test_invitation_needs_the_coordinators_email(sctx) -> None:
    coordinator = make_staff(sctx, "noemail", name="No Email")
    case = make_case(sctx, coordinator_id=coordinator.id)
    meeting = schedule(sctx, case)
    with pytest.raises(ValidationFailed, match="coordinator's email"):
        meetings.meeting_ics(sctx, meeting.id)


def test_diary_is_one_calendar_of_the_coordinators_meetings(sctx, coordinated, tmp_path) -> None:
    other = make_case(sctx, family_name="Nowak", referral_date="2026-10-20",
                      coordinator_id=coordinated.coordinator_id)
    first = schedule(sctx, coordinated, day="2026-11-24", start="09:00", end="10:00", kind="preparation_visit")
    second = schedule(sctx, other, day="2026-11-26", start="14:00", end="16:00", kind="baseline")
    schedule(sctx, other, day="2026-12-09", kind="fgdm_meeting")
    meetings.cancel_meeting(sctx, second.id, "Referrer ill")
    data = meetings.diary_ics(sctx, coordinator="cdavies", first_day=date(2026, 11, 23),
                                          last_day=date(2026, 11, 29))
    calendar = Calendar.from_ical(data)
    assert str(calendar["METHOD"]) == "PUBLISH"
    events = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [first.ical_uid, second.ical_uid]
    assert [str(e["STATUS"]) for e in events] == ["CONFIRMED", "CANCELLED"]
    path = tmp_path / "diary.ics"
    path.write_bytes(data)
    printed = _khal(_khal_config(tmp_path), "printics", str(path))
    assert "2 events found" in printed
    assert "2026-11-24 09:00-2026-11-24 10:00 Preparation visit: Okafor family" in printed


def test_export_is_in_the_audit_trail(sctx, coordinated) -> None:
    from sqlmodel import select

    from fgdm.models import AuditEvent

    meeting = schedule(sctx, coordinated)
    meetings.meeting_ics(sctx, meeting.id)
    event = sctx.session.exec(select(AuditEvent).where(AuditEvent.action == "export_ics")).one()
    assert (event.record_id, event.case_id) == (meeting.id, coordinated.id)
    assert event.at == sctx.now().astimezone(UTC)
