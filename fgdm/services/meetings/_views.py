"""Reading meetings: a case's meetings, a coordinator's diary, the home screen's reminders, the review clock."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, bindparam, exists, func
from sqlmodel import col, or_, select

from fgdm.domain import disclosure, scheduling
from fgdm.domain.enums import Attendance, MeetingKind, MeetingStatus
from fgdm.domain.scheduling import ReviewWindow
from fgdm.models import (
    Case,
    Meeting,
    MeetingAttendee,
    NetworkMember,
    Person,
    Staff,
    Venue,
    WarningOverride,
    person_name,
)
from fgdm.services.meetings import _venues as venues_service
from fgdm.services.meetings._scheduling import meeting_for_read
from fgdm.services.shared import access
from fgdm.services.shared.clock import london_datetime, to_london
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, ValidationFailed
from fgdm.services.shared.lookups import chunks, columns, keyed


@dataclass
class AttendeeView:
    id: int
    name: str
    is_staff: bool
    role: str
    attendance: Attendance
    network_member_id: int | None = None
    staff_id: int | None = None
    person_id: int | None = None
    email: str = ""
    needs_interpreter: bool = False


@dataclass
class OverrideView:
    code: str
    reason: str
    decided_by: str
    decided_at: datetime


@dataclass
class MeetingView:
    meeting: Meeting
    case_reference: str
    family_name: str
    coordinator: Staff | None
    venue: Venue | None
    attendees: list[AttendeeView] = field(default_factory=list)
    overrides: list[OverrideView] = field(default_factory=list)

    @property
    def local_start(self) -> datetime:
        return to_london(self.meeting.starts_at)

    @property
    def local_end(self) -> datetime:
        return to_london(self.meeting.ends_at)

    @property
    def place(self) -> str:
        """Where, as invitees read it: the venue's name and address, then any note."""
        parts = [self.venue.name, self.venue.address] if self.venue else []
        parts.append(self.meeting.location_note)
        return ", ".join(part.strip().replace("\n", ", ") for part in parts if part.strip())


# Built once, the meetings (or the case whose meetings they are) as a parameter: a case screen sends these on
# every opening, and building a select of many columns takes about as long as running it. A case's read names
# its meetings by the case, not as a list of ids: an IN list is rendered into the statement on every run.
_OF_MEETINGS = {"ids": lambda meeting_id: col(meeting_id).in_(bindparam("ids", expanding=True)),
                "case_id": lambda meeting_id: col(meeting_id).in_(
                    select(Meeting.id).where(Meeting.case_id == bindparam("case_id")))}


def _family_invited(of: Any) -> Any:
    return (select(MeetingAttendee.id, MeetingAttendee.meeting_id, MeetingAttendee.role, MeetingAttendee.attendance,
                   NetworkMember.id, NetworkMember.relationship_to_child, Person.id, Person.given_name,
                   Person.family_name, Person.email, Person.interpreter_needed)
            .join(NetworkMember, NetworkMember.id == MeetingAttendee.network_member_id)
            .join(Person, Person.id == NetworkMember.person_id)
            .where(of(MeetingAttendee.meeting_id))
            .order_by(Person.given_name, col(Person.id)))


def _staff_invited(of: Any) -> Any:
    return (select(MeetingAttendee.id, MeetingAttendee.meeting_id, MeetingAttendee.role, MeetingAttendee.attendance,
                   Staff.id, Staff.name, Staff.job_title, Staff.email)
            .join(Staff, Staff.id == MeetingAttendee.staff_id)
            .where(of(MeetingAttendee.meeting_id))
            .order_by(Staff.name, col(Staff.id)))


def _overrides(of: Any) -> Any:
    return (select(WarningOverride.meeting_id, WarningOverride.code, WarningOverride.reason,
                   WarningOverride.decided_by, WarningOverride.created_at)
            .where(of(WarningOverride.meeting_id)).order_by(col(WarningOverride.id)))


_FAMILY_INVITED = {key: _family_invited(of) for key, of in _OF_MEETINGS.items()}
_STAFF_INVITED = {key: _staff_invited(of) for key, of in _OF_MEETINGS.items()}
_OVERRIDES = {key: _overrides(of) for key, of in _OF_MEETINGS.items()}


def _of_meetings(meeting_ids: Sequence[int], case_id: int | None) -> Iterator[tuple[str, dict[str, Any]]]:
    """How to name these meetings (a key of `_OF_MEETINGS`) and the parameters: the case, when they are all its
    meetings (none: nothing to read), or a few hundred ids at a time."""
    if case_id is not None:
        if meeting_ids:
            yield "case_id", {"case_id": case_id}
        return
    for ids in chunks(meeting_ids):
        yield "ids", {"ids": ids}


