"""Calendar invitations for meetings: what each recipient may be told, and the .ics files themselves.

Two kinds of file. The professionals' copy (for the coordinator's calendar and the professionals invited)
has ATTENDEEs for staff and names the family network invited, with nobody's contact details. A family
member's invitation (``for_person_id``) carries their own email and nothing of anyone else's: no address
but the venue's, no contact details, and never a person marked not to be told. Both pass a last-line check
against the case's forbidden strings before a byte is written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import select

from fgdm import calendar
from fgdm.calendar import CalendarEvent, CalendarPerson, Method
from fgdm.config import data_dir
from fgdm.documents.files import write_private_bytes
from fgdm.domain import safeguarding
from fgdm.domain.enums import MeetingStatus
from fgdm.i18n import format_instant
from fgdm.models import NetworkMember, Person
from fgdm.services.meetings import _views as meetings_views
from fgdm.services.meetings._scheduling import member_facts
from fgdm.services.meetings._views import AttendeeView, MeetingView
from fgdm.services.shared import audit_trail
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import SafetyBreach, ValidationFailed

WITHDRAWN = (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)


def _case_members(ctx: ServiceContext, case_id: int) -> dict[int, safeguarding.MemberFacts]:
    """Safety facts of every network member of the case, by person id."""
    rows = ctx.session.exec(select(NetworkMember, Person).join(Person, Person.id == NetworkMember.person_id)
                            .where(NetworkMember.case_id == case_id)).all()
    return {person.id: member_facts(member, person) for member, person in rows}


def _may_attend(attendee: AttendeeView, members: dict[int, safeguarding.MemberFacts]) -> bool:
    """Staff always; a network member only while the safety rules still let them be invited."""
    if attendee.is_staff:
        return True
    facts = members.get(attendee.person_id or -1)
    return facts is not None and safeguarding.may_be_invited(facts)


def _description(ctx: ServiceContext, view: MeetingView, family: list[AttendeeView],
                 staff: list[AttendeeView]) -> str:
    meeting = view.meeting
    lines = [f"{meeting.kind.label} for the {view.family_name} family, arranged by "
             f"{view.coordinator.name if view.coordinator else ctx.settings.service_name} "
             f"({ctx.settings.service_name}, {ctx.settings.council_name}).",
             f"When: {format_instant(meeting.starts_at)} to {format_instant(meeting.ends_at)} (UK time)."]
    if view.venue is not None and view.venue.access_notes.strip():
        lines.append(f"Getting in: {view.venue.access_notes.strip()}")
    if meeting.private_family_time:
        lines.append("Includes private family time, when the professionals leave the family to make its plan.")
    if meeting.interpreter_booked:
        languages = meeting.interpreter_languages.strip()
        lines.append(f"An interpreter{f' ({languages})' if languages else ''} is booked.")
    if meeting.advocate_name.strip():
        lines.append(f"The child's advocate: {meeting.advocate_name.strip()}.")
    if family:
        lines.append("Family and friends invited: " + ", ".join(a.name for a in family) + ".")
    if staff:
        lines.append("Professionals invited: " + ", ".join(a.name for a in staff) + ".")
    if meeting.status in WITHDRAWN:
        lines.append(f"This meeting is {meeting.status.label.lower()}: {meeting.status_reason}")
    return "\n".join(lines)


def _event_for(ctx: ServiceContext, view: MeetingView, recipient: AttendeeView | None,
               members: dict[int, safeguarding.MemberFacts]) -> CalendarEvent:
    meeting = view.meeting
    invited = [a for a in view.attendees if _may_attend(a, members)]
    family = [a for a in invited if not a.is_staff]
    staff = [a for a in invited if a.is_staff]
    coordinator = view.coordinator
    organizer = CalendarPerson(coordinator.name, coordinator.email, "CHAIR") if coordinator else None
    if recipient is None:
        attendees = tuple(CalendarPerson(a.name, a.email) for a in staff if a.email)
    else:
        attendees = (CalendarPerson(recipient.name, recipient.email),) if recipient.email else ()
    event = CalendarEvent(
        uid=meeting.ical_uid, sequence=meeting.ical_sequence, starts_at=meeting.starts_at,
        ends_at=meeting.ends_at, summary=f"{meeting.kind.label}: {view.family_name} family",
        location=view.place, description=_description(ctx, view, family, staff), organizer=organizer,
        attendees=attendees, cancelled=meeting.status in WITHDRAWN)
    forbidden = safeguarding.forbidden_strings(list(members.values()),
                                               recipient.person_id if recipient else None)
    text = "\n".join(event.texts()).casefold()
    leaked = [item for item in forbidden if item.casefold() in text]
    if leaked:
        raise SafetyBreach.one("invitation", "would show a confidential address or the name of someone not to "
                                             "be told (check the location note, venue and advocate); "
                                             "nothing was written")
    return event


def _recipient(view: MeetingView, person_id: int, members: dict[int, safeguarding.MemberFacts]) -> AttendeeView:
    for attendee in view.attendees:
        if attendee.person_id == person_id:
            if not _may_attend(attendee, members):
                raise SafetyBreach.one("for", f"{attendee.name} is now excluded or not to be told, so they "
                                              "receive no invitation; remove them from the meeting")
            return attendee
    raise ValidationFailed.one("for", f"person {person_id} is not invited to this meeting; "
                                      "add them as an attendee first")


def meeting_ics(ctx: ServiceContext, meeting_id: int, *, for_person_id: int | None = None) -> bytes:
    """METHOD:REQUEST for a live meeting, METHOD:CANCEL (same UID, higher SEQUENCE) once cancelled or postponed."""
    view = meetings_views.get_meeting(ctx, meeting_id)
    members = _case_members(ctx, view.meeting.case_id)
    recipient = _recipient(view, for_person_id, members) if for_person_id is not None else None
    if view.coordinator is None or not view.coordinator.email:
        raise ValidationFailed.one("coordinator", "an invitation needs the coordinator's email address as its "
                                                  "organiser; add it to the coordinator's staff record")
    event = _event_for(ctx, view, recipient, members)
    method = Method.CANCEL if view.meeting.status in WITHDRAWN else Method.REQUEST
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
    members: dict[int, dict[int, safeguarding.MemberFacts]] = {}
    events = []
    for view in views:
        case_members = members.setdefault(view.meeting.case_id, _case_members(ctx, view.meeting.case_id))
        events.append(_event_for(ctx, view, None, case_members))
    name = f"FGDM diary: {coordinator}" if coordinator else "FGDM diary"
    return calendar.calendar_file(events, method=Method.PUBLISH, stamped_at=ctx.now(), name=name)


__all__ = ["default_ics_path", "diary_ics", "meeting_ics", "save_meeting_ics", "write_file"]
