"""Hand-computed scenarios: each builds a small service and asserts every line of the return.

A line not named in a scenario's expectations must be zero (counts and money) or empty (medians, shares):
so every measure is asserted in every scenario. Periods are financial-year quarters; today is 23 November 2026.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from typing import Any

import pytest

from fgdm.domain.enums import (
    CaseStatus,
    Employer,
    ExceptionScope,
    LivingArrangement,
    MeetingKind,
    MeetingStatus,
    OfferResponse,
    PlanStatus,
    Qualification,
    StaffRole,
    SupportStatus,
)
from fgdm.domain.periods import parse_quarter
from fgdm.reports import definitions
from fgdm.reports.engine import Evaluator
from fgdm.services.shared.context import ServiceContext
from tests.reports.builder import Builder

ACCEPTED, DECLINED, PENDING = OfferResponse.ACCEPTED, OfferResponse.DECLINED, OfferResponse.PENDING


@dataclass
class Scenario:
    name: str
    build: Callable[[Builder], None]
    expected: dict[str, Any]
    quarter: str = "2026-Q2"
    offer_unit: str = "offers"
    extra: dict[str, Any] = field(default_factory=dict)


def empty(b: Builder) -> None:
    """Nothing recorded."""


def two_children_three_pr_holders(b: Builder) -> None:
    case = b.case(referred="2026-06-01", children=2, lbp="2026-07-15")
    for relationship, parent in (("mother", True), ("father", True), ("special guardian", False)):
        b.offer(case, b.member(case, parent=parent, pr=True, relationship=relationship), on="2026-07-15",
                in_lbp=True)


def offer_then_meeting_next_quarter(b: Builder) -> None:
    case = b.case(referred="2026-06-01", lbp="2026-09-20")
    b.offer(case, on="2026-09-20", response=ACCEPTED)
    b.meeting(case, on="2026-10-05")


def withdrawn_offer(b: Builder) -> None:
    only_withdrawn = b.case(referred="2026-05-01", lbp="2026-07-01")
    b.offer(only_withdrawn, on="2026-07-01", response=OfferResponse.WITHDRAWN)
    b.meeting(only_withdrawn, on="2026-08-10")
    declined = b.case(referred="2026-05-01", lbp="2026-07-02")
    b.offer(declined, on="2026-07-02", response=DECLINED)


def postponed_then_held(b: Builder) -> None:
    case = b.case(referred="2026-06-01", lbp="2026-07-01")
    b.offer(case, on="2026-07-01", response=ACCEPTED)
    b.meeting(case, on="2026-07-10", status=MeetingStatus.POSTPONED)
    b.meeting(case, on="2026-08-14")
    cancelled = b.case(referred="2026-06-01")
    b.meeting(cancelled, on="2026-08-20", status=MeetingStatus.CANCELLED)


def reopened_case(b: Builder) -> None:
    case = b.case(referred="2025-11-01", status=CaseStatus.REVIEWING)
    b.meeting(case, on="2025-12-01")
    b.meeting(case, on="2026-08-20")


def answered_after_the_quarter(b: Builder) -> None:
    case = b.case(referred="2026-09-01", lbp="2026-09-28")
    offer = b.offer(case, on="2026-09-28", response=PENDING)
    offer.response = ACCEPTED
    b.session.add(offer)
    b.meeting(case, on="2026-09-29", kind=MeetingKind.REVIEW)


def letter_before_proceedings_timing(b: Builder) -> None:
    case = b.case(lbp="2026-07-10")
    b.offer(case, b.member(case, relationship="mother"), on="2026-07-01")
    b.offer(case, b.member(case, relationship="father"), on="2026-07-20")
    b.offer(case, b.member(case, relationship="step-father", parent=False), on="2026-07-25", in_lbp=True)
    no_letter = b.case()
    b.offer(no_letter, on="2026-08-01")


def who_is_offered(b: Builder) -> None:
    case = b.case(lbp="2026-07-01")
    b.offer(case, b.member(case, parent=False, pr=False, relationship="aunt"), on="2026-07-01")
    b.offer(case, b.member(case, parent=True, pr=False, relationship="father"), on="2026-07-01")


def best_interests_exceptions(b: Builder) -> None:
    whole_case = b.case(children=2)
    b.exception(whole_case, scope=ExceptionScope.OFFER, on="2026-08-01")
    one_child = b.case(children=3)
    b.exception(one_child, scope=ExceptionScope.HOLDING, on="2026-08-02", child=b.children(one_child)[1])
    b.exception(one_child, scope=ExceptionScope.OFFER, on="2026-06-30")


def held_before_application(b: Builder) -> None:
    a = b.case(referred="2026-05-01", lbp="2026-06-01", application="2026-08-01")
    b.offer(a, on="2026-06-01", in_lbp=True, response=ACCEPTED)
    b.meeting(a, on="2026-07-15")
    same_day = b.case(referred="2026-05-01", lbp="2026-06-05", application="2026-07-20")
    b.offer(same_day, on="2026-06-05", in_lbp=True, response=ACCEPTED)
    b.meeting(same_day, on="2026-07-20")
    no_application = b.case(referred="2026-05-01")
    b.offer(no_application, on="2026-06-10", response=ACCEPTED)
    b.meeting(no_application, on="2026-09-09")


def ten_meetings_and_reviews(b: Builder) -> None:
    from datetime import date, timedelta

    for days in range(10, 101, 10):
        held = date(2026, 9, 30)
        case = b.case(referred=held - timedelta(days=days))
        b.meeting(case, on=held)
    reviewed = b.case(referred="2026-01-05")
    b.meeting(reviewed, on="2026-07-02", kind=MeetingKind.REVIEW)
    b.meeting(reviewed, on="2026-09-03", kind=MeetingKind.REVIEW)
    b.meeting(reviewed, on="2026-08-03", kind=MeetingKind.BASELINE)


def plans_and_support(b: Builder) -> None:
    case = b.case()
    b.plan(case, on="2026-07-05", version=1)
    b.plan(case, on="2026-09-01", version=2)
    b.plan(case, on="2026-08-01", version=3, status=PlanStatus.NOT_AGREED)
    b.support(case, amount="100.00", approved="2026-07-10")
    b.support(case, amount="250.50", category="childcare", status=SupportStatus.PAID,
              approved="2026-07-12", paid="2026-08-01")
    b.support(case, amount="400", category="beds_and_furniture", status=SupportStatus.PAID,
              approved="2026-06-30", paid="2026-07-03")
    b.support(case, amount="60", category="uniform", status=SupportStatus.DECLINED)


def follow_ups(b: Builder) -> None:
    a = b.case(children=2)
    b.plan(a, on="2026-04-10", version=1)
    b.plan(a, on="2026-06-01", version=2)
    first, second = b.children(a)
    b.outcome(first, months=3, living=LivingArrangement.AT_HOME)
    b.outcome(second, months=3, living=LivingArrangement.WITH_FAMILY_NETWORK)
    looked_after = b.case()
    b.plan(looked_after, on="2026-05-31")
    b.outcome(b.children(looked_after)[0], months=3, living=LivingArrangement.LOOKED_AFTER)
    not_recorded = b.case()
    b.plan(not_recorded, on="2026-06-30")
    six_months = b.case(referred="2025-12-01")
    b.plan(six_months, on="2026-01-15")
    b.outcome(b.children(six_months)[0], months=6, living=LivingArrangement.OTHER)
    a_year = b.case(referred="2025-07-01")
    b.plan(a_year, on="2025-08-31")
    b.outcome(b.children(a_year)[0], months=12, living=LivingArrangement.AT_HOME)


def workforce(b: Builder) -> None:
    b.staff(started="2025-01-01")
    b.staff(qualification=Qualification.ALTERNATIVELY_QUALIFIED, employer=Employer.OTHER, started="2026-08-01")
    b.staff(role=StaffRole.MANAGER)
    b.staff(left="2026-09-30", active=False)
    b.staff(started="2026-10-01")
    b.staff(role=StaffRole.ADMINISTRATOR)
    b.staff(active=False)
    b.staff(left="2026-10-15", active=False)


def offered_again(b: Builder) -> None:
    case = b.case(children=3, lbp="2026-08-01")
    mother = b.member(case, relationship="mother")
    b.offer(case, mother, on="2026-07-01", response=OfferResponse.NO_RESPONSE)
    b.offer(case, mother, on="2026-08-01", response=ACCEPTED)
    b.offer(case, b.member(case, relationship="father"), on="2026-08-01", response=DECLINED)


def offers_across_quarters(b: Builder) -> None:
    case = b.case(children=2, lbp="2026-10-01")
    b.offer(case, b.member(case, relationship="mother"), on="2026-07-01")
    b.offer(case, b.member(case, relationship="father"), on="2026-10-01")


def family_help_and_pre_proceedings(b: Builder) -> None:
    """The worked example of docs/quarterly-return.md: a family-help offer (no letter, no pre-proceedings
    decision) is an FGDM offer but not the s.31ZA offer; nor is one made before a child's pre-proceedings
    decision; one made after it is."""
    family_help = b.case()
    b.offer(family_help, on="2026-07-05", response=ACCEPTED)
    b.meeting(family_help, on="2026-08-01")
    decided = b.case()
    b.episode(b.children(decided)[0], decided_on="2026-07-10")
    b.offer(decided, b.member(decided, relationship="mother"), on="2026-07-01")
    b.offer(decided, b.member(decided, relationship="father"), on="2026-07-20")


def fathers_of_siblings(b: Builder) -> None:
    """Two children with different fathers; only the first child's father is offered: counted by child, one."""
    case = b.case(children=2, lbp="2026-07-15")
    first, second = b.children(case)
    for relationship, child in (("father", first), ("stepfather", second)):
        father = b.member(case, relationship=relationship)
        b.tie(father, child)
        if child is first:
            b.offer(case, father, on="2026-07-15", in_lbp=True)


