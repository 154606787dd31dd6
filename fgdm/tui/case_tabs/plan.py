"""The Plan tab: the family plan typed in during or right after private family time, from the keyboard.

The action table is the centre: `i` adds a row, enter edits it, `d` duplicates, shift+up/down reorder,
space marks it done, delete removes it. Around it: the plan's details (`m`), the family's answers (`q`), the
referrer's decision (`g`), a new review version (`v`), earlier versions (`[` `]`, read-only), printing
(`p`) and the record of who was sent a copy (`s`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from fgdm.domain.enums import ActionStatus, NotAgreedReason, PlanStatus
from fgdm.i18n import format_day, format_day_short, format_instant, locale_for
from fgdm.models import FamilyPlan, PlanDistribution, PlanQuestion
from fgdm.services import plans
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.actions import Action, bindings_for, register
from fgdm.tui.widgets.case_tab import CaseTab
from fgdm.tui.widgets.confirmation import Confirmation
from fgdm.tui.widgets.form import FormField, FormScreen
from fgdm.tui.widgets.service_call import run_service
from fgdm.tui.widgets.written import show_written

register(
    Action("plan.add_action", "plan", "i", "add_action", "Add action", "Add an action at the end of the table"),
    Action("plan.edit_action", "plan", "enter", "edit_action", "Edit action", "Edit the highlighted action",
           show=False),
    Action("plan.duplicate_action", "plan", "d", "duplicate_action", "Duplicate",
           "Copy the highlighted action to just below it"),
    Action("plan.move_up", "plan", "shift+up", "move_action(-1)", "Move up", "Move the highlighted action up",
           show=False),
    Action("plan.move_down", "plan", "shift+down", "move_action(1)", "Move down",
           "Move the highlighted action down", show=False),
    Action("plan.toggle_done", "plan", "space", "toggle_done", "Done", "Mark the highlighted action done, or not"),
    Action("plan.remove_action", "plan", "delete", "remove_action", "Remove", "Remove the highlighted action",
           show=False),
    Action("plan.details", "plan", "m", "edit_details", "Details",
           "Edit the plan lead, bottom lines, child's views, contingency and review date"),
    Action("plan.questions", "plan", "q", "answer_questions", "Questions",
           "Type the family's answers to the questions, or add a question"),
    Action("plan.reword", "plan", "w", "reword_questions", "Reword",
           "Put the questions the way the family was asked them; blank an unanswered one to remove it"),
    Action("plan.decision", "plan", "g", "record_decision", "Decision",
           "Record the referrer's decision: agreed, or not agreed and why"),
    Action("plan.new_version", "plan", "v", "new_version", "New version",
           "Start the first plan, or a review version from the last agreed one"),
    Action("plan.earlier", "plan", "left_square_bracket", "view_version(-1)", "Earlier version",
           "Look at the version before this one (read-only)", show=False),
    Action("plan.later", "plan", "right_square_bracket", "view_version(1)", "Later version",
           "Look at the version after this one", show=False),
    Action("plan.print", "plan", "p", "print_plan", "Print", "Write the family's copy as .docx (and PDF)"),
    Action("plan.sent", "plan", "s", "record_sent", "Sent", "Record who this version was sent to"),
)

Choices = list[tuple[str, Any]]
QUESTION_LABEL_WIDTH = 60
MIN_WHAT_WIDTH = 24
OTHER_COLUMNS_WIDTH = 72
"""Roughly what the other columns of the action table take, so "What" gets the rest of the width."""


@dataclass
class PlanTabData:
    versions: list[FamilyPlan]
    detail: plans.PlanDetail | None = None
    changes: plans.PlanChanges | None = None
    members: Choices = field(default_factory=list)
    sent: list[PlanDistribution] = field(default_factory=list)
    family_language: str = "en_GB"
    output: Path | None = None


def action_fields(members: Choices, *, editing: bool) -> list[FormField]:
    fields = [FormField("what", "What will be done", required=True),
              FormField("who_text", "Who (a name or a role)", placeholder="e.g. Social worker, or Nana"),
              FormField("who_member_id", "Or who, from the network", "choice", members),
              FormField("by_when", "By when", "date"),
              FormField("checked_by", "Who checks it")]
    if editing:
        fields.append(FormField("status", "Progress", "choice", [(s.label, s.value) for s in ActionStatus],
                                required=True))
    return fields


def details_fields(members: Choices) -> list[FormField]:
    return [FormField("plan_lead_member_id", "Plan lead", "choice", members),
            FormField("review_date", "Review date", "date"),
            FormField("bottom_lines", "Bottom lines", "long_text"),
            FormField("child_views", "The child's views, in their own words", "long_text"),
            FormField("contingency", "If the plan breaks down", "long_text")]


DECISIONS: Choices = [("Agreed", "agreed"), *((f"Not agreed: {r.label.lower()}", r.value) for r in NotAgreedReason)]


def question_fields(questions: list[PlanQuestion]) -> list[FormField]:
    """One answer per question (labelled with the question), then room for a question of the family's own."""
    return [*(FormField(f"answer_{q.id}", shorten(q.question, QUESTION_LABEL_WIDTH), "long_text")
              for q in questions),
            FormField("new_question", "Another question", aliases=("answers",)),
            FormField("new_answer", "Its answer", "long_text")]


