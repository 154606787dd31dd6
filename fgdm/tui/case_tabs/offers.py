"""The Offers & letters tab: each child's s.31ZA duty status, the offer to each parent and PR holder, the
best-interests decisions, and the letters written, with every step from the keyboard.

`f` records the offer to the highlighted person, `y` their answer, `b` a best-interests decision, `c` the
care application date, `t` writes a letter to the highlighted person and `p` writes every pending offer
letter at once, each in its recipient's language. The pre-proceedings table lists each child's episodes and the
panel under it says the highlighted one as the CIN census module 5 will report it, in words; `d` records an
episode, enter on the table changes it (an item fgdm derives can be overridden there, with a reason), delete
removes it (after asking), and `i` records a child's id in the council's case system (LAchildID). The wording
goes through the ``tui`` gettext catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from fgdm.domain.duty import DutyState
from fgdm.domain.enums import ExceptionScope, LetterKind, OfferMethod, OfferResponse
from fgdm.i18n import N_, _, format_day, format_day_short, format_instant, locale_for, ngettext
from fgdm.services import letters, offers
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.actions import Action, bindings_for, register
from fgdm.tui.widgets.case_tab import CaseTab
from fgdm.tui.widgets.confirmation import Confirmation
from fgdm.tui.widgets.form import FormField, FormScreen
from fgdm.tui.widgets.service_call import run_service
from fgdm.tui.widgets.written import show_written

register(
    Action("offers.record_offer", "offers", "f", "record_offer", N_("Record offer"),
           N_("Record the s.31ZA offer to the highlighted parent or PR holder")),
    Action("offers.record_answer", "offers", "y", "record_answer", N_("Answer"),
           N_("Record the highlighted person's answer to their offer")),
    Action("offers.exception", "offers", "b", "record_exception", N_("Best interests"),
           N_("Record that an offer, or holding the meeting, is not in a child's best interests")),
    Action("offers.application", "offers", "c", "record_application", N_("Application"),
           N_("Record the date of the care or supervision order application")),
    Action("offers.letter", "offers", "t", "write_letter", N_("Letter"),
           N_("Write a letter to the highlighted person: offer, invitation or outcome")),
    Action("offers.pending_letters", "offers", "p", "write_pending", N_("Pending letters"),
           N_("Write the offer letter for every parent and PR holder whose offer is pending")),
    Action("offers.episode", "offers", "d", "record_episode", N_("Pre-proceedings"),
           N_("Record a child's pre-proceedings episode for the CIN census (decision, meetings, outcome)")),
    Action("offers.edit_episode", "offers", "enter", "edit_episode", N_("Edit episode"),
           N_("Change the highlighted pre-proceedings episode, or override an item fgdm takes from the case"),
           show=False),
    Action("offers.remove_episode", "offers", "delete", "remove_episode", N_("Remove episode"),
           N_("Remove the highlighted pre-proceedings episode, recorded in error (asks first)")),
    Action("offers.child_id", "offers", "i", "record_child_id", N_("Child's id"),
           N_("Record a child's id in the council's case system (LAchildID), for the CIN census")),
)

STATE_TEXT = {DutyState.MET: N_("Met"), DutyState.PENDING: N_("Pending"), DutyState.EXCEPTED: N_("Excepted"),
              DutyState.BREACHED: N_("Breached"), DutyState.NOT_APPLICABLE: N_("Not applicable")}
STATE_STYLE = {DutyState.MET: "$success", DutyState.PENDING: "$warning", DutyState.EXCEPTED: "$accent",
               DutyState.BREACHED: "$error", DutyState.NOT_APPLICABLE: "$text-muted"}
RESPONSE_TEXT = {OfferResponse.PENDING: N_("Waiting"), OfferResponse.ACCEPTED: N_("Accepted"),
                 OfferResponse.DECLINED: N_("Declined"), OfferResponse.NO_RESPONSE: N_("No response"),
                 OfferResponse.WITHDRAWN: N_("Withdrawn")}
METHOD_TEXT = {OfferMethod.LETTER: N_("Letter"), OfferMethod.IN_PERSON: N_("In person"),
               OfferMethod.PHONE: N_("Phone"), OfferMethod.EMAIL: N_("Email")}
KIND_TEXT = {LetterKind.OFFER: N_("Offer (with the letter before proceedings)"),
             LetterKind.INVITATION: N_("Invitation to the meeting"),
             LetterKind.OUTCOME: N_("After the meeting")}
SCOPE_TEXT = {ExceptionScope.OFFER: N_("No offer: an offer is not in the child's best interests"),
              ExceptionScope.HOLDING: N_("No meeting: holding it is not in the child's best interests")}

Choices = list[tuple[str, Any]]


def role_text(party: offers.OfferView) -> str:
    """Short enough for the table: the full wording is in the duty lines above it."""
    return {"parent with parental responsibility": _("Parent, PR"), "parent": _("Parent"),
            "holder of parental responsibility": _("PR holder")}.get(party.role, party.role)


@dataclass
class OffersTabData:
    duty: list[offers.ChildDuty]
    parties: list[offers.OfferView]
    exceptions: list[offers.ExceptionView]
    letters: list[letters.LetterView]
    children: Choices = field(default_factory=list)
    episodes: list[offers.EpisodeView] = field(default_factory=list)
    lbp_date: Any = None
    application_date: Any = None


def duty_text(data: OffersTabData) -> Content:
    """One line per child (state and why), then what is missing and by when."""
    lines: list[Content] = []
    for child in data.duty:
        lines.append(Content.from_markup(f"[b]$child[/b]: [b {STATE_STYLE[child.state]}]$state[/] · $reason",
                                         child=child.child_name, state=_(STATE_TEXT[child.state]),
                                         reason=child.reason))
        for step in child.missing:
            due = _(" by {date}").format(date=format_day(step.by)) if step.by else ""
            lines.append(Content.from_markup("   • $what$due", what=step.what, due=due))
        for warning in child.warnings:
            lines.append(Content.from_markup("   [b]![/b] $warning", warning=warning))
    dates = _("Letter before proceedings: {lbp} · Care application: {application}").format(
        lbp=format_day(data.lbp_date) or _("not recorded"), application=format_day(data.application_date) or _("none"))
    lines.append(Content(dates))
    return Content("\n").join(lines) if lines else Content(_("This case has no children recorded."))


def exceptions_text(data: OffersTabData) -> Content:
    if not data.exceptions:
        return Content(_("No best-interests decision is recorded."))
    return Content("\n").join(
        Content.from_markup("[b]$scope[/b] ($child) · $who, $when: $reason", scope=_(SCOPE_TEXT[e.scope]),
                            child=e.child_name, who=e.decided_by, when=format_day(e.decided_on), reason=e.reason)
        for e in data.exceptions)


def _flag(value: bool | None) -> str:
    return _("not yet known") if value is None else (_("yes") if value else _("no"))


def episode_text(data: OffersTabData, row: int) -> Content:
    """The highlighted episode as the census will say it, in words; items fgdm derived from the case are marked,
    and an item recorded over the case's records says what the records say and why."""
    if not data.episodes:
        return Content(_("No pre-proceedings episode is recorded (d records one)."))
    episode = data.episodes[min(row, len(data.episodes) - 1)]
    block = episode.block

    def said(value: Any, element: str, words: str) -> str:
        shown = _flag(value) if words == "flag" else (format_day(value) or _("not recorded"))
        if element in block.derived:
            return shown + " " + _("(from the case)")
        if element in block.overridden:
            case_value = block.overridden[element]
            case_said = _flag(case_value) if words == "flag" else format_day(case_value)
            return shown + " " + _("(overridden: the case's records say {value}; {reason})").format(
                value=case_said, reason=episode.override_reason or _("no reason given"))
        return shown

    return Content.from_markup(
        "[b]$child[/b] ($id) · $decided · $letter · $offered · $held · $initial · $reviews · $step · "
        "$outcome · $court · $issued",
        child=episode.child_name, id=episode.la_child_id or _("no LAchildID: press i"),
        decided=_("decided {day}").format(day=said(block.pp_start_date, "PPStartDate", "day")),
        letter=_("letter {day}").format(day=said(block.lbp_sent_date, "LBPSentDate", "day")),
        offered=_("offered in the letter: {flag}").format(
            flag=said(block.fgdm_meeting_offer, "FGDMMeetingOffer", "flag")),
        held=_("meeting after the offer: {flag}").format(flag=said(block.fgdm_meeting_fac, "FGDMMeetingFac", "flag")),
        initial=_("first pre-proceedings meeting {day}").format(
            day=said(block.initial_pp_meeting_date, "InitialPPMeetingDate", "day")),
        reviews=_("reviews {count}").format(count=block.review_meetings_count
                                             if block.review_meetings_count is not None else _("not recorded")),
        step=_("step decision {day}").format(day=said(block.step_decision_date, "StepDecisionDate", "day")),
        outcome=_("outcome: {words}").format(words=episode.outcome_words or _("not recorded")),
        court=_("court application {day}").format(day=said(block.court_app_date, "CourtAppDate", "day")),
        issued=_("letter issuing proceedings {day}").format(
            day=said(block.letter_init_cp_date, "LetterInitCPDate", "day")))


