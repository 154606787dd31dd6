"""Calendar invitations for meetings: what each recipient may be told, and the .ics files themselves.

Two kinds of file. The professionals' copy (for the coordinator's calendar and the professionals invited)
has ATTENDEEs for staff and names the family network invited, with nobody's contact details. A family
member's invitation (``for_person_id``) carries their own email and says only what they need: the meeting,
its time and place, the coordinator's contact and what to bring; never who else is invited, no address but
the venue's, and a cancellation without the coordinator's reason. Both pass a last-line check against the
case's forbidden strings before a byte is written. A moved meeting's copies say which time they replace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fgdm import calendar
from fgdm.calendar import CalendarEvent, CalendarPerson, Method
from fgdm.config import data_dir
from fgdm.domain import disclosure
from fgdm.domain.disclosure import Fact
from fgdm.domain.enums import MeetingKind, MeetingStatus
from fgdm.files import write_private_bytes
from fgdm.i18n import format_instant, format_time_of_day
from fgdm.models import Meeting
from fgdm.services.meetings import _views as meetings_views
from fgdm.services.meetings._views import AttendeeView, MeetingView
from fgdm.services.shared import audit_trail, disclosure_facts
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import SafetyBreach, ValidationFailed

WITHDRAWN = (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)


def _may_attend(attendee: AttendeeView, facts: disclosure.CaseFacts, recipient: disclosure.Recipient) -> bool:
    """Staff always; a network member only while they may still be invited and the recipient may learn of them."""
    if attendee.is_staff:
        return True
    person = facts.person(attendee.person_id)
    return (person is not None and disclosure.may_be_invited(person)
            and disclosure.may_learn(facts, recipient, Fact.PRESENCE, person.person_id))


_WHAT_TO_BRING = {
    MeetingKind.FGDM_MEETING: "your ideas for the family's plan, and the names of anyone else who could help",
    MeetingKind.REVIEW: "what has happened with your part of the plan since the meeting, and any worries",
    MeetingKind.SEPARATE_SESSION: "your ideas for the family's plan, and anything you want the meeting to hear",
}
_WHAT_TO_BRING_OTHERWISE = "any questions you have, and anything you want the coordinator to know"


def _when(view: MeetingView) -> str:
    return f"When: {format_instant(view.meeting.starts_at)} to {format_instant(view.meeting.ends_at)} (UK time)."


def _replaces(meeting: Meeting) -> list[str]:
    """The earlier time a moved meeting's invitees were told, which this invitation replaces."""
    if meeting.moved_from_starts_at is None or meeting.moved_from_ends_at is None:
        return []
    return [f"This replaces the earlier time: {format_instant(meeting.moved_from_starts_at)} to "
            f"{format_time_of_day(meeting.moved_from_ends_at)}."]


def _shape(view: MeetingView, venue_told: bool) -> list[str]:
    """How to get in (only to someone who may learn the venue), and what the meeting holds."""
    meeting = view.meeting
    lines = []
    if venue_told and view.venue is not None and view.venue.access_notes.strip():
        lines.append(f"Getting in: {view.venue.access_notes.strip()}")
    if meeting.private_family_time:
        lines.append("Includes private family time, when the professionals leave the family to make its plan.")
    if meeting.interpreter_booked:
        languages = meeting.interpreter_languages.strip()
        lines.append(f"An interpreter{f' ({languages})' if languages else ''} is booked.")
    return lines


@dataclass(frozen=True)
class Service:
    """Who arranges the meeting, as an invitation names them."""

    service_name: str
    council_name: str


def _arranged_by(service: Service, view: MeetingView) -> str:
    return (f"{view.meeting.kind.label} for the {view.family_name} family, arranged by "
            f"{view.coordinator.name if view.coordinator else service.service_name} "
            f"({service.service_name}, {service.council_name}).")


