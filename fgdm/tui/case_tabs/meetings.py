"""The Meetings tab: the case's meeting cycle from the baseline to the review, and invitations to send.

The table lists every meeting in UK local time with what is still missing; the panel below shows the
highlighted meeting's invitees, attendance and any warnings the coordinator accepted, and the review clock.
`s` schedules, enter edits, `m` moves it to a new time (the same calendar event), `d` records it held,
`t` attendance, `p` postpones, `u` replans, `c` cancels, `i` exports the invitation (.ics), `v` records the
invitations as sent, `f` keeps its venue or time from named members, `w` opens the diary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from fgdm.domain.enums import ConfidentialFact, MeetingKind, MeetingStatus
from fgdm.domain.scheduling import ReviewWindow
from fgdm.i18n import format_day, format_day_short, format_instant, format_time_of_day
from fgdm.services import meetings, network
from fgdm.services.meetings import MeetingView
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.actions import Action, bindings_for, register
from fgdm.tui.screens.diary import DiaryScreen
from fgdm.tui.screens.meeting_forms import (
    MeetingChoices,
    attendance_fields,
    attendance_values,
    edit_function,
    held_fields,
    held_function,
    initial_values,
    meeting_fields,
    move_fields,
    move_function,
    schedule_function,
)
from fgdm.tui.widgets.case_tab import CaseTab
from fgdm.tui.widgets.form import FormField, FormScreen
from fgdm.tui.widgets.keep_from import keep_from_fields, keep_from_function, keep_from_initial, kept_from_names
from fgdm.tui.widgets.service_call import run_service
from fgdm.tui.widgets.written import show_written

register(
    Action("meetings.schedule", "meetings", "s", "schedule", "Schedule", "Plan a meeting for this case"),
    Action("meetings.edit", "meetings", "enter", "edit", "Edit", "Change the highlighted planned meeting",
           show=False),
    Action("meetings.held", "meetings", "d", "held", "Held", "Record the highlighted meeting as held"),
    Action("meetings.attendance", "meetings", "t", "attendance", "Attendance", "Record who came"),
    Action("meetings.postpone", "meetings", "p", "postpone", "Postpone", "Postpone the meeting, with a reason",
           show=False),
    Action("meetings.move", "meetings", "m", "move", "Move",
           "Move the highlighted meeting to a new day, time or venue: the same calendar event, invitations again"),
    Action("meetings.replan", "meetings", "u", "replan", "Replan", "Give a postponed meeting new times",
           show=False),
    Action("meetings.cancel", "meetings", "c", "cancel_meeting", "Cancel meeting",
           "Cancel the meeting, with a reason", show=False),
    Action("meetings.invitation", "meetings", "i", "invitation", "Invitation",
           "Save the calendar invitation (.ics) for the professionals or one family member"),
    Action("meetings.sent", "meetings", "v", "invitations_sent", "Sent", "Record that the invitations went out"),
    Action("meetings.diary", "meetings", "w", "diary", "Diary", "Your week's meetings across all your cases"),
    Action("meetings.keep_from", "meetings", "f", "keep_from", "Keep from",
           "Keep the highlighted meeting's venue or time from named members of the network", show=False),
)

PROFESSIONALS = 0
KEPT_FACTS = (ConfidentialFact.VENUE, ConfidentialFact.TIME)


def set_aside_fields() -> list[FormField]:
    """Why a meeting is postponed or cancelled."""
    return [FormField("reason", "Why", "long_text", required=True)]


def invitation_fields(recipients: list[tuple[str, Any]]) -> list[FormField]:
    """Whose calendar invitation to write, and where."""
    return [FormField("recipient", "For", "choice", recipients, required=True),
            FormField("output", "Save as (blank: the output folder)")]


@dataclass
class MeetingsTabData:
    views: list[MeetingView]
    choices: MeetingChoices
    review: ReviewWindow | None
    reference: str = ""
    exports: dict[int, Path] = field(default_factory=dict)
    kept: list[network.ConfidentialView] = field(default_factory=list)
    """What is kept from named members: the detail panel names who may not learn a meeting's venue or time."""


def when(view: MeetingView) -> str:
    return f"{format_day_short(view.local_start.date())} {format_time_of_day(view.meeting.starts_at)}–" \
           f"{format_time_of_day(view.meeting.ends_at)}"