def episode_fields(children: Choices | None) -> list[FormField]:
    """The episode's items, in the census's words; with `children`, the child is chosen first (a new episode).
    The four items fgdm takes from the case are left blank to keep the case's; a value there overrides it."""
    outcomes = [("", None), *((words, code) for code, words in offers.outcome_words().items())]
    flags = [("", None), (_("yes"), True), (_("no"), False)]
    chosen = [FormField("case_child_id", _("Child"), "choice", children[1:], required=True)] if children else []
    return [*chosen,
            FormField("pp_start_date", _("Pre-proceedings decided on (legal planning meeting)"), "date"),
            FormField("initial_pp_meeting_date", _("First pre-proceedings meeting"), "date"),
            FormField("review_meetings_count", _("Review meetings since (a number)")),
            FormField("step_decision_date", _("Decision to step up or down"), "date"),
            FormField("pp_outcome", _("Outcome"), "choice", outcomes),
            FormField("letter_init_cp_date", _("Letter telling the parents proceedings are issued"), "date"),
            FormField("lbp_sent_date", _("Letter before proceedings sent (blank: the case's)"), "date"),
            FormField("fgdm_meeting_offer", _("FGDM meeting offered in that letter (blank: from the case)"), "choice",
                      flags),
            FormField("fgdm_meeting_fac", _("FGDM meeting held after the offer (blank: from the case)"), "choice",
                      flags),
            FormField("court_app_date", _("Court application submitted (blank: the case's)"), "date"),
            FormField("override_reason", _("Why, where these differ from the case's records"), "long_text"),
            FormField("notes", _("Notes"), "long_text")]


