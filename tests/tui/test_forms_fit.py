"""Every form of the workbench at 80×24: tabbing reaches each field, and the last one is on screen when it has
the focus (forms once ended at the screen's edge, with the fields below typed blind). The forms are found in the
workbench's code, every place that opens one, so a new form cannot go unmeasured."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Static

import fgdm.tui
from fgdm.domain.enums import ConfidentialFact
from fgdm.models import Case, PlanQuestion
from fgdm.services.meetings import Invitee, StaffChoice
from fgdm.tui.case_tabs.meetings import KEPT_FACTS, invitation_fields, set_aside_fields
from fgdm.tui.case_tabs.notes import NOTE_FIELDS
from fgdm.tui.case_tabs.offers import (
    answer_fields,
    application_fields,
    child_id_fields,
    episode_fields,
    exception_fields,
    letter_fields,
    offer_fields,
)
from fgdm.tui.case_tabs.plan import (
    action_fields,
    decision_fields,
    details_fields,
    print_fields,
    question_fields,
    sent_fields,
    wording_fields,
)
from fgdm.tui.case_tabs.support import DECLINE_FIELDS, PAY_FIELDS, SupportTabData, approve_fields, item_fields
from fgdm.tui.screens import network_forms
from fgdm.tui.screens.case_forms import child_fields, close_case_form, new_case_fields, overview_fields
from fgdm.tui.screens.diary import EXPORT_FIELDS
from fgdm.tui.screens.meeting_forms import MeetingChoices, attendance_fields, held_fields, meeting_fields, move_fields
from fgdm.tui.screens.settings import setting_fields
from fgdm.tui.widgets.form import FormField, FormScreen
from fgdm.tui.widgets.keep_from import keep_from_fields

STAFF = [(f"Staff member {n} (coordinator)", n) for n in range(1, 9)]
MEMBERS = [(f"Network member {n}", n) for n in range(1, 9)]
CHILDREN = [("Every child", None), ("Amara", 1), ("Tobi", 2)]
QUESTIONS = [PlanQuestion(id=n, plan_id=1, question=f"Question {n} the family was asked at the meeting, in full",
                          answer="") for n in range(1, 6)]
CHOICES = MeetingChoices(venues=[SimpleNamespace(name="Family centre", id=1)],  # type: ignore[list-item]
                         members=[Invitee(n, f"Network member {n}", n == 3) for n in range(1, 9)],
                         staff=[StaffChoice(n, f"Staff member {n}", "Social worker") for n in range(1, 4)])
ATTENDED = SimpleNamespace(attendees=[SimpleNamespace(id=n, name=f"Network member {n}") for n in range(1, 10)])
SUPPORT = SupportTabData(items=[], totals=None, categories=[("Travel", "travel")],  # type: ignore[arg-type]
                         members=MEMBERS, actions=[("Nana collects the children", 1)], need_identified=True)
PICTURE = SimpleNamespace(members=[SimpleNamespace(name=f"Network member {n}", person_id=n, is_child=n < 3)
                                   for n in range(1, 9)])

FORMS: dict[str, Callable[[], list[FormField]]] = {
    "new case": lambda: new_case_fields(STAFF),
    "overview": lambda: overview_fields(STAFF),
    "close case": lambda: close_case_form(Case(id=1, reference="FG-2026-0001", family_name="Okafor",
                                                referral_date="2026-10-01")).fields,
    "meeting": lambda: meeting_fields(CHOICES),
    "move meeting": lambda: move_fields(CHOICES),
    "attendance": lambda: attendance_fields(ATTENDED),  # type: ignore[arg-type]
    "network member": lambda: network_forms.MEMBER_FIELDS,
    "exclusion": lambda: network_forms.EXCLUSION_FIELDS,
    "contact before consent": lambda: network_forms.OVERRIDE_FIELDS,
    "consent": lambda: network_forms.CONSENT_FIELDS,
    "agency": lambda: network_forms.AGENCY_FIELDS,
    "print network map": lambda: network_forms.PRINT_FIELDS,
    "relationship": lambda: network_forms.relationship_fields(PICTURE),  # type: ignore[arg-type]
    "offer": offer_fields,
    "answer": answer_fields,
    "best-interests decision": lambda: exception_fields(CHILDREN),
    "pre-proceedings episode": lambda: episode_fields(CHILDREN),
    "letter": letter_fields,
    "plan action": lambda: action_fields(MEMBERS, editing=False),
    "plan action edit": lambda: action_fields(MEMBERS, editing=True),
    "plan details": lambda: details_fields(MEMBERS),
    "plan answers": lambda: question_fields(QUESTIONS),
    "plan questions": lambda: wording_fields(QUESTIONS),
    "referrer's decision": decision_fields,
    "print plan": print_fields,
    "plan sent": lambda: sent_fields(MEMBERS),
    "support request": lambda: item_fields(SUPPORT),
    "child": child_fields,
    "meeting held": held_fields,
    "postpone or cancel a meeting": set_aside_fields,
    "calendar invitation": lambda: invitation_fields([("The professionals' copy", 0), *MEMBERS]),
    "keep a meeting's venue or time from": lambda: [
        field for fact in KEPT_FACTS for field in keep_from_fields(
            fact, [(n, name) for name, n in MEMBERS], lambda name: f"Keep the venue from {name}",
            section=f"{fact.label} kept from")],
    "keep an address from": lambda: keep_from_fields(ConfidentialFact.ADDRESS, [(n, name) for name, n in MEMBERS],
                                                     lambda name: f"Keep Network member 1's address from {name}"),
    "contact someone not to be told": lambda: network_forms.NOT_TOLD_FIELDS + network_forms.OVERRIDE_FIELDS,
    "note": lambda: NOTE_FIELDS,
    "care application": application_fields,
    "child's id": lambda: child_id_fields(CHILDREN[1:]),
    "support approval": lambda: approve_fields(need_identified=False),
    "support payment": lambda: PAY_FIELDS,
    "support declined": lambda: DECLINE_FIELDS,
    "diary as a calendar": lambda: EXPORT_FIELDS,
    "setting": lambda: setting_fields(SimpleNamespace(key="support_categories", label="Support categories",
                                                      value={"travel": "Travel"})),  # type: ignore[arg-type]
}

SITES: dict[str, str] = {
    "case_tabs.meetings.action_schedule: meeting_fields(self.data.choices)": "meeting",
    "case_tabs.meetings.action_edit: meeting_fields(self.data.choices)": "meeting",
    "case_tabs.meetings.action_held: held_fields()": "meeting held",
    "case_tabs.meetings.action_attendance: attendance_fields(view)": "attendance",
    "case_tabs.meetings._set_aside: set_aside_fields()": "postpone or cancel a meeting",
    "case_tabs.meetings._reschedule: move_fields(self.data.choices)": "move meeting",
    "case_tabs.meetings.action_invitation: fields": "calendar invitation",
    "case_tabs.meetings._keep_from: fields": "keep a meeting's venue or time from",
    "case_tabs.network.action_add_member: forms.MEMBER_FIELDS": "network member",
    "case_tabs.network.open_form: forms.MEMBER_FIELDS": "network member",
    "case_tabs.network.action_move: forms.NOT_TOLD_FIELDS + (forms.OVERRIDE_FIELDS if no_consent else [])":
        "contact someone not to be told",
    "case_tabs.network.action_move: forms.EXCLUSION_FIELDS": "exclusion",
    "case_tabs.network.action_move: forms.OVERRIDE_FIELDS": "contact before consent",
    "case_tabs.network.action_consent: forms.CONSENT_FIELDS": "consent",
    "case_tabs.network.action_add_relationship: forms.relationship_fields(self.data.picture)": "relationship",
    "case_tabs.network.action_add_agency: forms.AGENCY_FIELDS": "agency",
    "case_tabs.network.action_keep_from: fields": "keep an address from",
    "case_tabs.network.action_print_map: forms.PRINT_FIELDS": "print network map",
    "case_tabs.notes.action_add_note: NOTE_FIELDS": "note",
    "case_tabs.notes.action_edit_note: NOTE_FIELDS": "note",
    "case_tabs.offers.action_record_offer: offer_fields()": "offer",
    "case_tabs.offers.action_record_answer: answer_fields()": "answer",
    "case_tabs.offers.action_record_exception: exception_fields(self.data.children)": "best-interests decision",
    "case_tabs.offers.action_record_application: application_fields()": "care application",
    "case_tabs.offers.action_record_episode: episode_fields(self.data.children)": "pre-proceedings episode",
    "case_tabs.offers.action_edit_episode: episode_fields(None)": "pre-proceedings episode",
    "case_tabs.offers.action_record_child_id: fields": "child's id",
    "case_tabs.offers.ask: letter_fields()": "letter",
    "case_tabs.overview.action_add_child: child_fields()": "child",
    "case_tabs.overview.action_edit_child: child_fields()": "child",
    "case_tabs.plan.action_add_action: action_fields(self.data.members, editing=False)": "plan action",
    "case_tabs.plan.action_edit_action: action_fields(self.data.members, editing=True)": "plan action edit",
    "case_tabs.plan.action_edit_details: details_fields(self.data.members)": "plan details",
    "case_tabs.plan.action_answer_questions: question_fields(questions)": "plan answers",
    "case_tabs.plan.action_reword_questions: wording_fields(questions)": "plan questions",
    "case_tabs.plan.action_record_decision: decision_fields()": "referrer's decision",
    "case_tabs.plan.action_print_plan: print_fields()": "print plan",
    "case_tabs.plan.action_record_sent: sent_fields(self.data.members)": "plan sent",
    "case_tabs.support.action_add_item: item_fields(self.data)": "support request",
    "case_tabs.support.action_edit_item: item_fields(self.data, (view.category, item.category))": "support request",
    "case_tabs.support.action_approve_item: fields": "support approval",
    "case_tabs.support.action_pay_item: PAY_FIELDS": "support payment",
    "case_tabs.support.action_decline_item: DECLINE_FIELDS": "support declined",
    "screens.case_forms.opened: new_case_fields(staff_choices(staff))": "new case",
    "screens.case_forms.opened: overview_fields(staff_choices(staff))": "overview",
    "screens.case_forms.close_case_form: [FormField('closure_reason', 'Reason for closing', 'choice', "
    "closure_choices(), required=True), FormField('closure_note', \"Note (needed for 'other')\", 'long_text')]":
        "close case",
    "screens.diary.action_export: EXPORT_FIELDS": "diary as a calendar",
    "screens.settings.on_data_table_row_selected: setting_fields(view)": "setting",
}
"""Every place in the workbench that opens a form (the function, and the fields it gives the form), and the
form in FORMS that stands for it here."""

FORM_OPENERS = ("FormScreen", "_form")
"""A form is opened by constructing a FormScreen, or through a tab's `_form` (which passes its fields on)."""