def wording_fields(questions: list[PlanQuestion]) -> list[FormField]:
    """One field per question holding its wording; the answer stays as typed in the answers form."""
    return [FormField(f"question_{q.id}", f"Question {n}", "long_text") for n, q in enumerate(questions, 1)]


def decision_fields() -> list[FormField]:
    return [FormField("decision", "Decision", "choice", DECISIONS, required=True, aliases=("not_agreed_reason",)),
            FormField("not_agreed_detail", "If not agreed: what the plan would need", "long_text"),
            FormField("decision_by", "Referrer (blank: the case's referrer)"),
            FormField("decision_on", "Decided on", "date", required=True)]


def language_choices() -> Choices:
    return [(locale_for(code).get_display_name("en_GB") or code, code) for code in plans.plan_languages()]


def print_fields() -> list[FormField]:
    return [FormField("language", "Language", "choice", language_choices(), required=True),
            FormField("output", "Save as", required=True),
            FormField("pdf", "Also make a PDF (needs LibreOffice)", "flag")]


def sent_fields(members: Choices) -> list[FormField]:
    return [FormField("everyone_who_took_part", "Everyone from the network who took part", "flag"),
            FormField("member_ids", "Sent to, from the network", "choice", members),
            FormField("names", "Or others, separated by commas", aliases=("recipients",)),
            FormField("method", "How (post, email, by hand)")]


def record_decision(ctx: ServiceContext, plan_id: int, values: dict[str, Any], version: int | None) -> FamilyPlan:
    if values["decision"] == "agreed":
        return plans.record_agreement(ctx, plan_id, decided_by=values["decision_by"] or "",
                                      decided_on=values["decision_on"], expected_version=version)
    return plans.record_not_agreed(ctx, plan_id, reason=values["decision"] or "",
                                   detail=values["not_agreed_detail"] or "", decided_by=values["decision_by"] or "",
                                   decided_on=values["decision_on"], expected_version=version)


def heading_text(data: PlanTabData) -> Content:
    if data.detail is None:
        return Content("No plan yet. Press v to start the first version after the family's private time.")
    plan = data.detail.plan
    state = plan.status.label
    if plan.decision_on:
        state += f" by {plan.decision_by} on {format_day(plan.decision_on)}"
    if plan.not_agreed_reason:
        state += f": {plan.not_agreed_reason.label.lower()}. {plan.not_agreed_detail}"
    latest = data.versions[-1].version_no
    locked = "  (read-only)" if plan.status is not PlanStatus.DRAFT else ""
    return Content.assemble((f"Version {plan.version_no} of {latest}", "bold"), f"  ·  {state}{locked}")


def changes_text(changes: plans.PlanChanges | None) -> str:
    if changes is None:
        return ""
    parts = [f"{label}: " + "; ".join(items) for label, items in
             (("Added", changes.added), ("Removed", changes.removed), ("Done", changes.done)) if items]
    return "Since the last version — " + " · ".join(parts) if parts else ""