def episode_values(values: dict[str, Any]) -> dict[str, Any]:
    """The form's values as the service takes them: the count as a number or blank, text never None."""
    found = dict(values)
    if "review_meetings_count" in found:
        found["review_meetings_count"] = (found["review_meetings_count"] or "").strip() or None
    for name in ("notes", "override_reason"):
        if name in found:
            found[name] = found[name] or ""
    return found


def offer_fields() -> list[FormField]:
    return [FormField("offered_on", _("Offered on"), "date", required=True),
            FormField("method", _("How"), "choice", [(_(text), m.value) for m, text in METHOD_TEXT.items()],
                      required=True),
            FormField("in_lbp", _("Included in the letter before proceedings"), "flag"),
            FormField("notes", _("Notes"), "long_text")]


def answer_fields() -> list[FormField]:
    answers = [(_(RESPONSE_TEXT[r]), r.value) for r in offers.ANSWERS]
    return [FormField("response", _("Answer"), "choice", answers, required=True),
            FormField("response_on", _("Answered on"), "date", required=True),
            FormField("note", _("What was said"), "long_text")]


def exception_fields(children: Choices) -> list[FormField]:
    return [FormField("scope", _("Decision"), "choice", [(_(t), s.value) for s, t in SCOPE_TEXT.items()],
                      required=True),
            FormField("case_child_id", _("For which child (blank: every child)"), "choice", children),
            FormField("decided_by", _("Decided by (name and role)"), required=True),
            FormField("decided_on", _("Decided on"), "date", required=True),
            FormField("reason", _("Why, in words the court can read"), "long_text", required=True)]


def letter_fields() -> list[FormField]:
    languages = [("", None), *((locale_for(code).get_display_name("en_GB") or code, code)
                               for code in letters.letter_languages())]
    return [FormField("kind", _("Letter"), "choice", [(_(t), k.value) for k, t in KIND_TEXT.items()], required=True),
            FormField("language", _("Language (blank: the recipient's own)"), "choice", languages),
            FormField("output", _("Save as (blank: the output folder)")),
            FormField("pdf", _("Also make a PDF (needs LibreOffice)"), "flag")]


def written_message(made: list[letters.GeneratedLetter]) -> str:
    return ngettext("Wrote {count} letter", "Wrote {count} letters", len(made)).format(count=len(made))


def show_letters(tab: CaseTab, made: list[letters.GeneratedLetter]) -> None:
    """Where each letter went, and what to know about it, until the user closes the message."""
    paths = [path for letter in made for path in (letter.path, letter.pdf_path) if path is not None]
    notes = [f"{letter.recipient}: {notice}" for letter in made for notice in letter.notices]
    show_written(tab.app, written_message(made), paths, notes)