def forms_opened_in_the_workbench() -> set[str]:
    """Each place in fgdm/tui that opens a form, as "module.function: fields", read from the code itself."""
    root = Path(fgdm.tui.__file__).parent
    found = set()
    for path in sorted(root.rglob("*.py")):
        module = ".".join(path.relative_to(root).with_suffix("").parts)
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            parameters = {argument.arg for argument in function.args.args + function.args.kwonlyargs}
            for call in _own_calls(function):
                if len(call.args) < 2:
                    continue
                name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
                fields = call.args[1]
                if name not in FORM_OPENERS or (isinstance(fields, ast.Name) and fields.id in parameters):
                    continue  # a helper passing on the fields it was given: its callers are the forms
                found.add(f"{module}.{function.name}: {ast.unparse(fields)}")
    return found


def _own_calls(function: ast.AST) -> list[ast.Call]:
    """The calls a function makes itself, not those of the functions defined inside it (each is its own place)."""
    calls, waiting = [], list(ast.iter_child_nodes(function))
    while waiting:
        node = waiting.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if isinstance(node, ast.Call):
            calls.append(node)
        waiting.extend(ast.iter_child_nodes(node))
    return calls


def test_every_form_the_workbench_opens_is_measured_here() -> None:
    found = forms_opened_in_the_workbench()
    assert sorted(found - set(SITES)) == [], "forms opened in the workbench but not measured at 80×24 below: " \
                                             "add each to FORMS and SITES"
    assert sorted(set(SITES) - found) == [], "forms measured here that the workbench no longer opens"
    assert set(SITES.values()) == set(FORMS)