def details_text(data: PlanTabData) -> Content:
    detail = data.detail
    assert detail is not None
    plan = detail.plan
    rows = [("Plan lead", detail.plan_lead), ("Review date", format_day(plan.review_date)),
            ("Bottom lines", plan.bottom_lines), ("Child's views", plan.child_views),
            ("If it breaks down", plan.contingency)]
    rows += [(f"Q{n}. {q.question}", q.answer) for n, q in enumerate(detail.questions, 1)]
    if data.sent:
        rows.append(("Sent to", "; ".join(f"{row.recipient_name} ({row.method}, {format_instant(row.sent_at)})"
                                          for row in data.sent)))
    return Content("\n").join(Content.assemble((f"{label}:", "bold"), f" {value or '—'}") for label, value in rows)


class PlanTab(CaseTab):
    ACTION_SCOPE = "plan"
    BINDINGS = bindings_for("plan")

    def __init__(self, case_id: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(case_id, id=id, classes=classes)
        self.viewing: int | None = None
        self.data: PlanTabData | None = None
        self.keep_on: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="plan-heading", markup=False)
        yield Static(id="plan-changes", markup=False)
        table: DataTable[str] = DataTable(id="plan-actions", cursor_type="row", zebra_stripes=True)
        table.add_columns("No.", "Who", "What", "Progress", "By when", "Checked by")
        yield table
        with VerticalScroll(id="plan-details-scroll"):
            yield Static(id="plan-details")

    def fetch(self, ctx: ServiceContext) -> PlanTabData:
        found = plans.case_plan(ctx, self.case_id, self.viewing)
        data = PlanTabData(versions=found.versions, members=[(name, member_id) for member_id, name in found.members],
                           detail=found.detail, changes=found.changes, sent=found.sent, output=found.output)
        if found.detail is not None:
            data.family_language = plans.plan_language(found.detail.case, None)
        return data

    def show(self, data: PlanTabData) -> None:
        self.data = data
        self.query_one("#plan-heading", Static).update(heading_text(data))
        changes = self.query_one("#plan-changes", Static)
        changes.update(changes_text(data.changes))
        changes.display = bool(changes_text(data.changes))
        table = self.query_one("#plan-actions", DataTable)
        row = table.cursor_row
        table.clear()
        details = self.query_one("#plan-details", Static)
        if data.detail is None:
            details.update("")
            return
        what_width = max(MIN_WHAT_WIDTH, self.width_across() - OTHER_COLUMNS_WIDTH)
        for number, view in enumerate(data.detail.actions, 1):
            action = view.action
            table.add_row(str(number), view.who, shorten(action.what, what_width), action.status.label,
                          format_day_short(action.by_when), action.checked_by, key=str(action.id))
        details.update(details_text(data))
        ids = [view.action.id for view in data.detail.actions]
        if self.keep_on in ids:
            row = ids.index(self.keep_on)
        self.keep_on = None
        if ids:
            table.move_cursor(row=min(row, len(ids) - 1))

    def on_resize(self) -> None:
        """The table's "What" column takes the width there is: draw again once the tab has its size."""
        if self.data is not None:
            self.show(self.data)

    # Helpers --------------------------------------------------------------------------------------------

    def _draft_id(self) -> int | None:
        """The plan being shown, if it can be changed; otherwise say why and return None."""
        if self.data is None or self.data.detail is None:
            self.notify("There is no plan yet: press v to start one.", severity="warning")
            return None
        plan = self.data.detail.plan
        if plan.status is not PlanStatus.DRAFT:
            self.notify(f"Version {plan.version_no} is {plan.status.label.lower()} and read-only; press v to "
                        "start a review version.", severity="warning")
            return None
        return plan.id

    def _current_action(self) -> plans.ActionView | None:
        if self.data is None or self.data.detail is None or not self.data.detail.actions:
            return None
        table = self.query_one("#plan-actions", DataTable)
        return self.data.detail.actions[min(table.cursor_row, len(self.data.detail.actions) - 1)]

    def _refresh(self, keep_on: int | None = None, *, case_changed: bool = False) -> None:
        """Fetch again after a change, keeping the cursor on the action just touched."""
        self.keep_on = keep_on
        if case_changed:
            self.case_changed()
        else:
            self.reload()

    def _after_form(self, result: Any, *, keep_on: int | None = None, case_changed: bool = False) -> None:
        if result is not None:
            self._refresh(keep_on, case_changed=case_changed)

    def _change(self, call: Callable[[ServiceContext], Any], keep_on: int | None = None) -> None:
        run_service(self, call, lambda _result: self._refresh(keep_on), group="plan-change")

    # Actions --------------------------------------------------------------------------------------------

    def action_add_action(self) -> None:
        plan_id = self._draft_id()
        if plan_id is None or self.data is None:
            return
        self.app.push_screen(
            FormScreen("Add action", action_fields(self.data.members, editing=False),
                       lambda ctx, values, _version: plans.add_action(ctx, plan_id, values),
                       saved_message=lambda action: "Action added"),
            lambda action: self._after_form(action, keep_on=action.id if action else None))

    def action_edit_action(self) -> None:
        view = self._current_action()
        if view is None or self._draft_id() is None or self.data is None:
            return
        action = view.action
        initial = {"what": action.what, "who_text": action.who_text, "who_member_id": action.who_member_id,
                   "by_when": action.by_when, "checked_by": action.checked_by, "status": action.status.value}
        action_id: int = action.id  # type: ignore[assignment]
        self.app.push_screen(
            FormScreen("Edit action", action_fields(self.data.members, editing=True),
                       lambda ctx, values, version: plans.update_action(ctx, action_id, values,
                                                                         expected_version=version),
                       initial=initial, version=action.version, saved_message=lambda _a: "Action saved"),
            lambda saved: self._after_form(saved, keep_on=action_id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_action()

    def action_duplicate_action(self) -> None:
        view = self._current_action()
        if view is None or self._draft_id() is None:
            return
        action_id: int = view.action.id  # type: ignore[assignment]
        run_service(self, lambda ctx: plans.duplicate_action(ctx, action_id), lambda copy: self._refresh(copy.id),
                    group="plan-change")

    def action_move_action(self, offset: int) -> None:
        view = self._current_action()
        if view is None or self._draft_id() is None:
            return
        action_id: int = view.action.id  # type: ignore[assignment]
        self._change(lambda ctx: plans.move_action(ctx, action_id, offset), action_id)

    def action_toggle_done(self) -> None:
        view = self._current_action()
        if view is None or self._draft_id() is None:
            return
        action_id: int = view.action.id  # type: ignore[assignment]
        status = ActionStatus.NOT_STARTED if view.action.status is ActionStatus.DONE else ActionStatus.DONE
        self._change(lambda ctx: plans.set_action_status(ctx, action_id, status), action_id)

    def action_remove_action(self) -> None:
        view = self._current_action()
        if view is None or self._draft_id() is None:
            return
        action_id: int = view.action.id  # type: ignore[assignment]

        def remove(confirmed: bool | None) -> None:
            if confirmed:
                self._change(lambda ctx: plans.remove_action(ctx, action_id))

        self.app.push_screen(Confirmation(f"Remove the action “{view.action.what}”?", yes="Remove"), remove)

    def action_edit_details(self) -> None:
        plan_id = self._draft_id()
        if plan_id is None or self.data is None or self.data.detail is None:
            return
        plan = self.data.detail.plan
        initial = {name: getattr(plan, name) for name in ("plan_lead_member_id", "review_date", "bottom_lines",
                                                          "child_views", "contingency")}
        self.app.push_screen(
            FormScreen("Plan details", details_fields(self.data.members),
                       lambda ctx, values, version: plans.update_plan(ctx, plan_id, values,
                                                                       expected_version=version),
                       initial=initial, version=plan.version, send_only_changes=True,
                       saved_message=lambda _p: "Plan saved"),
            self._after_form)

    def action_answer_questions(self) -> None:
        plan_id = self._draft_id()
        if plan_id is None or self.data is None or self.data.detail is None:
            return
        questions = self.data.detail.questions

        def save(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> Any:
            answers = {int(name.removeprefix("answer_")): value or "" for name, value in values.items()
                       if name.startswith("answer_")}
            return plans.answer_questions(ctx, plan_id, answers, new_question=values.get("new_question") or "",
                                          new_answer=values.get("new_answer") or "")

        self.app.push_screen(
            FormScreen("Questions and the family's answers", question_fields(questions), save,
                       initial={f"answer_{q.id}": q.answer for q in questions}, send_only_changes=True,
                       saved_message=lambda _q: "Answers saved"),
            self._after_form)

    def action_reword_questions(self) -> None:
        plan_id = self._draft_id()
        if plan_id is None or self.data is None or self.data.detail is None:
            return
        questions = self.data.detail.questions
        if not questions:
            self.notify("This version has no questions yet: press q to add one.", severity="warning")
            return

        def save(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> Any:
            wording = {int(name.removeprefix("question_")): value or "" for name, value in values.items()}
            return plans.reword_questions(ctx, plan_id, wording)

        self.app.push_screen(
            FormScreen("The questions, as the family was asked them", wording_fields(questions), save,
                       initial={f"question_{q.id}": q.question for q in questions}, send_only_changes=True,
                       intro="Blank an unanswered question to remove it. Press ctrl+s to save.",
                       saved_message=lambda _q: "Questions saved"),
            self._after_form)

    def action_record_decision(self) -> None:
        plan_id = self._draft_id()
        if plan_id is None or self.data is None or self.data.detail is None:
            return
        self.app.push_screen(
            FormScreen("The referrer's decision", decision_fields(),
                       lambda ctx, values, version: record_decision(ctx, plan_id, values, version),
                       initial={"decision": "agreed", "decision_on": self.fgdm.today()},
                       version=self.data.detail.plan.version,
                       saved_message=lambda plan: f"Version {plan.version_no}: {plan.status.label.lower()}"),
            lambda plan: self._after_form(plan, case_changed=True))

    def action_new_version(self) -> None:
        if self.data is None:
            return
        versions = self.data.versions
        if versions and versions[-1].status is PlanStatus.DRAFT:
            self.notify(f"Version {versions[-1].version_no} is still a draft; record the referrer's decision "
                        "first (g).", severity="warning")
            return
        question = (f"Start version {len(versions) + 1}, a review copying the last agreed version?" if versions
                    else "Start the family plan?")

        def start(confirmed: bool | None) -> None:
            if confirmed:
                self.viewing = None
                self._change(lambda ctx: plans.start_version(ctx, self.case_id))

        self.app.push_screen(Confirmation(question, yes="Start"), start)

    def action_view_version(self, step: int) -> None:
        if self.data is None or self.data.detail is None:
            return
        numbers = [plan.version_no for plan in self.data.versions]
        index = numbers.index(self.data.detail.plan.version_no) + step
        if 0 <= index < len(numbers):
            self.viewing = numbers[index]
            self.reload()

    def action_print_plan(self) -> None:
        if self.data is None or self.data.detail is None:
            self.notify("There is no plan to print yet.", severity="warning")
            return
        number = self.data.detail.plan.version_no

        def write(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> plans.PrintedPlan:
            return plans.print_plan(ctx, self.case_id, Path(values["output"]).expanduser(), version_no=number,
                                    language=values["language"], pdf=bool(values["pdf"]))

        self.app.push_screen(
            FormScreen(f"Print version {number}", print_fields(), write,
                       initial={"language": self.data.family_language, "output": str(self.data.output),
                                "pdf": False},
                       saved_message=lambda printed: f"Version {number} printed"),
            self._printed)

    def _printed(self, printed: plans.PrintedPlan | None) -> None:
        if printed is None:
            return
        notes = [f"No PDF: {printed.pdf_problem}"] if printed.pdf_problem else []
        if printed.withheld:
            notes.append("Withheld from the family's copy, check: " + ", ".join(printed.withheld))
        show_written(self.app, "The family's copy of the plan was written", [
            path for path in (printed.docx, printed.pdf) if path is not None], notes)
        self.case_changed()

    def action_record_sent(self) -> None:
        if self.data is None or self.data.detail is None:
            return
        plan_id: int = self.data.detail.plan.id  # type: ignore[assignment]

        def save(ctx: ServiceContext, values: dict[str, Any], _version: int | None) -> list[PlanDistribution]:
            names = [name.strip() for name in (values["names"] or "").split(",") if name.strip()]
            member_ids = [values["member_ids"]] if values["member_ids"] is not None else []
            return plans.record_distribution(ctx, plan_id, member_ids=member_ids, names=names,
                                             method=values["method"] or "post",
                                             everyone_who_took_part=bool(values["everyone_who_took_part"]))

        self.app.push_screen(FormScreen("Record who was sent this version", sent_fields(self.data.members), save,
                                        initial={"method": "post", "everyone_who_took_part": True},
                                        saved_message=lambda rows: f"Recorded {len(rows)} sent"),
                             self._after_form)


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters for the table; the edit form shows the whole text."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