def to_do(view: MeetingView) -> str:
    meeting = view.meeting
    if meeting.status is MeetingStatus.PLANNED:
        gaps = meetings.gaps_of(view)
        return ("Needs " + ", ".join(gaps)) if gaps else "Ready"
    if meeting.status is MeetingStatus.HELD:
        return f"Held {format_day(meeting.held_on)}"
    return meeting.status_reason


def detail_text(view: MeetingView, review: ReviewWindow | None,
                kept: list[network.ConfidentialView] | None = None) -> Content:
    meeting = view.meeting
    lines = [Content.from_markup("[b]$kind[/b], $when to $end  ·  $status", kind=meeting.kind.label,
                                 when=format_instant(meeting.starts_at), end=format_time_of_day(meeting.ends_at),
                                 status=meeting.status.label)]
    lines.append(Content(f"Where: {view.place or '—'}"))
    if view.venue and view.venue.access_notes:
        lines.append(Content(f"Access: {view.venue.access_notes}"))
    interpreter = meeting.interpreter_languages or ("needed" if any(a.needs_interpreter for a in view.attendees)
                                                   else "")
    if interpreter:
        booked = "booked" if meeting.interpreter_booked else "not booked"
        lines.append(Content(f"Interpreter: {interpreter} ({booked})"))
    if meeting.advocate_name:
        lines.append(Content(f"Child's advocate: {meeting.advocate_name}"))
    invitees = "; ".join(f"{a.name} ({a.attendance.label.lower()})" if meeting.status is MeetingStatus.HELD
                         else a.name for a in view.attendees)
    lines.append(Content(f"Invited: {invitees or 'nobody yet'}"))
    for override in view.overrides:
        lines.append(Content(f"Accepted warning {override.code.replace('_', ' ')}: {override.reason} "
                             f"({override.decided_by})"))
    for fact in KEPT_FACTS:
        hidden_from = kept_from_names(kept or [], fact, meeting_id=meeting.id)
        if hidden_from:
            lines.append(Content(f"{fact.label} kept from: {', '.join(hidden_from)} (f to change)"))
    sent = format_instant(meeting.invitations_sent_at) if meeting.invitations_sent_at else "not yet"
    lines.append(Content(f"Invitations sent: {sent}  ·  calendar version {meeting.ical_sequence}"))
    if review is not None:
        lines.append(Content(f"Review due between {format_day(review.earliest)} and {format_day(review.latest)}"))
    return Content("\n").join(lines)