def _attendees(ctx: ServiceContext, meeting_ids: Sequence[int], case_id: int | None = None,
               ) -> dict[int, list[AttendeeView]]:
    """Each meeting's invitees, family first by name, then staff by name: two queries for all the meetings
    (named by `case_id` when they are all that case's meetings).

    Only the columns shown are read: loading whole rows as records costs more than the queries do.
    """
    session = ctx.session
    views: dict[int, list[AttendeeView]] = defaultdict(list)
    for by, params in _of_meetings(meeting_ids, case_id):
        for (attendee_id, meeting_id, role, attendance, member_id, relationship, person_id, given, family, email,
             interpreter) in columns(session, _FAMILY_INVITED[by], params):
            views[meeting_id].append(AttendeeView(
                id=attendee_id, name=person_name(given, family), is_staff=False, role=role or relationship,
                attendance=attendance, network_member_id=member_id, person_id=person_id, email=email,
                needs_interpreter=interpreter))
    for by, params in _of_meetings(meeting_ids, case_id):
        for attendee_id, meeting_id, role, attendance, staff_id, name, job_title, email in columns(
                session, _STAFF_INVITED[by], params):
            views[meeting_id].append(AttendeeView(
                id=attendee_id, name=name, is_staff=True, role=role or job_title, attendance=attendance,
                staff_id=staff_id, email=email))
    return views


def _by_id(ctx: ServiceContext, model: type[Staff] | type[Venue], ids: set[int | None],
           known: Sequence[Staff] | Sequence[Venue] = ()) -> dict[int, Any]:
    """The records with these ids: those in `known` (already read), the rest in one query."""
    found: dict[int, Any] = {record.id: record for record in known if record.id in ids}
    found.update(keyed(ctx.session, _RECORDS[model], model.id, ids - found.keys()))
    return found


_RECORDS = {model: select(model.id, model) for model in (Staff, Venue)}


def _views(ctx: ServiceContext, rows: Sequence[tuple[Meeting, Any]], *, staff: Sequence[Staff] = (),
           venues: Sequence[Venue] = (), case_id: int | None = None, overridden: bool = True) -> list[MeetingView]:
    """Full views of many meetings in five queries, not five per meeting (a case screen lists them all); each
    meeting comes with its case (a record, or a row with its reference and family name).

    Coordinators and venues among `staff` and `venues` (already read by the caller) are not read again. With
    `case_id`, the rows are all that case's meetings, and their overrides and invitees are read by the case.
    With `overridden` False, the caller knows that none of the meetings has an override: they are not read.
    """
    ids = [meeting.id for meeting, _ in rows if meeting.id is not None]
    overrides: dict[int, list[OverrideView]] = defaultdict(list)
    for by, params in _of_meetings(ids if overridden else [], case_id):
        for meeting_id, code, reason, decided_by, created_at in columns(
                ctx.session, _OVERRIDES[by], params):
            overrides[meeting_id].append(OverrideView(code, reason, decided_by, created_at))
    attendees = _attendees(ctx, ids, case_id)
    coordinators = _by_id(ctx, Staff, {meeting.coordinator_id for meeting, _ in rows}, staff)
    places = _by_id(ctx, Venue, {meeting.venue_id for meeting, _ in rows}, venues)
    return [MeetingView(meeting=meeting, case_reference=case.reference, family_name=case.family_name,
                        coordinator=coordinators.get(meeting.coordinator_id) if meeting.coordinator_id else None,
                        venue=places.get(meeting.venue_id) if meeting.venue_id else None,
                        attendees=attendees.get(meeting.id, []) if meeting.id is not None else [],
                        overrides=overrides.get(meeting.id, []) if meeting.id is not None else [])
            for meeting, case in rows]


def get_meeting(ctx: ServiceContext, meeting_id: int) -> MeetingView:
    meeting, case = meeting_for_read(ctx, meeting_id)
    return _views(ctx, [(meeting, case)])[0]


def list_meetings(ctx: ServiceContext, case_id: int) -> list[MeetingView]:
    """A case's meetings in time order, separate sessions included."""
    case = access.case_for_read(ctx, case_id)
    meetings, coordinators, overridden = _meetings_of(ctx, case_id)
    return _views(ctx, [(meeting, case) for meeting in meetings], staff=coordinators, case_id=case_id,
                  overridden=overridden)


def _meetings_of(ctx: ServiceContext, case_id: int) -> tuple[list[Meeting], list[Staff], bool]:
    """A case's meetings in time order, their coordinators (read with them), and whether any of the meetings
    has a warning overridden (most have none, and their overrides need not be asked for)."""
    rows = ctx.session.exec(_CASE_MEETINGS, params={"case_id": case_id}).all()
    return ([meeting for meeting, _, _ in rows], [coordinator for _, coordinator, _ in rows if coordinator is not None],
            any(overridden for _, _, overridden in rows))


