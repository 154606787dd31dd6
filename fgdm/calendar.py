"""iCalendar files that real calendar clients accept: the only module that imports icalendar.

It knows nothing of cases or safety rules: services decide who and what an invitation may carry and hand
over plain `CalendarEvent`s. It does know RFC 5546 (iTIP): `method_for` sends a REQUEST or CANCEL only
with an organiser and at least one attendee to address it to, and a PUBLISH carries no ATTENDEE.

Times are written with TZID=Europe/London and a compact VTIMEZONE (the rule in force since 1996), so a
meeting at 10:00 after the October change reads 10:00 in every client. icalendar is imported when a file
is first made, not with the module: the meetings service (and home) import this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from icalendar import Event, Timezone, vCalAddress

LONDON = ZoneInfo("Europe/London")

PRODID = "-//fgdm//Family Group Decision Making//EN"


class Method(StrEnum):
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"
    PUBLISH = "PUBLISH"


@dataclass(frozen=True)
class CalendarPerson:
    name: str
    email: str
    role: str = "REQ-PARTICIPANT"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    sequence: int
    starts_at: datetime
    ends_at: datetime
    summary: str
    location: str = ""
    description: str = ""
    organizer: CalendarPerson | None = None
    attendees: tuple[CalendarPerson, ...] = field(default_factory=tuple)
    cancelled: bool = False
    language: str = ""
    """The language of the summary, location and description (RFC 5545 LANGUAGE, e.g. "pl"), when not English."""

    @property
    def addressed(self) -> bool:
        """Whether the event has an organiser and someone to send it to, as REQUEST and CANCEL need."""
        return bool(self.organizer and self.organizer.email) and any(p.email for p in self.attendees)

    def texts(self) -> list[str]:
        """Every piece of text the file will carry, for the caller's last-line safety check."""
        people = [p for p in (self.organizer, *self.attendees) if p is not None]
        return [self.summary, self.location, self.description,
                *(p.name for p in people), *(p.email for p in people)]


def london_timezone() -> Timezone:
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

    """Europe/London as RRULEs: last Sunday of March at 01:00 UTC to BST, last Sunday of October back."""
    zone = Timezone()
    zone.add("tzid", "Europe/London")
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", datetime(1981, 3, 29, 1, 0))
    summer.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    summer.add("tzoffsetfrom", _offset(0))
    summer.add("tzoffsetto", _offset(60))
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", datetime(1996, 10, 27, 2, 0))
    winter.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    winter.add("tzoffsetfrom", _offset(60))
    winter.add("tzoffsetto", _offset(0))
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def _offset(minutes: int) -> timedelta:
    return timedelta(minutes=minutes)


def _address(person: CalendarPerson, *, attendee: bool) -> vCalAddress:
    from icalendar import vCalAddress

    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = " ".join(person.name.replace('"', "'").split())
    if attendee:
        address.params["ROLE"] = person.role
        address.params["PARTSTAT"] = "NEEDS-ACTION"
        address.params["RSVP"] = "TRUE"
    return address


def method_for(item: CalendarEvent) -> Method:
    """REQUEST (CANCEL once cancelled) for an event addressed to someone; PUBLISH, a notice, otherwise."""
    if not item.addressed:
        return Method.PUBLISH
    return Method.CANCEL if item.cancelled else Method.REQUEST


def _event(item: CalendarEvent, stamped_at: datetime, method: Method) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamped_at)
    event.add("sequence", item.sequence)
    event.add("dtstart", item.starts_at.astimezone(LONDON))
    event.add("dtend", item.ends_at.astimezone(LONDON))
    spoken = {"language": item.language} if item.language else None
    event.add("summary", item.summary, parameters=spoken)
    if item.location:
        event.add("location", item.location)
    if item.description:
        event.add("description", item.description, parameters=spoken)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("class", "PRIVATE")
    event.add("transp", "OPAQUE")
    if item.organizer is not None and item.organizer.email:
        event.add("organizer", _address(item.organizer, attendee=False))
    if method is not Method.PUBLISH:
        for person in item.attendees:
            if person.email:
                event.add("attendee", _address(person, attendee=True))
    return event


def calendar_file(events: Iterable[CalendarEvent], *, method: Method, stamped_at: datetime,
                  name: str = "") -> bytes:
    """One VCALENDAR holding the events; DTSTAMP is the moment the file is made (UTC).

    Under PUBLISH the attendees are left out (RFC 5546 allows none); a REQUEST or CANCEL must be addressed.
    """
    events = list(events)
    if method is not Method.PUBLISH and not all(item.addressed for item in events):
        raise ValueError(f"METHOD:{method.value} needs an organiser and an attendee with email addresses")
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method.value)
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add_component(london_timezone())
    for item in events:
        calendar.add_component(_event(item, stamped_at, method))
    return calendar.to_ical()


__all__ = ["CalendarEvent", "CalendarPerson", "Method", "calendar_file", "london_timezone", "method_for"]
