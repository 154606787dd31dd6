"""The meeting forms' fields and save functions, kept apart from the tab that opens them.

Scheduling warnings come back from the service as a `ValidationFailed` listing each one; the form shows
them above its fields. The coordinator accepts them by typing a reason and saving again: the reason is
applied only to warnings the form has already shown, so a reason typed in advance never accepts a
warning nobody saw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fgdm.domain.enums import Attendance, MeetingKind
from fgdm.domain.scheduling import WarningCode
from fgdm.models import Meeting, Venue
from fgdm.services import meetings
from fgdm.services.meetings import Invitee, MeetingView, StaffChoice, WarningsNeedOverride
from fgdm.services.shared.clock import to_london
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.widgets.form import FormField

OVERRIDE_FIELD = "override_reason"


@dataclass
class MeetingChoices:
    """What the meeting form offers: venues, the members who may be invited, and staff."""

    venues: list[Venue] = field(default_factory=list)
    members: list[Invitee] = field(default_factory=list)
    staff: list[StaffChoice] = field(default_factory=list)
    apart_from: list[tuple[str, int]] = field(default_factory=list)
    """The case's planned meetings a separate session may be held apart from."""


def member_key(member_id: int | None) -> str:
    return f"member_{member_id}"


def staff_key(staff_id: int | None) -> str:
    return f"staff_{staff_id}"


def meeting_fields(choices: MeetingChoices) -> list[FormField]:
    fields = [
        FormField("kind", "Kind of meeting", "choice", [(k.label, k.value) for k in MeetingKind], required=True),
        FormField("day", "Day", "date", required=True),
        FormField("start_time", "Starts (UK time)", required=True, placeholder="HH:MM, e.g. 10:00"),
        FormField("end_time", "Ends (UK time)", required=True, placeholder="HH:MM, e.g. 13:00"),
        *([FormField("separate_from", "A separate session is held apart from (its own venue and time)", "choice",
                     choices.apart_from)] if choices.apart_from else []),
        FormField("venue_id", "Venue", "choice", [(v.name, v.id) for v in choices.venues]),
        FormField("location_note", "Or where (a note)", placeholder="e.g. Room 2, or home visit"),
        FormField("interpreter_languages", "Interpreter language(s)", placeholder="e.g. Polish"),
        FormField("interpreter_booked", "Interpreter booked", "flag"),
        FormField("advocate_name", "The child's advocate"),
        FormField("private_family_time", "Includes private family time", "flag"),
    ]
    fields += [FormField(member_key(member.member_id), f"Invite {member.name}"
                         + (" (attends separately)" if member.attends_separately else ""), "flag",
                         aliases=("network_member_ids",) if index == 0 else ())
               for index, member in enumerate(choices.members)]
    fields += [FormField(staff_key(staff.id), f"Invite {staff.name}" + (f", {staff.job_title}" if staff.job_title
                                                                          else ""), "flag")
               for staff in choices.staff]
    fields += [FormField("notes", "Notes (never in an invitation)", "long_text"),
               FormField(OVERRIDE_FIELD, "Reason for accepting the warnings shown above", "long_text",
                         aliases=tuple(f"overrides.{code}" for code in WarningCode.ALL))]
    return fields


MOVE_FIELDS = ("day", "start_time", "end_time", "venue_id", OVERRIDE_FIELD)
"""What moving a meeting asks: the meeting form's own fields for the time and place, and the warnings' reason."""


def move_fields(choices: MeetingChoices) -> list[FormField]:
    """The meeting form cut down to a move: the same fields, labels and choices as scheduling."""
    return [field for field in meeting_fields(choices) if field.name in MOVE_FIELDS]


def initial_values(view: MeetingView) -> dict[str, Any]:
    meeting = view.meeting
    values: dict[str, Any] = {
        "kind": meeting.kind.value, "day": to_london(meeting.starts_at).date(),
        "start_time": f"{to_london(meeting.starts_at):%H:%M}", "end_time": f"{to_london(meeting.ends_at):%H:%M}",
        "venue_id": meeting.venue_id, "location_note": meeting.location_note,
        "interpreter_languages": meeting.interpreter_languages, "interpreter_booked": meeting.interpreter_booked,
        "advocate_name": meeting.advocate_name, "private_family_time": meeting.private_family_time,
        "notes": meeting.notes}
    for attendee in view.attendees:
        key = staff_key(attendee.staff_id) if attendee.is_staff else member_key(attendee.network_member_id)
        values[key] = True
    return values