_CASE_MEETINGS = (select(Meeting, Staff, exists().where(WarningOverride.meeting_id == Meeting.id))
                  .outerjoin(Staff, Staff.id == Meeting.coordinator_id)
                  .where(Meeting.case_id == bindparam("case_id")).order_by(col(Meeting.starts_at), col(Meeting.id)))


@dataclass(frozen=True)
class Invitee:
    """Someone the meeting form offers to invite: a member `invitable_members` gives, as the form names them."""

    member_id: int
    name: str
    attends_separately: bool


def _invitees(ctx: ServiceContext, case_id: int) -> list[Invitee]:
    """`invitable_members` of a case the caller has already checked, read as the columns the rule and the form
    need: the Meetings tab reads them on every opening of a case, and 40 members and people as records cost
    four times the query."""
    rows = columns(ctx.session, _INVITABLE, {"case_id": case_id})
    invitees = []
    for (member_id, separately, hidden, status, person_id, given, family, address, confidential, phone,
         email) in rows:
        name = person_name(given, family)
        if disclosure.may_be_invited(disclosure.PersonFacts(
                person_id=person_id, name=name, address=address, address_confidential=confidential,
                not_to_be_told=hidden, contact_status=status, phone=phone, email=email)):
            invitees.append(Invitee(member_id=member_id, name=name, attends_separately=separately))
    return invitees


_INVITABLE = (select(NetworkMember.id, NetworkMember.attends_separately, NetworkMember.not_to_be_told,
                     NetworkMember.contact_status, Person.id, Person.given_name, Person.family_name, Person.address,
                     Person.address_confidential, Person.phone, Person.email)
               .join(Person, Person.id == NetworkMember.person_id).where(NetworkMember.case_id == bindparam("case_id"))
               .order_by(Person.given_name, Person.family_name, col(NetworkMember.id)))
_CASE_NAMED = access.case_columns(Case.family_name)
_ACTIVE_STAFF = select(Staff.id, Staff.name, Staff.job_title).where(col(Staff.active)).order_by(Staff.name)


class StaffChoice(NamedTuple):
    """A member of staff as the meeting form offers them for inviting."""

    id: int
    name: str
    job_title: str


@dataclass
class CaseMeetings:
    """A case's meetings as its Meetings tab shows them, with the review clock and what the meeting form offers."""

    reference: str
    views: list[MeetingView]
    review: ReviewWindow | None
    venues: list[Venue]
    """The active venues, by name (`venues.list_venues`)."""
    members: list[Invitee]
    """Who may be invited (`meetings.invitable_members`)."""
    staff: list[StaffChoice]
    """Active staff by name (`staff.list_staff`), less the case's coordinator, who is there anyway."""


def case_meetings(ctx: ServiceContext, case_id: int) -> CaseMeetings:
    """What `list_meetings`, `review_due`, `invitable_members` and the staff and venue lists give a case's
    Meetings tab, with the case checked once, venues read once (the meetings' venues come from that list) and
    the staff and invitees read as the columns the form shows; the review clock comes from the meetings read."""
    case = access.check_read(ctx, case_id, _CASE_NAMED)
    staff = [StaffChoice(*row) for row in columns(ctx.session, _ACTIVE_STAFF)]
    venues = venues_service.list_venues(ctx)
    meetings, coordinators, overridden = _meetings_of(ctx, case_id)
    held = [meeting.held_on for meeting in meetings if meeting.held_on is not None
            and meeting.kind is MeetingKind.FGDM_MEETING and meeting.status is MeetingStatus.HELD]
    return CaseMeetings(
        reference=case.reference, views=_views(ctx, [(meeting, case) for meeting in meetings], staff=coordinators,
                                               venues=venues, case_id=case_id, overridden=overridden),
        review=scheduling.review_window(min(held)) if held else None, venues=venues,
        members=_invitees(ctx, case_id), staff=[member for member in staff if member.id != case.coordinator_id])


def diary(ctx: ServiceContext, *, coordinator: str | None, first_day: date, last_day: date) -> list[MeetingView]:
    """A coordinator's meetings across every case they may open, from the first day to the last, inclusive.

    With no coordinator named, every meeting the actor may see: the single user of a desktop database has
    no staff record, and their diary is the whole service's.
    """
    if last_day < first_day:
        raise ValidationFailed.one("to", "must be on or after the first day")
    conditions = [access.visible_case_filter(ctx)]
    if coordinator is not None:
        staff = ctx.session.exec(select(Staff).where(Staff.username == coordinator.strip())).first()
        if staff is None:
            raise NotFound(f"no member of staff has the username {coordinator!r}")
        if not ctx.actor.sees_every_case and ctx.actor.staff_id != staff.id:
            raise ValidationFailed.one("coordinator", "you may open your own diary only; a manager sees everyone's")
        attending = select(MeetingAttendee.meeting_id).where(MeetingAttendee.staff_id == staff.id)
        conditions.append(or_(Meeting.coordinator_id == staff.id, col(Meeting.id).in_(attending)))
    starts = london_datetime(first_day, time(0, 0))
    ends = london_datetime(last_day + timedelta(days=1), time(0, 0))
    rows = ctx.session.exec(
        select(Meeting, Case).join(Case, Case.id == Meeting.case_id)
        .where(*conditions, Meeting.starts_at < ends, Meeting.ends_at > starts)
        .order_by(col(Meeting.starts_at), col(Meeting.id))).all()
    return _views(ctx, rows)


