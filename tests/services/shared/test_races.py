"""Two real processes saving at the same moment, 50 rounds each, on SQLite and PostgreSQL.

New cases must get different references, new plan actions different positions, and when two people save the
same record at once the one who loses is told both values (theirs and yours), as docs/security.md promises.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

from sqlmodel import select

from fgdm.config import Settings
from fgdm.models import PlanAction
from fgdm.services import cases, plans
from fgdm.services.shared.context import Workspace
from fgdm.services.shared.errors import Conflict
from tests.factories import make_case

ROUNDS = 50
FORK = multiprocessing.get_context("fork")


def _racer(url: str, barrier: Any, results: Any, save: Callable[[Any, int], str]) -> None:
    """One of the two processes: wait for the other at every round, then save at the same moment."""
    workspace = Workspace(Settings(database_url=url), migrate=False)
    try:
        for number in range(ROUNDS):
            barrier.wait(timeout=60)
            try:
                with workspace.context() as ctx:
                    results.put(("saved", save(ctx, number)))
            except Conflict as error:
                results.put(("conflict", str(error)))
            except Exception as error:  # the failure the test is looking for: report it, do not hide it
                results.put(("failed", f"{type(error).__name__}: {error}"))
    finally:
        workspace.engine.dispose()


def race(url: str, save: Callable[[Any, int], str]) -> list[tuple[str, str]]:
    """Run `save` in two processes at once, ROUNDS times; every outcome of both."""
    barrier, results = FORK.Barrier(2), FORK.Queue()
    racers = [FORK.Process(target=_racer, args=(url, barrier, results, save)) for _ in range(2)]
    for racer in racers:
        racer.start()
    outcomes = [results.get(timeout=120) for _ in range(2 * ROUNDS)]
    for racer in racers:
        racer.join(timeout=60)
        assert racer.exitcode == 0
    return outcomes


def _new_case(ctx: Any, number: int) -> str:
    return cases.create_case(ctx, {"family_name": f"Racer{number}", "referral_date": "2026-11-02",
                                   "children": [{"given_name": "Kit", "date_of_birth": "2019-04-04"}]}).reference


def test_two_people_opening_cases_at_once_get_different_references(workspace):
    workspace.engine.dispose()
    outcomes = race(str(workspace.engine.url.render_as_string(hide_password=False)), _new_case)
    assert [o for o in outcomes if o[0] != "saved"] == []
    references = [value for _, value in outcomes]
    assert len(set(references)) == 2 * ROUNDS


def _plan_of(workspace: Workspace) -> int:
    with workspace.context() as ctx:
        case = make_case(ctx)
        cases.advance_stage(ctx, case.id)
        cases.advance_stage(ctx, case.id)
        return plans.start_version(ctx, case.id).id


def test_two_people_adding_plan_actions_at_once_get_different_positions(workspace):
    plan_id = _plan_of(workspace)
    workspace.engine.dispose()

    def add(ctx: Any, number: int) -> str:
        return str(plans.add_action(ctx, plan_id, {"who_text": "Aunt", "what": f"Action {number}"}).position)

    outcomes = race(str(workspace.engine.url.render_as_string(hide_password=False)), add)
    assert [o for o in outcomes if o[0] != "saved"] == []
    with workspace.context() as ctx:
        positions = sorted(ctx.session.exec(select(PlanAction.position).where(PlanAction.plan_id == plan_id)))
    assert positions == list(range(2 * ROUNDS))


def test_a_lost_race_to_save_a_case_shows_both_values(workspace):
    with workspace.context() as ctx:
        case = make_case(ctx)
    workspace.engine.dispose()

    def edit(ctx: Any, number: int) -> str:
        opened = cases.get_case(ctx, case.id)
        words = f"round {number} by process {multiprocessing.current_process().pid}"
        cases.update_case(ctx, case.id, {"desired_outcome": words}, expected_version=opened.case.version)
        return words

    outcomes = race(str(workspace.engine.url.render_as_string(hide_password=False)), edit)
    assert [o for o in outcomes if o[0] == "failed"] == []
    conflicts = [message for kind, message in outcomes if kind == "conflict"]
    assert conflicts, "no round raced: the test proved nothing"
    for message in conflicts:
        assert "desired_outcome: theirs 'round" in message and "yours 'round" in message, message