def _ids(values: dict[str, Any], prefix: str, before: set[int]) -> list[int] | None:
    """The invitees after the form: those ticked before, changed by the boxes the user touched."""
    touched = {int(key.removeprefix(prefix)): bool(value) for key, value in values.items() if key.startswith(prefix)}
    if not touched:
        return None
    return sorted({i for i in before if touched.get(i, True)} | {i for i, ticked in touched.items() if ticked})


@dataclass
class WarningGate:
    """Remembers the warnings a form has shown, so a typed reason overrides only those."""

    shown: set[str] = field(default_factory=set)

    def save(self, attempt: Callable[[dict[str, str]], Meeting], reason: str) -> Meeting:
        overrides = {code: reason for code in self.shown} if reason.strip() else {}
        try:
            return attempt(overrides)
        except WarningsNeedOverride as error:
            self.shown |= {warning.code for warning in error.warnings}
            raise


def _service_values(values: dict[str, Any], before_members: set[int], before_staff: set[int]) -> dict[str, Any]:
    data = {key: value for key, value in values.items()
            if not key.startswith(("member_", "staff_")) and key != OVERRIDE_FIELD}
    for name in ("location_note", "interpreter_languages", "advocate_name", "notes"):
        if name in data and data[name] is None:
            data[name] = ""
    members = _ids(values, "member_", before_members)
    staff = _ids(values, "staff_", before_staff)
    if members is not None:
        data["network_member_ids"] = members
    if staff is not None:
        data["staff_ids"] = staff
    return data


def schedule_function(case_id: int) -> Callable[[ServiceContext, dict[str, Any], int | None], Meeting]:
    gate = WarningGate()

    def save(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> Meeting:
        data = _service_values(values, set(), set())
        return gate.save(lambda overrides: meetings.schedule_meeting(ctx, case_id, data, overrides=overrides),
                         values.get(OVERRIDE_FIELD) or "")

    return save


def edit_function(view: MeetingView) -> Callable[[ServiceContext, dict[str, Any], int | None], Meeting]:
    gate = WarningGate()
    meeting_id: int = view.meeting.id  # type: ignore[assignment]
    before_members = {a.network_member_id for a in view.attendees if a.network_member_id is not None}
    before_staff = {a.staff_id for a in view.attendees if a.staff_id is not None}

    def save(ctx: ServiceContext, values: dict[str, Any], version: int | None) -> Meeting:
        data = _service_values(values, before_members, before_staff)
        data.pop("separate_from", None)
        return gate.save(lambda overrides: meetings.update_meeting(ctx, meeting_id, data, overrides=overrides,
                                                                   expected_version=version),
                         values.get(OVERRIDE_FIELD) or "")

    return save


def move_function(view: MeetingView, *, replan: bool = False,
                  ) -> Callable[[ServiceContext, dict[str, Any], int | None], Meeting]:
    """Save a move (or the replanning of a postponed meeting) through the warnings, as scheduling does."""
    gate = WarningGate()
    meeting_id: int = view.meeting.id  # type: ignore[assignment]
    call = meetings.replan_meeting if replan else meetings.move_meeting

    def save(ctx: ServiceContext, values: dict[str, Any], version: int | None) -> Meeting:
        times = {name: values.get(name) for name in MOVE_FIELDS if name != OVERRIDE_FIELD}
        return gate.save(lambda overrides: call(ctx, meeting_id, times, overrides=overrides, expected_version=version),
                         values.get(OVERRIDE_FIELD) or "")

    return save


def attendance_fields(view: MeetingView) -> list[FormField]:
    return [FormField(f"attendee_{a.id}", a.name, "choice", [(x.label, x.value) for x in Attendance], required=True)
            for a in view.attendees]


def attendance_values(values: dict[str, Any]) -> dict[int, str]:
    return {int(key.removeprefix("attendee_")): value for key, value in values.items() if value}


__all__ = ["MOVE_FIELDS", "OVERRIDE_FIELD", "MeetingChoices", "WarningGate", "attendance_fields", "attendance_values",
           "edit_function", "initial_values", "meeting_fields", "move_fields", "move_function", "schedule_function"]