def application_fields() -> list[FormField]:
    return [FormField("care_application_date", _("Application made on (blank: none)"), "date")]


def child_id_fields(children: list[tuple[str, Any]]) -> list[FormField]:
    return [FormField("case_child_id", _("Child"), "choice", children, required=True),
            FormField("la_child_id", _("Id in the case system (up to 10 characters; blank clears it)"))]


def offer_rows(data: OffersTabData, *, narrow: bool) -> tuple[list[str], list[list[str]]]:
    """The offers table's headings and rows: in full, or narrowed to fit a narrow terminal (the answer and its day
    in one column, short days, "not to be told" under the name, how it was offered left to the offer's form)."""
    headings = [_("Person"), _("Role"), _("Offered"), _("In LBP"), _("Answer")] if narrow else [
        _("Person"), _("Role"), _("Offered"), _("How"), _("In LBP"), _("Answer"), _("Answered")]
    day = format_day_short if narrow else format_day
    rows = []
    for party in data.parties:
        name = party.name + (("\n" if narrow else " ") + _("(not to be told)") if party.not_to_be_told else "")
        answer = _(RESPONSE_TEXT[party.response]) if party.response else ""
        offered = day(party.offered_on) or _("not offered")
        in_lbp = (_("yes") if party.in_lbp else _("NO")) if party.offer_id else ""
        if narrow:
            rows.append([name, role_text(party), offered, in_lbp,
                         " ".join(cell for cell in (answer, day(party.response_on)) if cell)])
        else:
            rows.append([name, role_text(party), offered, _(METHOD_TEXT[party.method]) if party.method else "",
                         in_lbp, answer, day(party.response_on)])
    return headings, rows


def table_width(headings: list[str], rows: list[list[str]]) -> int:
    """The columns a table of these cells takes, each widened by a space either side."""
    return sum(max(len(line) for cell in (heading, *(row[index] for row in rows)) for line in cell.split("\n")) + 2
               for index, heading in enumerate(headings))