def _professionals_description(service: Service, view: MeetingView, family: list[AttendeeView],
                               staff: list[AttendeeView], venue_told: bool) -> str:
    """The coordinator's and professionals' copy: who is invited, and the coordinator's reason for a withdrawal."""
    meeting = view.meeting
    lines = [_arranged_by(service, view), _when(view), *_replaces(meeting), *_shape(view, venue_told)]
    if meeting.advocate_name.strip():
        lines.append(f"The child's advocate: {meeting.advocate_name.strip()}.")
    if family:
        lines.append("Family and friends invited: " + ", ".join(a.name for a in family) + ".")
    if staff:
        lines.append("Professionals invited: " + ", ".join(a.name for a in staff) + ".")
    if meeting.status in WITHDRAWN:
        lines.append(f"This meeting is {meeting.status.label.lower()}: {meeting.status_reason}")
    return "\n".join(lines)


def _family_description(service: Service, view: MeetingView, venue_told: bool) -> str:
    """A family member's own copy: the meeting, when, getting in, whom to ask and what to bring; never who else
    is invited, and a withdrawal in neutral words (the coordinator's reason stays in the record)."""
    meeting = view.meeting
    lines = [_arranged_by(service, view), _when(view), *_replaces(meeting), *_shape(view, venue_told)]
    coordinator = view.coordinator
    if coordinator is not None:
        contact = ", ".join(part for part in (coordinator.phone.strip(), coordinator.email.strip()) if part)
        lines.append(f"Your coordinator: {coordinator.name}{f' ({contact})' if contact else ''}. Ask them "
                     "anything about the meeting, or tell them if you need help to come.")
    lines.append(f"Please bring: {_WHAT_TO_BRING.get(meeting.kind, _WHAT_TO_BRING_OTHERWISE)}.")
    if meeting.status in WITHDRAWN:
        lines.append(f"This meeting is {meeting.status.label.lower()}. Your coordinator will be in touch about "
                     "what happens next.")
    return "\n".join(lines)


def invitation_event(view: MeetingView, facts: disclosure.CaseFacts, recipient: disclosure.Recipient,
                     attendee: AttendeeView | None, service: Service) -> CalendarEvent:
    """The calendar event for one recipient, as the disclosure rule lets them learn it: no time they may not
    learn (then no file at all), no venue they may not learn, nobody they may not know of; then a last check of
    every text against what the rule withholds from them."""
    meeting = view.meeting
    if not disclosure.may_learn(facts, recipient, Fact.TIME, meeting.id):
        raise SafetyBreach.one("for", f"{attendee.name if attendee else 'this copy'} may not learn when this "
                                      f"{meeting.kind.label.lower()} is, so no calendar file is made for them")
    venue_told = disclosure.may_learn(facts, recipient, Fact.VENUE, meeting.id)
    invited = [a for a in view.attendees if _may_attend(a, facts, recipient)]
    family = [a for a in invited if not a.is_staff]
    staff = [a for a in invited if a.is_staff]
    coordinator = view.coordinator
    if coordinator is None or not coordinator.email:
        raise ValidationFailed.one("coordinator", f"a calendar file needs the coordinator's email address as the "
                                                  f"organiser of the {meeting.kind.label} for {view.case_reference} "
                                                  f"on {format_instant(meeting.starts_at)}; add it to the "
                                                  "coordinator's staff record")
    organizer = CalendarPerson(coordinator.name, coordinator.email, "CHAIR")
    if attendee is None:
        attendees = tuple(CalendarPerson(a.name, a.email) for a in staff if a.email)
        description = _professionals_description(service, view, family, staff, venue_told)
    else:
        attendees = (CalendarPerson(attendee.name, attendee.email),) if attendee.email else ()
        description = _family_description(service, view, venue_told)
    event = CalendarEvent(
        uid=meeting.ical_uid, sequence=meeting.ical_sequence, starts_at=meeting.starts_at,
        ends_at=meeting.ends_at, summary=f"{meeting.kind.label}: {view.family_name} family",
        location=view.place if venue_told else "", description=description, organizer=organizer,
        attendees=attendees, cancelled=meeting.status in WITHDRAWN)
    if disclosure.leaks("\n".join(event.texts()), disclosure.forbidden_texts(facts, recipient)):
        raise SafetyBreach.one("invitation", "would show an address, a venue or a time its recipient may not "
                                             "learn, or the name of someone not to be told (check the location "
                                             "note, venue and advocate); nothing was written")
    return event


