"""Properties over random services: a number always equals its drill-down, and quarters add up to the year."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import delete

from fgdm.domain.enums import (
    ExceptionScope,
    LivingArrangement,
    MeetingKind,
    MeetingStatus,
    OfferResponse,
    PlanStatus,
    SupportStatus,
)
from fgdm.domain.periods import financial_year, quarters_of
from fgdm.domain.support_categories import DEFAULT_SUPPORT_CATEGORIES
from fgdm.models import (
    BestInterestsException,
    Case,
    CaseChild,
    ChildOutcome,
    FamilyPlan,
    FgdmOffer,
    Meeting,
    NetworkMember,
    Person,
    Staff,
    SupportItem,
)
from fgdm.reports import definitions
from fgdm.reports.engine import Evaluator
from fgdm.services.shared.context import Workspace
from tests.reports.builder import Builder

YEAR_START = date(2026, 4, 1)
days = st.integers(min_value=-60, max_value=420).map(lambda n: YEAR_START + timedelta(days=n))

offer = st.fixed_dictionaries({"on": days, "response": st.sampled_from(OfferResponse), "in_lbp": st.booleans(),
                               "parent": st.booleans(), "pr": st.booleans()})
meeting = st.fixed_dictionaries({"on": days, "kind": st.sampled_from([MeetingKind.FGDM_MEETING, MeetingKind.REVIEW]),
                                 "status": st.sampled_from(MeetingStatus), "dated": st.booleans()})
support = st.fixed_dictionaries({"approved": days, "paid": st.none() | days, "amount": st.integers(1, 90000),
                                 "category": st.sampled_from(list(DEFAULT_SUPPORT_CATEGORIES)),
                                 "status": st.sampled_from(SupportStatus)})
case = st.fixed_dictionaries({
    "referred": days, "children": st.integers(1, 3), "lbp": st.none() | days, "application": st.none() | days,
    "closed": st.none() | days, "offers": st.lists(offer, max_size=3), "meetings": st.lists(meeting, max_size=3),
    "exceptions": st.lists(st.tuples(st.sampled_from(ExceptionScope), days, st.booleans()), max_size=2),
    "plans": st.lists(st.tuples(days, st.sampled_from(PlanStatus)), max_size=2),
    "support": st.lists(support, max_size=2),
    "outcomes": st.lists(st.tuples(st.sampled_from([3, 6, 12]), st.sampled_from(LivingArrangement)), max_size=2),
})
service = st.lists(case, min_size=1, max_size=6)

TABLES = (ChildOutcome, SupportItem, FamilyPlan, Meeting, BestInterestsException, FgdmOffer,
          NetworkMember, CaseChild, Case, Person, Staff)


def _build(b: Builder, spec: dict[str, Any]) -> None:
    record = b.case(referred=spec["referred"], children=spec["children"], lbp=spec["lbp"],
                    application=spec["application"], closed=spec["closed"])
    children = b.children(record)
    for item in spec["offers"]:
        member = b.member(record, parent=item["parent"], pr=item["pr"])
        b.offer(record, member, on=item["on"], response=item["response"], in_lbp=item["in_lbp"])
    for item in spec["meetings"]:
        b.meeting(record, on=item["on"], kind=item["kind"], status=item["status"], record_held_on=item["dated"])
    for scope, on, whole_case in spec["exceptions"]:
        b.exception(record, scope=scope, on=on, child=None if whole_case else children[0])
    for version, (on, status) in enumerate(spec["plans"], start=1):
        b.plan(record, on=on, status=status, version=version)
    for item in spec["support"]:
        b.support(record, amount=str(Decimal(item["amount"]) / 100), category=item["category"],
                  status=item["status"], approved=item["approved"], paid=item["paid"])
    for months, living in dict(spec["outcomes"]).items():
        b.outcome(children[0], months=months, living=living)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=service, offer_unit=st.sampled_from(definitions.OFFER_UNITS))
def test_numbers_equal_their_drill_down_and_quarters_add_up(sqlite_workspace: Workspace,
                                                           specs: list[dict[str, Any]], offer_unit: str) -> None:
    with sqlite_workspace.context() as ctx:
        for table in TABLES:
            ctx.session.exec(delete(table))  # type: ignore[call-overload]
        ctx.session.commit()
        builder = Builder(ctx)
        for spec in specs:
            _build(builder, spec)
        builder.commit()
        loaded = definitions.load().with_offer_unit(offer_unit)
        year = Evaluator(ctx.session, loaded, ctx.today()).report(financial_year(2026), ctx.now())
        quarters = [Evaluator(ctx.session, loaded, ctx.today()).report(q, ctx.now()) for q in quarters_of(2026)]
        for line in year.lines:
            explain = Evaluator(ctx.session, loaded, ctx.today())
            drilled = explain.drill_rows(explain.line(line.measure, year.period))
            if line.measure.aggregate == "count":
                assert line.value == len(drilled), line.measure.id
            if line.measure.aggregate == "sum":
                assert line.value == sum((row.amount for row in drilled), Decimal("0.00")), line.measure.id
            if line.measure.unit == "children":
                keys = [row.child_id for row in line.rows]
                assert len(keys) == len(set(keys)), f"{line.measure.id} counts a child twice"
            if line.measure.is_flow_count:
                by_quarter = [report.line(line.measure.id).value for report in quarters]
                assert sum(by_quarter) == line.value, f"{line.measure.id}: {by_quarter} vs {line.value}"