@dataclass
class MeetingReminder:
    """A meeting coming up, and what the coordinator still has to arrange for it."""

    meeting_id: int
    case_id: int
    case_reference: str
    family_name: str
    kind: MeetingKind
    starts_at: datetime
    gaps: list[str]


def gaps_of(view: MeetingView) -> list[str]:
    """What is missing before a planned meeting: venue, interpreter, invitations."""
    return _gaps(view.meeting, has_venue=view.venue is not None,
                 attendee_needs_interpreter=any(a.needs_interpreter for a in view.attendees))


def _gaps(meeting: Meeting, *, has_venue: bool, attendee_needs_interpreter: bool) -> list[str]:
    gaps: list[str] = []
    if not has_venue and not meeting.location_note.strip():
        gaps.append("venue")
    needs = bool(meeting.interpreter_languages.strip()) or attendee_needs_interpreter
    if needs and not meeting.interpreter_booked:
        gaps.append("interpreter")
    if meeting.invitations_sent_at is None:
        gaps.append("invitations")
    return gaps


def upcoming_with_gaps(ctx: ServiceContext, days: int = 14, *, until: datetime | None = None,
                       case_filter: ColumnElement[bool] | None = None,
                       limit: int | None = None) -> list[MeetingReminder]:
    """Planned meetings from now to `days` ahead (or to `until`) in the actor's cases, soonest first, with gaps.

    One query for them all (a whole service has thousands in a fortnight): the gaps need only whether an
    invited person needs an interpreter, not each meeting's full view. `case_filter` narrows the cases
    (home's "my cases") and `limit` keeps only the first meetings, both in SQL, so a screen showing 50
    lines never reads the service's thousands.
    """
    now = ctx.now()
    # Asked of each meeting kept, as a one-row subquery: as EXISTS, PostgreSQL answered it for every attendee
    # of the service at once (18,424 rows, 90 ms) to keep 50 meetings.
    attendee_needs_interpreter = (
        select(MeetingAttendee.id).join(NetworkMember, NetworkMember.id == MeetingAttendee.network_member_id)
        .join(Person, Person.id == NetworkMember.person_id)
        .where(MeetingAttendee.meeting_id == Meeting.id, col(Person.interpreter_needed)).limit(1)
        .scalar_subquery())
    conditions = [access.visible_case_filter(ctx), Meeting.status == MeetingStatus.PLANNED,
                  Meeting.starts_at >= now, Meeting.starts_at < (until or now + timedelta(days=days))]
    if case_filter is not None:
        conditions.append(case_filter)
    rows = ctx.session.exec(
        select(Meeting, Case.id, Case.reference, Case.family_name, attendee_needs_interpreter)
        .join(Case, Case.id == Meeting.case_id).where(*conditions)
        .order_by(col(Meeting.starts_at), col(Meeting.id)).limit(limit)).all()
    return [MeetingReminder(meeting_id=meeting.id, case_id=case_id, case_reference=reference,
                            family_name=family_name, kind=meeting.kind, starts_at=meeting.starts_at,
                            gaps=_gaps(meeting, has_venue=meeting.venue_id is not None,
                                       attendee_needs_interpreter=needs is not None))
            for meeting, case_id, reference, family_name, needs in rows]


def review_due(ctx: ServiceContext, case_id: int) -> ReviewWindow | None:
    """The review clock: 6 to 13 weeks from the FGDM meeting held; None until it is held."""
    access.case_for_read(ctx, case_id)
    held = ctx.session.exec(select(func.min(Meeting.held_on)).where(
        Meeting.case_id == case_id, Meeting.kind == MeetingKind.FGDM_MEETING,
        Meeting.status == MeetingStatus.HELD)).one()
    return scheduling.review_window(held) if held is not None else None


__all__ = ["AttendeeView", "CaseMeetings", "Invitee", "MeetingReminder", "MeetingView", "OverrideView", "StaffChoice",
           "case_meetings", "diary", "gaps_of", "get_meeting", "list_meetings", "review_due", "upcoming_with_gaps"]