def _recipient(view: MeetingView, person_id: int, facts: disclosure.CaseFacts) -> AttendeeView:
    for attendee in view.attendees:
        if attendee.person_id == person_id:
            person = facts.person(person_id)
            if person is None or not disclosure.may_be_invited(person):
                raise SafetyBreach.one("for", f"{attendee.name} is now excluded or not to be told, so they "
                                              "receive no invitation; remove them from the meeting")
            return attendee
    raise ValidationFailed.one("for", f"person {person_id} is not invited to this meeting; "
                                      "add them as an attendee first")


def _service(ctx: ServiceContext) -> Service:
    return Service(ctx.settings.service_name, ctx.settings.council_name)


def meeting_ics(ctx: ServiceContext, meeting_id: int, *, for_person_id: int | None = None) -> bytes:
    """METHOD:REQUEST for a live meeting, METHOD:CANCEL (same UID, higher SEQUENCE) once cancelled or postponed;
    METHOD:PUBLISH (STATUS says which) when there is nobody with an email address to address it to."""
    view = meetings_views.get_meeting(ctx, meeting_id)
    facts = disclosure_facts.case_facts(ctx.session, view.meeting.case_id)
    attendee = _recipient(view, for_person_id, facts) if for_person_id is not None else None
    recipient = disclosure.Recipient.person(for_person_id) if for_person_id is not None else disclosure.PROFESSIONALS
    event = invitation_event(view, facts, recipient, attendee, _service(ctx))
    method = calendar.method_for(event)
    data = calendar.calendar_file([event], method=method, stamped_at=ctx.now())
    with ctx.write() as session:
        audit_trail.record_event(session, action="export_ics", table_name="meeting", record_id=meeting_id,
                                 case_id=view.meeting.case_id,
                                 details={"method": method.value, "sequence": view.meeting.ical_sequence,
                                          "for_person_id": for_person_id})
    return data


def save_meeting_ics(ctx: ServiceContext, meeting_id: int, path: Path, *, for_person_id: int | None = None) -> Path:
    """Write the invitation to a file (folders made as needed); for the workbench's export action."""
    return write_file(meeting_ics(ctx, meeting_id, for_person_id=for_person_id), path)


def write_file(data: bytes, path: Path) -> Path:
    """Write a calendar file readable by its owner only: it names a family and where they will be."""
    try:
        write_private_bytes(path, data)
    except OSError as error:
        raise ValidationFailed.one("output", f"cannot write {path} ({error.strerror}); choose another place") from None
    return path


def default_ics_path(ctx: ServiceContext, meeting_id: int, for_person_id: int | None = None) -> Path:
    """Where an exported invitation goes unless the coordinator says otherwise."""
    view = meetings_views.get_meeting(ctx, meeting_id)
    folder = ctx.settings.output_dir or data_dir() / "invitations"
    suffix = f"-person-{for_person_id}" if for_person_id is not None else ""
    return Path(folder) / f"{view.case_reference}-meeting-{meeting_id}{suffix}.ics"


def diary_ics(ctx: ServiceContext, *, coordinator: str | None, first_day: date, last_day: date) -> bytes:
    """A coordinator's diary as one METHOD:PUBLISH calendar; cancelled meetings stay, marked cancelled."""
    views = meetings_views.diary(ctx, coordinator=coordinator, first_day=first_day, last_day=last_day)
    facts: dict[int, disclosure.CaseFacts] = {}
    events = []
    for view in views:
        case_facts = facts.get(view.meeting.case_id)
        if case_facts is None:
            case_facts = facts[view.meeting.case_id] = disclosure_facts.case_facts(ctx.session, view.meeting.case_id)
        events.append(invitation_event(view, case_facts, disclosure.PROFESSIONALS, None, _service(ctx)))
    name = f"FGDM diary: {coordinator}" if coordinator else "FGDM diary"
    return calendar.calendar_file(events, method=Method.PUBLISH, stamped_at=ctx.now(), name=name)


__all__ = ["Service", "default_ics_path", "diary_ics", "invitation_event", "meeting_ics", "save_meeting_ics",
           "write_file"]