class FormHost(App[None]):
    """Only the form, so each is measured on its own and quickly."""

    def __init__(self, fields: list[FormField]) -> None:
        super().__init__()
        self.form = FormScreen("A form", fields, lambda _ctx, _values, _version: None)

    def on_mount(self) -> None:
        self.push_screen(self.form)


def _inside(inner: Any, outer: Any) -> bool:
    return (inner.x >= outer.x and inner.y >= outer.y and inner.right <= outer.right
            and inner.bottom <= outer.bottom and inner.height > 0)


@pytest.mark.parametrize("name", list(FORMS))
async def test_every_field_is_reached_and_shown_at_80x24(name: str) -> None:
    fields = [field for field in FORMS[name]() if not field.warnings_block]
    app = FormHost(FORMS[name]())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen.region
        reached = []
        for _ in range(len(fields) * 2):
            focused = app.focused
            assert focused is not None
            if focused.id and focused.id.startswith("field-"):
                reached.append(focused.id)
                row = app.screen.query_one(f"#row-{focused.id.removeprefix('field-')}")
                assert _inside(row.region, screen), f"{focused.id} (with its hint) is off the screen at 80×24"
            if focused.id == fields[-1].widget_id:
                break
            await pilot.press("tab")
            await pilot.pause()
        assert [f"field-{field.name}" for field in fields] == list(dict.fromkeys(reached))
        assert _inside(app.screen.query_one("#form-save").region, screen)


async def test_hint_is_drawn_apart_from_its_label() -> None:
    app = FormHost([FormField("notes", "Notes", "long_text", hint="For the coordinator: never in an invitation")])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        label = app.screen.query_one(".field-label", Static)
        hint = app.screen.query_one(".field-hint", Static)
        assert str(label.render()) == "Notes"
        assert hint.region.y > label.region.y


async def test_an_intro_without_its_full_stop_still_ends_before_the_required_note() -> None:
    app = FormHost([FormField("name", "Name", required=True)])
    app.form.intro = "A letter gives only the national Find a Solicitor line"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        intro = str(app.screen.query_one("#form-intro", Static).render())
        assert intro == ("A letter gives only the national Find a Solicitor line. Fields marked * are "
                         "required.")
