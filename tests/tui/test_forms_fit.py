"""Every form of the workbench at 80×24: tabbing reaches each field, and the last one is on screen when it has
the focus (forms once ended at the screen's edge, with the fields below typed blind)."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Static

from fgdm.models import Case, PlanQuestion
from fgdm.services.meetings import Invitee, StaffChoice
from fgdm.tui.case_tabs.offers import answer_fields, episode_fields, exception_fields, letter_fields, offer_fields
from fgdm.tui.case_tabs.plan import (
    action_fields,
    decision_fields,
    details_fields,
    print_fields,
    question_fields,
    sent_fields,
    wording_fields,
)
from fgdm.tui.case_tabs.support import SupportTabData, item_fields
from fgdm.tui.screens import network_forms
from fgdm.tui.screens.case_forms import close_case_form, new_case_fields, overview_fields
from fgdm.tui.screens.meeting_forms import MeetingChoices, attendance_fields, meeting_fields, move_fields
from fgdm.tui.widgets.form import FormField, FormScreen

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
}


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