class MeetingsTab(CaseTab):
    ACTION_SCOPE = "meetings"
    BINDINGS = bindings_for("meetings")

    def __init__(self, case_id: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(case_id, id=id, classes=classes)
        self.data: MeetingsTabData | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="meetings-summary", markup=False)
        table: DataTable[str] = DataTable(id="meetings-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("When", "Meeting", "Status", "To do", "Where", "Invited")
        yield table
        with VerticalScroll(id="meetings-detail-scroll"):
            yield Static(id="meetings-detail")

    def fetch(self, ctx: ServiceContext) -> MeetingsTabData:
        found = meetings.case_meetings(ctx, self.case_id)
        apart_from = [(f"{v.meeting.kind.label}, {format_instant(v.meeting.starts_at)}", v.meeting.id)
                      for v in found.views if v.meeting.kind is not MeetingKind.SEPARATE_SESSION
                      and v.meeting.status is MeetingStatus.PLANNED]
        choices = MeetingChoices(venues=found.venues, members=found.members, staff=found.staff,
                                 apart_from=apart_from)
        return MeetingsTabData(views=found.views, choices=choices, review=found.review, reference=found.reference,
                               kept=network.confidential_list(ctx, self.case_id))

    def show(self, data: MeetingsTabData) -> None:
        self.data = data
        table = self.query_one("#meetings-table", DataTable)
        row = table.cursor_row
        table.clear()
        for view in data.views:
            table.add_row(when(view), view.meeting.kind.label, view.meeting.status.label, to_do(view),
                          view.venue.name if view.venue else view.meeting.location_note, str(len(view.attendees)),
                          key=str(view.meeting.id))
        if data.views:
            table.move_cursor(row=min(row, len(data.views) - 1))
        summary = "No meetings yet. Press s to schedule the baseline with the referrer." if not data.views else \
            f"{len(data.views)} meeting{'s' if len(data.views) != 1 else ''}. Times are UK time."
        self.query_one("#meetings-summary", Static).update(summary)
        self._show_detail()

    def _show_detail(self) -> None:
        view = self.current()
        review = self.data.review if self.data else None
        self.query_one("#meetings-detail", Static).update(
            detail_text(view, review, self.data.kept if self.data else None) if view else Content(""))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def current(self) -> MeetingView | None:
        if self.data is None or not self.data.views:
            return None
        table = self.query_one("#meetings-table", DataTable)
        return self.data.views[min(table.cursor_row, len(self.data.views) - 1)]

    def _chosen(self, *allowed: MeetingStatus, doing: str) -> MeetingView | None:
        view = self.current()
        if view is None:
            self.notify("There is no meeting yet: press s to schedule one.", severity="warning")
            return None
        if allowed and view.meeting.status not in allowed:
            self.notify(f"This meeting is {view.meeting.status.label.lower()}, so you cannot {doing}.",
                        severity="warning")
            return None
        return view

    def _after(self, result: Any, *, case_changed: bool = False) -> None:
        if result is None:
            return
        if case_changed:
            self.case_changed()
        else:
            self.reload()

    def _form(self, title: str, fields: list[FormField], save: Any, *, case_changed: bool = False,
              **options: Any) -> None:
        self.app.push_screen(FormScreen(title, fields, save, **options),
                             lambda result: self._after(result, case_changed=case_changed))

    # Actions --------------------------------------------------------------------------------------------

    def action_schedule(self) -> None:
        if self.data is None:
            return
        self._form("Schedule a meeting", meeting_fields(self.data.choices), schedule_function(self.case_id),
                   initial={"kind": "baseline" if not self.data.views else "fgdm_meeting"},
                   saved_message=lambda m: f"{m.kind.label} planned for {format_instant(m.starts_at)}",
                   intro="Times are UK time. If fgdm warns about the time or a clash, the warnings show at the "
                         "top with a box for your reason: type it and save again to accept them.")

    def action_edit(self) -> None:
        view = self._chosen(MeetingStatus.PLANNED, doing="edit it")
        if view is None or self.data is None:
            return
        self._form("Edit meeting", meeting_fields(self.data.choices), edit_function(view),
                   initial=initial_values(view), version=view.meeting.version, send_only_changes=True,
                   saved_message=lambda m: f"Meeting saved (calendar version {m.ical_sequence})")

    def action_held(self) -> None:
        view = self._chosen(MeetingStatus.PLANNED, doing="record it as held")
        if view is None:
            return
        self._form("Record the meeting as held", held_fields(), held_function(view),
                   case_changed=True, initial={"held_on": view.local_start.date()},
                   saved_message=lambda m: f"{m.kind.label} recorded as held",
                   intro="If meetings of earlier stages are still planned, fgdm says so: type a reason at the end "
                         "of the form and save again to go on.")

    def action_attendance(self) -> None:
        view = self._chosen(MeetingStatus.HELD, doing="record attendance (record it as held first: d)")
        if view is None:
            return
        if not view.attendees:
            self.notify("Nobody was invited to this meeting.", severity="warning")
            return
        meeting_id = view.meeting.id
        self._form("Who came", attendance_fields(view),
                   lambda ctx, values, _v: meetings.record_attendance(ctx, meeting_id, attendance_values(values)),
                   initial={f"attendee_{a.id}": a.attendance.value for a in view.attendees},
                   saved_message=lambda _m: "Attendance saved")

    def _set_aside(self, status: MeetingStatus) -> None:
        allowed = (MeetingStatus.PLANNED,) if status is MeetingStatus.POSTPONED else (
            MeetingStatus.PLANNED, MeetingStatus.POSTPONED)
        view = self._chosen(*allowed, doing=f"mark it {status.label.lower()}")
        if view is None:
            return
        meeting_id = view.meeting.id
        call = meetings.postpone_meeting if status is MeetingStatus.POSTPONED else meetings.cancel_meeting
        self._form(f"{'Postpone' if status is MeetingStatus.POSTPONED else 'Cancel'} the meeting",
                   set_aside_fields(),
                   lambda ctx, values, _v: call(ctx, meeting_id, values["reason"] or ""),
                   saved_message=lambda m: f"Meeting {m.status.label.lower()}; send the cancellation (i)")

    def action_postpone(self) -> None:
        self._set_aside(MeetingStatus.POSTPONED)

    def action_cancel_meeting(self) -> None:
        self._set_aside(MeetingStatus.CANCELLED)

    def action_move(self) -> None:
        view = self._chosen(MeetingStatus.PLANNED, MeetingStatus.POSTPONED, doing="move it")
        if view is not None:
            self._reschedule(view, "Move the meeting", replan=False)

    def action_replan(self) -> None:
        view = self._chosen(MeetingStatus.POSTPONED, doing="replan it")
        if view is not None:
            self._reschedule(view, "Replan the meeting", replan=True)

    def _reschedule(self, view: MeetingView, title: str, *, replan: bool) -> None:
        """The move form: the meeting form's time and venue fields, saved through the warnings; the whole case
        reloads after it, so its History shows the move."""
        if self.data is None:
            return
        before = when(view)
        self._form(title, move_fields(self.data.choices), move_function(view, replan=replan), case_changed=True,
                   initial=initial_values(view), version=view.meeting.version,
                   intro=f"Now {before}. Same calendar event at the new time: send the invitations again (i) and "
                         "each copy says which time it replaces.",
                   saved_message=lambda m: f"Moved from {before} to {format_instant(m.starts_at)}; send the "
                                           "invitations again (i)")

    def action_invitation(self) -> None:
        view = self._chosen(doing="")
        if view is None:
            return
        meeting_id = view.meeting.id
        recipients = [("The professionals' copy (coordinator and staff)", PROFESSIONALS)]
        recipients += [(f"{a.name}'s own invitation", a.person_id) for a in view.attendees if not a.is_staff]
        fields = invitation_fields(recipients)

        def export(ctx: ServiceContext, values: dict[str, Any], _v: int | None) -> Path:
            person = values["recipient"] or None
            path = Path(values["output"]).expanduser() if (values.get("output") or "").strip() else \
                meetings.default_ics_path(ctx, meeting_id, person)
            return meetings.save_meeting_ics(ctx, meeting_id, path, for_person_id=person)

        def exported(path: Path | None) -> None:
            if path is not None:
                show_written(self.app, "The calendar invitation was written", [path])
                self.case_changed()

        self.app.push_screen(FormScreen("Calendar invitation", fields, export, initial={"recipient": PROFESSIONALS},
                                        saved_message=lambda _path: "Invitation written"), exported)

    def action_invitations_sent(self) -> None:
        view = self._chosen(doing="")
        if view is None:
            return
        meeting_id = view.meeting.id
        run_service(self, lambda ctx: meetings.mark_invitations_sent(ctx, meeting_id),
                    lambda _m: (self.notify("Invitations recorded as sent"), self.reload()), group="meetings-sent")

    def action_keep_from(self) -> None:
        view = self._chosen(doing="")
        if view is None:
            return
        case_id = self.case_id
        run_service(self, lambda ctx: [(m.person_id, m.name) for m in network.network_picture(ctx, case_id).network],
                    lambda people: self._keep_from(view, people), group="meetings-keep-from")

    def _keep_from(self, view: MeetingView, people: list[tuple[int, str]]) -> None:
        """One tick per member for the venue, and one for the date and time."""
        if self.data is None:
            return
        if not people:
            self.notify("Add members to the network first: a venue or time is kept from named members.",
                        severity="warning")
            return
        meeting_id = view.meeting.id
        fields = [field for fact in KEPT_FACTS for field in keep_from_fields(
            fact, people, lambda name, fact=fact: f"Keep the {fact.label.lower()} from {name}",
            section=f"{fact.label} kept from")]
        self._form(f"Keep this {view.meeting.kind.label.lower()}'s venue or time from", fields,
                   keep_from_function(self.case_id, self.data.kept, KEPT_FACTS, meeting_id=meeting_id),
                   initial=keep_from_initial(self.data.kept, KEPT_FACTS, meeting_id=meeting_id),
                   saved_message=lambda _r: "Who may learn the meeting's venue and time is saved")

    def action_diary(self) -> None:
        self.app.push_screen(DiaryScreen())
