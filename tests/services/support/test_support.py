"""Support items: the state machine, who may approve, and the totals with recurring items."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fgdm.config import load_settings
from fgdm.domain.enums import MeetingStatus, SupportStatus
from fgdm.services import plans, support
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.services.shared.errors import PermissionDenied, SafetyBreach, ValidationFailed
from tests.factories import make_case, make_staff
from tests.services.plans.test_plans_fixtures import add_member, hold_meeting
from tests.statements import statements


def _bed(ctx: ServiceContext, case_id: int, amount: str = "249.99", **extra: object) -> int:
    data = {"category": "beds_and_furniture", "description": "Bed for Ada at her aunt's", "amount": amount}
    data.update(extra)
    return support.add_item(ctx, case_id, data).id  # type: ignore[return-value]


def test_requested_approved_paid(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    aunt = add_member(ctx, case.id, "Ngozi")
    hold_meeting(ctx, case.id)
    item_id = _bed(ctx, case.id, recipient_member_id=aunt.id)
    assert support.approve_item(ctx, item_id).status is SupportStatus.APPROVED
    paid = support.pay_item(ctx, item_id, paid_on=date(2026, 11, 23))
    assert (paid.status, paid.paid_on, paid.approved_on) == (SupportStatus.PAID, date(2026, 11, 23),
                                                             date(2026, 11, 23))
    [view] = support.list_items(ctx, case.id)
    assert (view.recipient, view.total) == ("Ngozi Okafor", Decimal("249.99"))
    with pytest.raises(ValidationFailed, match="only a request can be approved"):
        support.approve_item(ctx, item_id)
    with pytest.raises(ValidationFailed, match="can no longer be declined"):
        support.decline_item(ctx, item_id, reason="changed our minds")


def test_decline_needs_a_reason_and_ends_the_item(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    item_id = _bed(ctx, case.id)
    with pytest.raises(ValidationFailed, match="declined_reason"):
        support.decline_item(ctx, item_id, reason="  ")
    declined = support.decline_item(ctx, item_id, reason="The school provides uniform grants")
    assert (declined.status, declined.declined_reason) == (SupportStatus.DECLINED,
                                                           "The school provides uniform grants")
    with pytest.raises(ValidationFailed, match="approve it before"):
        support.pay_item(ctx, item_id)


def test_approval_before_a_meeting_needs_an_exception(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    hold_meeting(ctx, case.id, status=MeetingStatus.PLANNED)
    item_id = _bed(ctx, case.id)
    with pytest.raises(ValidationFailed, match="exception_reason"):
        support.approve_item(ctx, item_id)
    approved = support.approve_item(ctx, item_id, exception_reason="Ada arrives tonight and needs a bed")
    assert approved.approval_exception == "Ada arrives tonight and needs a bed"


def test_above_threshold_needs_a_manager(workspace: Workspace) -> None:
    with workspace.context() as owner:
        coordinator = make_staff(owner, "cora")
        make_staff(owner, "mani", role="manager", name="Mani Patel")
        case = make_case(owner, coordinator_id=coordinator.id)
        hold_meeting(owner, case.id)
        big = _bed(owner, case.id, amount="500.01")
        small = _bed(owner, case.id, amount="500.00")
    with workspace.context("cora") as ctx:
        with pytest.raises(PermissionDenied, match=r"only a manager may approve this item: it commits £500\.01, "
                                                   r"above the approval threshold of £500\.00"):
            support.approve_item(ctx, big)
        assert support.approve_item(ctx, small).approved_by_id == coordinator.id
    with workspace.context("mani") as ctx:
        support.approve_item(ctx, big)
        names = {view.item.id: view.approved_by for view in support.list_items(ctx, case.id)}
    assert names[big] == "Mani Patel"


def test_the_threshold_is_compared_with_the_whole_commitment_of_a_recurring_item(workspace: Workspace) -> None:
    """As found: an item of £500 a week for four years was approved by a coordinator, as one payment is £500."""
    with workspace.context() as owner:
        coordinator = make_staff(owner, "cora")
        make_staff(owner, "mani", role="manager", name="Mani Patel")
        case = make_case(owner, coordinator_id=coordinator.id)
        hold_meeting(owner, case.id)
        weekly = _bed(owner, case.id, amount="500.00", frequency="weekly", start_date="2026-12-07",
                      end_date="2030-12-02")
        monthly = _bed(owner, case.id, amount="100.00", frequency="monthly", start_date="2026-12-07",
                       end_date="2027-04-07")
    with workspace.context("cora") as ctx:
        with pytest.raises(PermissionDenied, match=r"it commits £104,500\.00 in all \(209 payments of £500\.00\), "
                                                   r"above the approval threshold of £500\.00"):
            support.approve_item(ctx, weekly)
        assert support.approve_item(ctx, monthly).status is SupportStatus.APPROVED  # 5 payments: £500.00
    with workspace.context("mani") as ctx:
        assert support.approve_item(ctx, weekly).status is SupportStatus.APPROVED


@pytest.mark.parametrize(("data", "field"), [
    ({"amount": "0"}, "amount"),
    ({"amount": "12.345"}, "pounds and pence"),
    ({"amount": "ten"}, "amount"),
    ({"category": "holiday"}, "category"),
    ({"frequency": "weekly", "start_date": "2026-12-01"}, "start date and an end date"),
    ({"frequency": "monthly", "start_date": "2026-12-01", "end_date": "2026-11-01"}, "before the start"),
    ({"description": ""}, "description"),
])
def test_bad_input_names_the_field_and_changes_nothing(ctx: ServiceContext, data: dict[str, str],
                                                       field: str) -> None:
    case = make_case(ctx)
    values = {"category": "travel", "description": "Bus fares to contact", "amount": "20"}
    values.update(data)
    with pytest.raises(ValidationFailed, match=field):
        support.add_item(ctx, case.id, values)
    assert support.list_items(ctx, case.id) == []


def test_recipient_must_be_in_the_network_and_may_be_told(ctx: ServiceContext) -> None:
    case, other = make_case(ctx), make_case(ctx, family_name="Jones")
    stranger = add_member(ctx, other.id, "Rhys", "Jones")
    hidden = add_member(ctx, case.id, "Tom", not_to_be_told=True)
    with pytest.raises(ValidationFailed, match="not in this case's network"):
        _bed(ctx, case.id, recipient_member_id=stranger.id)
    with pytest.raises(SafetyBreach, match="not to be told"):
        _bed(ctx, case.id, recipient_member_id=hidden.id)


def test_only_requests_can_be_changed(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    hold_meeting(ctx, case.id)
    item_id = _bed(ctx, case.id)
    changed = support.update_item(ctx, item_id, {"category": "beds_and_furniture", "description": "Bunk beds",
                                                 "amount": "310.00"})
    assert (changed.description, changed.amount) == ("Bunk beds", Decimal("310.00"))
    support.approve_item(ctx, item_id)
    with pytest.raises(ValidationFailed, match="only a request awaiting a decision"):
        support.update_item(ctx, item_id, {"category": "travel", "description": "x", "amount": "1"})


def test_case_totals_with_recurring_items(ctx: ServiceContext) -> None:
    """Today is 23 November 2026; 33.33 a week from 5 November to 31 December 2026 is 9 payments."""
    case = make_case(ctx)
    hold_meeting(ctx, case.id)
    weekly = _bed(ctx, case.id, amount="33.33", category="childcare", frequency="weekly",
                  start_date="2026-11-05", end_date="2026-12-31")
    monthly = _bed(ctx, case.id, amount="120.00", category="travel", frequency="monthly",
                   start_date="2026-12-01", end_date="2027-02-28")
    _bed(ctx, case.id, amount="45.50")
    declined = _bed(ctx, case.id, amount="999.00")
    support.approve_item(ctx, weekly)
    support.pay_item(ctx, weekly)
    support.approve_item(ctx, monthly)
    support.decline_item(ctx, declined, reason="Not needed")
    totals = support.case_support(ctx, case.id).totals
    assert totals.requested == Decimal("45.50")
    assert totals.approved == Decimal("299.97") + Decimal("360.00")
    assert totals.paid == Decimal("99.99")  # 5, 12 and 19 November
    assert totals.committed == Decimal("199.98") + Decimal("360.00")  # 6 more weeks; 3 months
    assert totals.declined == Decimal("999.00")


def test_budget_view_splits_recurring_items_across_quarters(ctx: ServiceContext) -> None:
    first, second = make_case(ctx), make_case(ctx, family_name="Jones")
    for case in (first, second):
        hold_meeting(ctx, case.id)
    across = _bed(ctx, first.id, amount="33.33", category="childcare", frequency="weekly",
                  start_date="2026-12-17", end_date="2027-01-14")
    support.approve_item(ctx, across)
    _bed(ctx, second.id, amount="80.00", start_date="2026-12-01")
    q3 = support.budget_view(ctx, "2026-Q3")
    assert (q3.approved, q3.requested, q3.paid) == (Decimal("99.99"), Decimal("80.00"), Decimal("0.00"))
    assert q3.remaining == Decimal("25000.00") - Decimal("99.99")
    assert [(line.reference, line.approved, line.requested) for line in q3.lines] == [
        (first.reference, Decimal("99.99"), Decimal("0.00")), (second.reference, Decimal("0.00"), Decimal("80.00"))]
    q4 = support.budget_view(ctx, "2026-Q4")
    assert (q4.approved, q4.requested, len(q4.lines)) == (Decimal("66.66"), Decimal("0.00"), 1)
    with pytest.raises(ValidationFailed, match="2026-Q3"):
        support.budget_view(ctx, "Q3")


def test_budget_view_counts_items_on_the_quarters_edges_and_by_the_day_asked_for(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    for day, amount in (("2026-09-30", "1.00"), ("2026-10-01", "2.00"), ("2026-12-31", "4.00"),
                        ("2027-01-01", "8.00")):
        _bed(ctx, case.id, amount=amount, start_date=day)
    _bed(ctx, case.id, amount="16.00")                     # no date: it falls on the day it was asked for
    _bed(ctx, case.id, amount="32.00", frequency="monthly", start_date="2026-06-15", end_date="2026-10-15")
    assert support.budget_view(ctx, "2026-Q3").requested == Decimal("54.00")   # 2 + 4 + 16 + 32 (15 October)
    assert support.budget_view(ctx, "2026-Q2").requested == Decimal("97.00")   # 1 + 32 × 3 (July to September)


def test_budget_view_is_for_managers(workspace: Workspace) -> None:
    with workspace.context() as owner:
        make_staff(owner, "cora")
    with workspace.context("cora") as ctx, pytest.raises(PermissionDenied, match="budget"):
        support.budget_view(ctx, "2026-Q3")


@pytest.mark.parametrize("count", [1, 6])
def test_listing_items_reads_their_people_actions_and_approvers_at_once(ctx: ServiceContext, count: int) -> None:
    case = make_case(ctx)
    hold_meeting(ctx, case.id)
    for number in range(count):
        member = add_member(ctx, case.id, f"Aunt{number}")
        support.approve_item(ctx, _bed(ctx, case.id, recipient_member_id=member.id))
    ctx.session.expunge_all()
    with statements(ctx) as sent:
        views = support.list_items(ctx, case.id)
    assert [v.recipient for v in views] == [f"Aunt{n} Okafor" for n in range(count)]
    assert {v.approved_by for v in views} == {"Local user"}
    assert len(sent) <= 4, sent                             # case, items, recipients; no approvers on file


@pytest.mark.parametrize("count", [1, 6])
def test_the_support_tab_reads_the_network_once_for_names_and_choices(ctx: ServiceContext, count: int) -> None:
    """`case_support_with_choices` gives what the separate reads give, in four statements however many items;
    an item serving an action of an earlier plan version costs one more."""
    case = make_case(ctx)
    hold_meeting(ctx, case.id)
    add_member(ctx, case.id, "Dean", not_to_be_told=True)
    first = plans.start_version(ctx, case.id)
    old_action = plans.add_action(ctx, first.id, {"what": "Old task", "who_text": "Nana"})  # type: ignore[arg-type]
    plans.record_agreement(ctx, first.id, decided_by="Sam")  # type: ignore[arg-type]
    review = plans.start_version(ctx, case.id)
    action = plans.add_action(ctx, review.id, {"what": "Buy a bed", "who_text": "Nana"})  # type: ignore[arg-type]
    for number in range(count):
        member = add_member(ctx, case.id, f"Aunt{number}")
        support.approve_item(ctx, _bed(ctx, case.id, recipient_member_id=member.id, plan_action_id=action.id))
    ctx.session.expunge_all()
    with statements(ctx) as sent:
        found = support.case_support_with_choices(ctx, case.id)
    assert len(sent) == 4, sent                     # case with meeting held, network, actions, items with approvers
    assert (found.items, found.totals) == (support.case_support(ctx, case.id).items,
                                           support.case_support(ctx, case.id).totals)
    assert [v.recipient for v in found.items] == [f"Aunt{n} Okafor" for n in range(count)]
    assert {v.action for v in found.items} == {"Buy a bed"}
    assert found.members == plans.nameable_members(ctx, case.id)
    assert found.actions == plans.latest_actions(ctx, case.id)
    assert found.need_identified is support.need_identified(ctx, case.id) is True
    _bed(ctx, case.id, plan_action_id=old_action.id)
    ctx.session.expunge_all()
    with statements(ctx) as sent:
        found = support.case_support_with_choices(ctx, case.id)
    assert len(sent) == 5, sent
    assert found.items == support.list_items(ctx, case.id) and found.items[-1].action == "Old task"


def test_a_threshold_in_the_environment_does_not_let_a_coordinator_approve(workspace: Workspace,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """As found: FGDM_SUPPORT_APPROVAL_THRESHOLD=1000000 in a coordinator's own environment let them approve."""
    with workspace.context() as owner:
        coordinator = make_staff(owner, "cora")
        case = make_case(owner, coordinator_id=coordinator.id)
        hold_meeting(owner, case.id)
        big = _bed(owner, case.id, amount="2000.00")
    monkeypatch.setenv("FGDM_SUPPORT_APPROVAL_THRESHOLD", "1000000")
    theirs = Workspace(load_settings(database_url=workspace.settings.database_url))
    try:
        with theirs.context("cora") as ctx, pytest.raises(PermissionDenied, match="above the approval threshold"):
            support.approve_item(ctx, big)
    finally:
        theirs.dispose()
