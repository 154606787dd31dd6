"""Rewording the referrer's questions on the Plan tab, with the keyboard only."""

from __future__ import annotations

from textual.widgets import Static

from fgdm.services import plans
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp
from fgdm.tui.screens.case import CaseScreen
from fgdm.tui.widgets.form import FormScreen
from tests.factories import make_case
from tests.tui.conftest import settle
from tests.tui.test_plan import detail, open_plan_tab


async def test_reword_one_question_remove_another_and_keep_an_answered_one(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx, questions_for_family="Where will Ada live?\nAny pets?")
        plan = plans.start_version(ctx, case.id)
        first = plans.get_plan(ctx, case.id).questions[0]
        plans.answer_questions(ctx, plan.id, {first.id: "With Nana"})  # type: ignore[arg-type, dict-item]
    app = FgdmApp(sqlite_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan_tab(app, pilot, case.id)
        await pilot.press("w")                                 # reword: the first question has the focus
        await settle(pilot, 1)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+a", "ctrl+k")                  # blank the answered question: refused
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        error = str(app.screen.query_one(f"#error-question_{first.id}", Static).render())
        assert "clear the answer first" in error
        await pilot.press(*"Where will Ada live during the week?")
        await pilot.press("tab", "ctrl+a", "ctrl+k", "ctrl+s")  # blank the unanswered second: removed
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert [(q.question, q.answer) for q in detail(sqlite_workspace, case.id).questions] == [
            ("Where will Ada live during the week?", "With Nana")]