class OffersTab(CaseTab):
    ACTION_SCOPE = "offers"
    BINDINGS = bindings_for("offers")

    def __init__(self, case_id: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(case_id, id=id, classes=classes)
        self.data: OffersTabData | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="offers-scroll"):
            yield Static(_("Duty under section 31ZA"), classes="offers-title")
            yield Static(id="offers-duty")
            yield Static(_("Offers to parents and holders of parental responsibility"), classes="offers-title")
            yield DataTable(id="offers-table", cursor_type="row", zebra_stripes=True)
            yield Static(_("Pre-proceedings (CIN census module 5)"), classes="offers-title")
            episodes: DataTable[str] = DataTable(id="offers-episode-table", cursor_type="row", zebra_stripes=True)
            episodes.add_columns(_("Child"), _("LAchildID"), _("Decided"), _("Outcome"))
            yield episodes
            yield Static(id="offers-episodes")
            yield Static(_("Best-interests decisions"), classes="offers-title")
            yield Static(id="offers-exceptions")
            yield Static(_("Letters written"), classes="offers-title")
            written: DataTable[str] = DataTable(id="offers-letters", cursor_type="row", zebra_stripes=True)
            written.add_columns(_("When"), _("Letter"), _("To"), _("Language"), _("By"))
            yield written

    def fetch(self, ctx: ServiceContext) -> OffersTabData:
        found = offers.case_offers(ctx, self.case_id)
        return OffersTabData(
            duty=found.duty, parties=found.parties, exceptions=found.exceptions,
            letters=letters.list_letters(ctx, self.case_id),
            children=[("", None), *((child.child_name, child.case_child_id) for child in found.duty)],
            episodes=found.episodes,
            lbp_date=found.lbp_date, application_date=found.application_date)

    def show(self, data: OffersTabData) -> None:
        self.data = data
        self.query_one("#offers-duty", Static).update(duty_text(data))
        table = self.query_one("#offers-table", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        room = self.width_across() - 2 * table.styles.scrollbar_size_vertical  # the scroll beside the tab's too
        headings, rows = offer_rows(data, narrow=False)
        if table_width(headings, rows) > room:
            headings, rows = offer_rows(data, narrow=True)
        table.add_columns(*headings)
        for party, cells in zip(data.parties, rows, strict=True):
            table.add_row(*cells, key=str(party.network_member_id), height=cells[0].count("\n") + 1)
        if data.parties:
            table.move_cursor(row=min(row, len(data.parties) - 1))
        self.query_one("#offers-exceptions", Static).update(exceptions_text(data))
        episodes = self.query_one("#offers-episode-table", DataTable)
        row = episodes.cursor_row
        episodes.clear()
        for episode in data.episodes:
            episodes.add_row(episode.child_name, episode.la_child_id or "",
                             format_day(episode.block.pp_start_date) or _("not recorded"),
                             episode.outcome_words or _("not recorded"), key=str(episode.id))
        if data.episodes:
            episodes.move_cursor(row=min(row, len(data.episodes) - 1))
        self._show_episode()
        written = self.query_one("#offers-letters", DataTable)
        written.clear()
        for letter in reversed(data.letters):
            written.add_row(format_instant(letter.generated_at), _(KIND_TEXT[letter.kind]), letter.recipient,
                            letter.language, letter.generated_by, key=str(letter.id))

    def on_resize(self) -> None:
        """The offers table is laid out for the width there is: draw it again once the tab has its size."""
        if self.data is not None:
            self.show(self.data)

    def _show_episode(self) -> None:
        if self.data is not None:
            row = self.query_one("#offers-episode-table", DataTable).cursor_row
            self.query_one("#offers-episodes", Static).update(episode_text(self.data, row))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "offers-episode-table":
            event.stop()
            self._show_episode()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "offers-episode-table":
            event.stop()
            self.action_edit_episode()

    def _episode(self) -> offers.EpisodeView | None:
        if self.data is None or not self.data.episodes:
            self.notify(_("No pre-proceedings episode is recorded yet: press d to record one."), severity="warning")
            return None
        table = self.query_one("#offers-episode-table", DataTable)
        return self.data.episodes[min(table.cursor_row, len(self.data.episodes) - 1)]

    def _party(self) -> offers.OfferView | None:
        if self.data is None or not self.data.parties:
            self.notify(_("Nobody in the network is recorded as a parent or PR holder yet."), severity="warning")
            return None
        table = self.query_one("#offers-table", DataTable)
        return self.data.parties[min(table.cursor_row, len(self.data.parties) - 1)]

    def _after(self, result: Any) -> None:
        if result is not None:
            self.case_changed()

    def action_record_offer(self) -> None:
        party = self._party()
        if party is None or self.data is None:
            return
        member_id = party.network_member_id
        initial = {"offered_on": self.data.lbp_date or self.fgdm.today(), "method": OfferMethod.LETTER.value,
                   "in_lbp": True, "notes": ""}
        self.app.push_screen(
            FormScreen(_("Offer to {name}").format(name=party.name), offer_fields(),
                       lambda ctx, values, _version: offers.record_offer(
                           ctx, self.case_id, {**values, "network_member_id": member_id,
                                               "notes": values["notes"] or ""}),
                       initial=initial, saved_message=lambda _offer: _("Offer recorded")),
            self._after)

    def action_record_answer(self) -> None:
        party = self._party()
        if party is None:
            return
        offer_id = party.offer_id
        if offer_id is None:
            self.notify(_("Record the offer to {name} first (f).").format(name=party.name), severity="warning")
            return
        self.app.push_screen(
            FormScreen(_("Answer from {name}").format(name=party.name), answer_fields(),
                       lambda ctx, values, version: offers.record_response(
                           ctx, offer_id, values["response"], on=values["response_on"], note=values["note"] or "",
                           expected_version=version),
                       initial={"response": OfferResponse.ACCEPTED.value, "response_on": self.fgdm.today()},
                       version=party.version, saved_message=lambda _offer: _("Answer recorded")),
            self._after)

    def action_record_exception(self) -> None:
        if self.data is None:
            return
        self.app.push_screen(
            FormScreen(_("Best-interests decision"), exception_fields(self.data.children),
                       lambda ctx, values, _version: offers.record_exception(ctx, self.case_id, values),
                       initial={"scope": ExceptionScope.OFFER.value, "decided_on": self.fgdm.today()},
                       saved_message=lambda _row: _("Decision recorded")),
            self._after)

    def action_record_application(self) -> None:
        if self.data is None:
            return
        self.app.push_screen(
            FormScreen(_("Care or supervision order application"),
                       application_fields(),
                       lambda ctx, values, _version: offers.record_care_application(
                           ctx, self.case_id, values["care_application_date"]),
                       initial={"care_application_date": self.data.application_date},
                       saved_message=lambda _case: _("Application date saved")),
            self._after)

    def action_record_episode(self) -> None:
        if self.data is None or len(self.data.children) < 2:
            return
        self.app.push_screen(
            FormScreen(_("Pre-proceedings episode"), episode_fields(self.data.children),
                       lambda ctx, values, _version: offers.record_episode(ctx, self.case_id, episode_values(values)),
                       initial={"case_child_id": self.data.children[1][1]},
                       saved_message=lambda _row: _("Pre-proceedings episode recorded")),
            self._after)

    def action_edit_episode(self) -> None:
        episode = self._episode()
        if episode is None:
            return
        episode_id = episode.id

        def load(ctx: ServiceContext) -> tuple[dict[str, Any], int | None]:
            found = next(view for view in offers.list_episodes(ctx, self.case_id) if view.id == episode_id)
            return found.recorded, found.version

        self.app.push_screen(
            FormScreen(_("Pre-proceedings episode of {child}").format(child=episode.child_name),
                       episode_fields(None),
                       lambda ctx, values, version: offers.update_episode(ctx, episode_id, episode_values(values),
                                                                          expected_version=version),
                       initial=episode.recorded, version=episode.version, load=load, send_only_changes=True,
                       saved_message=lambda _row: _("Pre-proceedings episode saved")),
            self._after)

    def action_remove_episode(self) -> None:
        episode = self._episode()
        if episode is None:
            return
        episode_id, version = episode.id, episode.version

        def answer(remove: bool | None) -> None:
            if remove:
                run_service(self, lambda ctx: offers.remove_episode(ctx, episode_id, expected_version=version),
                            lambda _done: self._removed(), group="offers-episode")

        decided = format_day(episode.block.pp_start_date) or _("no decision date")
        self.app.push_screen(Confirmation(_("Remove {child}'s pre-proceedings episode ({decided})? Use this for an "
                                            "episode recorded in error.").format(child=episode.child_name,
                                                                                 decided=decided),
                                          yes=_("Remove"), no=_("Keep")), answer)

    def _removed(self) -> None:
        self.notify(_("Pre-proceedings episode removed"))
        self.case_changed()

    def action_record_child_id(self) -> None:
        if self.data is None or len(self.data.children) < 2:
            return
        fields = child_id_fields(self.data.children[1:])
        self.app.push_screen(
            FormScreen(_("Child's id in the case system (LAchildID)"), fields,
                       lambda ctx, values, _version: offers.set_la_child_id(
                           ctx, self.case_id, values["case_child_id"], values["la_child_id"]),
                       initial={"case_child_id": self.data.children[1][1]},
                       saved_message=lambda _person: _("Child's id saved")),
            self._after)

    def action_write_letter(self) -> None:
        party = self._party()
        if party is None:
            return
        person_id = party.person_id

        def write(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> list[Any]:
            output = Path(values["output"]).expanduser() if values["output"] else None
            return [letters.generate_letter(ctx, self.case_id, person_id, values["kind"],
                                            language=values["language"], output=output, pdf=bool(values["pdf"]))]

        def ask(warnings: list[str]) -> None:
            intro = "\n".join(_("Offer letter warning: {warning}").format(warning=w) for w in warnings)
            self.app.push_screen(
                FormScreen(_("Letter to {name}").format(name=party.name), letter_fields(), write,
                           initial={"kind": LetterKind.OFFER.value, "pdf": False}, saved_message=written_message,
                           intro=intro),
                self._written)

        run_service(self, lambda ctx: letters.letter_warnings(ctx, self.case_id, LetterKind.OFFER), ask,
                    group="offers-letters")

    def action_write_pending(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                run_service(self, lambda ctx: letters.generate_pending_offers(ctx, self.case_id),
                            self._written, group="offers-letters")

        def ask(warnings: list[str]) -> None:
            question = _("Write the offer letter for every parent and PR holder whose offer is pending, each in "
                         "their own language?")
            said = "\n".join([question, *(_("Warning: {warning}").format(warning=w) for w in warnings)])
            self.app.push_screen(Confirmation(said, yes=_("Write")), confirmed)

        run_service(self, lambda ctx: letters.letter_warnings(ctx, self.case_id, LetterKind.OFFER), ask,
                    group="offers-letters")

    def _written(self, made: list[letters.GeneratedLetter] | None) -> None:
        if made is None:
            return
        if not made:
            self.notify(_("No offer letter is due: every parent and PR holder has an answer recorded, or no child "
                          "needs the offer."))
            return
        show_letters(self, made)
        self.case_changed()
