"""Follow-ups of where each child lives after the first agreed plan: recording them and what is due."""

from __future__ import annotations

from datetime import date

import pytest

from fgdm.domain.enums import LivingArrangement
from fgdm.services import follow_ups
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.services.shared.errors import Conflict, PermissionDenied, ValidationFailed
from tests.factories import make_staff
from tests.reports.builder import Builder
from tests.statements import statements


def _case_with_plan(ctx: ServiceContext, agreed: str, children: int = 1, coordinator_id: int | None = None):
    b = Builder(ctx)
    case = b.case(children=children, family="Al-Sayed")
    case.coordinator_id = coordinator_id
    b.plan(case, on=agreed)
    b.commit()
    return case, b.children(case)


def test_due_follow_ups_list_each_child_once_per_point(ctx: ServiceContext) -> None:
    case, children = _case_with_plan(ctx, "2026-06-01", children=2)
    due = follow_ups.due_follow_ups(ctx)
    assert [(item.case_child_id, item.months, item.due_on, item.days_overdue) for item in due] == [
        (children[0].id, 3, date(2026, 9, 1), 83), (children[1].id, 3, date(2026, 9, 1), 83)]
    assert due[0].reference == case.reference and due[0].child_name == "Child1-1 Al-Sayed"
    soon = follow_ups.due_follow_ups(ctx, within_days=8)
    assert [(item.months, item.due_on, item.days_overdue) for item in soon][2:] == [
        (6, date(2026, 12, 1), 0), (6, date(2026, 12, 1), 0)]


def test_every_point_s_children_and_outcomes_are_read_in_one_statement(ctx: ServiceContext) -> None:
    """Home asks this on every start: the 3- and 6-month points due here once took a statement each."""
    _case_with_plan(ctx, "2026-06-01")
    _case_with_plan(ctx, "2025-11-01")
    with statements(ctx) as read:
        due = follow_ups.due_follow_ups(ctx)
    assert {item.months for item in due} == {3, 6, 12}
    assert len([statement for statement in read if "child_outcome.living" in statement]) == 1


def test_a_recorded_follow_up_is_no_longer_due_and_can_be_corrected(ctx: ServiceContext) -> None:
    _, children = _case_with_plan(ctx, "2026-06-01")
    outcome = follow_ups.record_outcome(ctx, {"case_child_id": children[0].id, "months_after": 3,
                                            "living": "with_family_network", "note": "With her nan, Zoë"})
    assert outcome.recorded_on == date(2026, 11, 23)
    assert follow_ups.due_follow_ups(ctx) == []
    corrected = follow_ups.record_outcome(ctx, {"case_child_id": children[0].id, "months_after": 3,
                                              "living": "at_home"}, expected_version=outcome.version)
    assert corrected.id == outcome.id and corrected.living is LivingArrangement.AT_HOME
    with pytest.raises(Conflict):
        follow_ups.record_outcome(ctx, {"case_child_id": children[0].id, "months_after": 3, "living": "other"},
                                expected_version=1)


@pytest.mark.parametrize(("data", "field"), [
    ({"months_after": 4, "living": "at_home"}, "months_after"),
    ({"months_after": 3, "living": "in_space"}, "living"),
    ({"months_after": 3, "living": "at_home", "recorded_on": "2026-12-01"}, "recorded_on"),
    ({"months_after": 12, "living": "at_home"}, "recorded_on"),
])
def test_bad_follow_ups_are_refused_and_change_nothing(ctx: ServiceContext, data: dict, field: str) -> None:
    _, children = _case_with_plan(ctx, "2026-06-01")
    with pytest.raises(ValidationFailed) as raised:
        follow_ups.record_outcome(ctx, {"case_child_id": children[0].id, **data})
    assert field in raised.value.errors
    assert follow_ups.outcomes_of(ctx, children[0].case_id) == []


def test_no_follow_up_before_a_plan_is_agreed(ctx: ServiceContext) -> None:
    b = Builder(ctx)
    case = b.case()
    b.commit()
    with pytest.raises(ValidationFailed, match="no agreed plan yet"):
        follow_ups.record_outcome(ctx, {"case_child_id": b.children(case)[0].id, "months_after": 3,
                                      "living": "at_home"})


def test_a_coordinator_sees_only_their_own_cases_follow_ups(workspace: Workspace) -> None:
    with workspace.context() as owner:
        mine = make_staff(owner, "ama")
        make_staff(owner, "ben")
        _case_with_plan(owner, "2026-06-01", coordinator_id=mine.id)
        _case_with_plan(owner, "2026-06-01")
    with workspace.context("ama") as ctx:
        assert len(follow_ups.due_follow_ups(ctx)) == 1
    with workspace.context("ben") as ctx:
        assert follow_ups.due_follow_ups(ctx) == []
        with pytest.raises(PermissionDenied):
            follow_ups.record_outcome(ctx, {"case_child_id": 1, "months_after": 3, "living": "at_home"})


def test_a_sibling_s_recorded_follow_up_leaves_the_other_child_due(ctx: ServiceContext) -> None:
    """Cases whose children all have the follow-up are left out in SQL; a case with one missing must stay."""
    _, children = _case_with_plan(ctx, "2026-06-01", children=2)
    follow_ups.record_outcome(ctx, {"case_child_id": children[0].id, "months_after": 3, "living": "at_home"})
    assert [(item.case_child_id, item.months) for item in follow_ups.due_follow_ups(ctx)] == [(children[1].id, 3)]
    follow_ups.record_outcome(ctx, {"case_child_id": children[1].id, "months_after": 3, "living": "at_home"})
    assert follow_ups.due_follow_ups(ctx) == []


def test_each_point_counts_from_the_first_agreed_plan_whichever_points_a_case_lacks(ctx: ServiceContext) -> None:
    """The three points share one read of first agreed plans, kept only for cases lacking a point that can be
    due: a later plan must not move the day counted from, and a case lacking only points not yet due lists
    nothing until they are."""
    b = Builder(ctx)
    twice = b.case(children=2, family="Okafor")
    b.plan(twice, on="2025-10-01")
    b.plan(twice, on="2026-04-01", version=2)
    first, second = b.children(twice)
    for months in (3, 6):
        b.outcome(first, months=months, living=LivingArrangement.AT_HOME)
    b.outcome(second, months=3, living=LivingArrangement.AT_HOME)
    recent = b.case(family="Reid")
    b.plan(recent, on="2026-08-01")
    (only,) = b.children(recent)
    b.outcome(only, months=3, living=LivingArrangement.AT_HOME)
    b.commit()
    due_now = [(second.id, 6, date(2026, 4, 1)), (first.id, 12, date(2026, 10, 1)), (second.id, 12, date(2026, 10, 1))]
    assert [(item.case_child_id, item.months, item.due_on) for item in follow_ups.due_follow_ups(ctx)] == due_now
    assert [(item.case_child_id, item.months, item.due_on) for item in follow_ups.due_follow_ups(ctx, within_days=80)] \
        == [*due_now, (only.id, 6, date(2027, 2, 1))]
