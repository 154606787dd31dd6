"""The Plan tab with real key presses: type a plan with five actions, agree it, start a review, print it."""

from __future__ import annotations

from pathlib import Path

import docx
from textual.pilot import Pilot
from textual.widgets import Static

from fgdm.domain.enums import ActionStatus, PlanStatus
from fgdm.services import plans
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp
from fgdm.tui.case_tabs.plan import PlanTab
from fgdm.tui.screens.case import CaseScreen
from fgdm.tui.widgets.form import FormScreen
from fgdm.tui.widgets.written import WrittenFiles
from tests.conftest import not_owner_only
from tests.factories import make_case
from tests.services.plans.test_plans_fixtures import add_member, hold_meeting
from tests.tui.conftest import settle

ACTIONS = [("Collect Ada from school on Mondays", "Ngozi"), ("Tea at Nana's on Wednesdays", "Nana Grace"),
           ("Parenting course", "Mum"), ("GP check-up", "Social worker"), ("Fix the bunk bed", "Uncle Emeka")]


def detail(workspace: Workspace, case_id: int, version_no: int | None = None) -> plans.PlanDetail:
    with workspace.context() as ctx:
        return plans.get_plan(ctx, case_id, version_no)


def heading(app: FgdmApp) -> str:
    return str(app.screen.query_one("#plan-heading", Static).render())


async def open_plan_tab(app: FgdmApp, pilot: Pilot[None], case_id: int) -> None:
    await settle(pilot)
    app.open_case(case_id)
    await settle(pilot)
    await pilot.press("5")                                     # the Plan tab: its action table has the focus
    await settle(pilot)
    assert isinstance(app.screen, CaseScreen)


async def type_action(pilot: Pilot[None], what: str, who: str) -> None:
    await pilot.press("i")                                     # add action: the form opens on "What"
    await settle(pilot, 1)
    await pilot.press(*what, "tab", *who)                      # what, then who in words
    await pilot.press("tab", "tab", *"18/12/2026")            # past "who from the network" to the date
    await pilot.press("tab", *"Social worker", "ctrl+s")       # who checks it; save
    await settle(pilot)


async def test_type_agree_review_and_print_with_the_keyboard(sqlite_workspace: Workspace,
                                                             documents_in_a_home_of_its_own: Path,
                                                             umask_022: None) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx, questions_for_family="Where will Ada live?")
        aunt = add_member(ctx, case.id, "Ngozi")
        hold_meeting(ctx, case.id, attended=[aunt])
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan_tab(app, pilot, case.id)
        assert "No plan yet" in heading(app)
        await pilot.press("v", "y")                            # start the plan; confirm
        await settle(pilot)
        assert "Version 1 of 1" in heading(app)

        for what, who in ACTIONS:
            await type_action(pilot, what, who)
        typed = detail(sqlite_workspace, case.id)
        assert [(v.action.what, v.who) for v in typed.actions] == ACTIONS
        assert {str(v.action.by_when) for v in typed.actions} == {"2026-12-18"}

        await pilot.press("shift+up")                          # the bunk bed (the cursor stayed on it) moves up
        await settle(pilot)
        await pilot.press("d")                                 # and is duplicated below itself
        await settle(pilot)
        await pilot.press("delete", "y")                       # the copy is removed again
        await settle(pilot)
        await pilot.press("ctrl+home", "space")                # the first action is done
        await settle(pilot)
        ordered = detail(sqlite_workspace, case.id).actions
        assert [v.action.what for v in ordered] == [a for a, _ in ACTIONS[:3]] + [ACTIONS[4][0], ACTIONS[3][0]]
        assert ordered[0].action.status is ActionStatus.DONE

        await pilot.press("m")                                 # plan details: lead first, then review date
        await settle(pilot, 1)
        await pilot.press("enter", "down", "enter")            # choose Ngozi as plan lead
        await pilot.press("tab", *"15/02/2027", "ctrl+s")
        await settle(pilot)
        await pilot.press("q")                                 # the referrer's question waits for its answer
        await settle(pilot, 1)
        await pilot.press(*"With Ngozi in the week", "ctrl+s")
        await settle(pilot)
        await pilot.press("g")                                 # the referrer's decision: agreed is chosen
        await settle(pilot, 1)
        await pilot.press("tab", "tab", *"Sam Adeyemi", "ctrl+s")
        await settle(pilot)
        agreed = detail(sqlite_workspace, case.id)
        assert (agreed.plan.status, agreed.plan.decision_by, agreed.plan_lead) == (PlanStatus.AGREED, "Sam Adeyemi",
                                                                                   "Ngozi Okafor")
        assert str(agreed.plan.review_date) == "2027-02-15"
        assert [(q.question, q.answer) for q in agreed.questions] == [("Where will Ada live?",
                                                                       "With Ngozi in the week")]
        assert "read-only" in heading(app)
        await pilot.press("i")                                 # refused: the agreed version is read-only
        await settle(pilot, 1)
        assert not isinstance(app.screen, FormScreen)

        await pilot.press("v", "y")                            # review version 2 copies version 1
        await settle(pilot)
        await pilot.press("ctrl+home", "down", "space")        # the second action is now done
        await settle(pilot)
        review = detail(sqlite_workspace, case.id)
        assert (review.plan.version_no, review.plan.status) == (2, PlanStatus.DRAFT)
        assert "Done: Tea at Nana's on Wednesdays" in str(app.screen.query_one("#plan-changes", Static).render())

        await pilot.press("p")                                 # print version 2 where the form suggests
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        printed = documents_in_a_home_of_its_own / f"{case.reference}-plan-v2.docx"   # the suggested place
        assert isinstance(app.screen, WrittenFiles)            # said with its whole path until closed
        assert str(app.screen.query_one("#written-paths", Static).render()) == str(printed)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        rows = next(t for t in docx.Document(str(printed)).tables if len(t.columns) == 6).rows   # the actions
        assert [row.cells[2].text for row in rows[1:]] == [v.action.what for v in review.actions]
        assert rows[2].cells[5].text == "Done"
        assert not_owner_only(printed.parent) == {}            # the folder it made and the plan: the user's alone

        await pilot.press("left_square_bracket")               # back to version 1, read-only
        await settle(pilot)
        assert "Version 1 of 2" in heading(app) and "read-only" in heading(app)
        assert app.screen.query_one(PlanTab).viewing == 1