def open_and_closed(b: Builder) -> None:
    b.case(closed="2026-06-30")
    b.case(closed="2026-07-01", children=2)
    b.case(referred="2026-10-01")
    b.case(referred="2026-09-30")


def meeting_without_held_date(b: Builder) -> None:
    late = b.case()
    b.meeting(late, on="2026-09-30", at=time(23, 30), record_held_on=False)
    early = b.case()
    b.meeting(early, on="2026-06-30", at=time(23, 30), record_held_on=False)


SCENARIOS = [
    Scenario("empty", empty, {}),
    Scenario("two children, three PR holders, by offer", two_children_three_pr_holders,
             {"offers_made": 3, "offers_pending": 3, "children_supported": 2, "families_supported": 1}),
    Scenario("two children, three PR holders, by child", two_children_three_pr_holders,
             {"offers_made": 2, "offers_pending": 2, "children_supported": 2, "families_supported": 1},
             offer_unit="children"),
    Scenario("two children, three PR holders, by family", two_children_three_pr_holders,
             {"offers_made": 1, "offers_pending": 1, "children_supported": 2, "families_supported": 1},
             offer_unit="families"),
    Scenario("offer in one quarter: the offer's quarter", offer_then_meeting_next_quarter,
             {"offers_made": 1, "offers_accepted": 1, "children_supported": 1, "families_supported": 1}),
    Scenario("offer in one quarter: the meeting's quarter", offer_then_meeting_next_quarter,
             {"meetings_after_offer": 1, "meetings_held": 1, "days_to_meeting_median": Decimal("126.0"),
              "days_to_meeting_p90": 126, "children_supported": 1, "families_supported": 1}, quarter="2026-Q3"),
    Scenario("a withdrawn offer", withdrawn_offer,
             {"offers_made": 1, "offers_declined": 1, "offers_withdrawn": 1, "meetings_held": 1,
              "days_to_meeting_median": Decimal("101.0"), "days_to_meeting_p90": 101,
              "children_supported": 2, "families_supported": 2}),
    Scenario("a postponed then held meeting", postponed_then_held,
             {"offers_made": 1, "offers_accepted": 1, "meetings_after_offer": 1, "meetings_held": 1,
              "days_to_meeting_median": Decimal("74.0"), "days_to_meeting_p90": 74,
              "children_supported": 2, "families_supported": 2}),
    Scenario("a reopened case", reopened_case,
             {"meetings_held": 1, "children_supported": 1, "families_supported": 1}),
    Scenario("answered and recorded after the quarter", answered_after_the_quarter,
             {"offers_made": 1, "offers_accepted": 1, "reviews_held": 1,
              "children_supported": 1, "families_supported": 1}),
    Scenario("the letter before proceedings", letter_before_proceedings_timing,
             {"offers_made": 2, "offers_after_lbp": 1, "offers_pending": 3, "offers_outside_pre_proceedings": 1,
              "children_supported": 2, "families_supported": 2}),
    Scenario("siblings with different fathers, by child", fathers_of_siblings,
             {"offers_made": 1, "offers_pending": 1, "children_supported": 2, "families_supported": 1},
             offer_unit="children"),
    Scenario("family help is not pre-proceedings", family_help_and_pre_proceedings,
             {"offers_made": 1, "offers_pending": 1, "offers_outside_pre_proceedings": 2, "meetings_held": 1,
              "days_to_meeting_median": Decimal("122.0"), "days_to_meeting_p90": 122,
              "children_supported": 2, "families_supported": 2}),
    Scenario("who the duty is owed to", who_is_offered,
             {"offers_made": 1, "offers_pending": 1, "children_supported": 1, "families_supported": 1}),
    Scenario("best-interests exceptions", best_interests_exceptions,
             {"exceptions_offer": 2, "exceptions_holding": 1, "children_supported": 5, "families_supported": 2}),
    Scenario("held before the care application", held_before_application,
             {"offers_made": 0, "offers_accepted": 0, "meetings_after_offer": 2, "meetings_before_application": 1,
              "meetings_held": 3, "days_to_meeting_median": Decimal("80.0"), "days_to_meeting_p90": 131,
              "children_supported": 3, "families_supported": 3}),
    Scenario("ten first meetings and reviews", ten_meetings_and_reviews,
             {"meetings_held": 10, "reviews_held": 2, "days_to_meeting_median": Decimal("55.0"),
              "days_to_meeting_p90": 90, "children_supported": 11, "families_supported": 11}),
    Scenario("plans and support spend", plans_and_support,
             {"plans_agreed": 2, "support_approved": Decimal("350.50"), "support_approved.travel": Decimal("100.00"),
              "support_approved.childcare": Decimal("250.50"), "support_paid": Decimal("650.50"),
              "support_paid.childcare": Decimal("250.50"), "support_paid.beds_and_furniture": Decimal("400.00"),
              "children_supported": 1, "families_supported": 1}),
    Scenario("follow-ups at 3, 6 and 12 months", follow_ups,
             {"outcome_3m": 3, "outcome_3m.at_home": 1, "outcome_3m.with_family_network": 1,
              "outcome_3m.looked_after": 1, "outcome_3m_with_family": Decimal("66.7"), "outcome_3m_missing": 1,
              "outcome_6m": 1, "outcome_6m.other": 1, "outcome_6m_with_family": Decimal("0.0"),
              "outcome_12m": 1, "outcome_12m.at_home": 1, "outcome_12m_with_family": Decimal("100.0"),
              "children_supported": 6, "families_supported": 5}),
    Scenario("the workforce at the period end", workforce,
             {"workforce_by_role": 4, "workforce_by_role.coordinator": 3, "workforce_by_role.manager": 1,
              "workforce_by_qualification": 4, "workforce_by_qualification.social_work_qualified": 3,
              "workforce_by_qualification.alternatively_qualified": 1, "workforce_by_employer": 4,
              "workforce_by_employer.local_authority": 3, "workforce_by_employer.other": 1}),
    Scenario("an offer made again, by offer", offered_again,
             {"offers_made": 3, "offers_no_response": 1, "offers_accepted": 1, "offers_declined": 1,
              "children_supported": 3, "families_supported": 1}),
    Scenario("an offer made again, by parent", offered_again,
             {"offers_made": 2, "offers_no_response": 1, "offers_accepted": 1, "offers_declined": 1,
              "children_supported": 3, "families_supported": 1}, offer_unit="parents"),
    Scenario("a child counted at the family's first offer only", offers_across_quarters,
             {"children_supported": 2, "families_supported": 1}, quarter="2026-Q3", offer_unit="children"),
    Scenario("each offer in its own quarter", offers_across_quarters,
             {"offers_made": 1, "offers_pending": 1, "children_supported": 2, "families_supported": 1},
             quarter="2026-Q3"),
    Scenario("open and closed cases", open_and_closed,
             {"children_supported": 3, "families_supported": 2}),
    Scenario("a held meeting with no held date", meeting_without_held_date,
             {"meetings_held": 1, "days_to_meeting_median": Decimal("91.0"), "days_to_meeting_p90": 91,
              "children_supported": 2, "families_supported": 2}),
]


def _default(aggregate: str) -> Any:
    return {"count": 0, "sum": Decimal("0.00")}.get(aggregate)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_every_measure_matches_the_hand_count(ctx: ServiceContext, scenario: Scenario) -> None:
    builder = Builder(ctx)
    scenario.build(builder)
    builder.commit()
    loaded = definitions.load().with_offer_unit(scenario.offer_unit)
    report = Evaluator(ctx.session, loaded, ctx.today()).report(parse_quarter(scenario.quarter), ctx.now())
    unknown = set(scenario.expected) - {line.measure.id for line in report.lines}
    assert not unknown, f"the scenario names measures that do not exist: {unknown}"
    got = {line.measure.id: line.value for line in report.lines}
    wanted = {line.measure.id: scenario.expected.get(line.measure.id, _default(line.measure.aggregate))
              for line in report.lines}
    assert got == wanted
    assert "as they stand at 23 November 2026, 10:00" in report.note
