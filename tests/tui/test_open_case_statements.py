"""Opening a case sends a fixed number of statements per tab, however large the case: each tab's services
check the case once and share their reads (`docs/performance.md`, "Opening a case, second pass")."""

from __future__ import annotations

from sqlmodel import func, select

from fgdm import demo
from fgdm.models import FamilyPlan, NetworkMember, PlanAction, SupportItem
from fgdm.services.shared.context import ServiceContext
from fgdm.tui.case_tabs import CASE_TABS
from tests.statements import statements

# Statements each tab's fetch sends for a case with a network, meetings, invitees, a plan and support. Meetings'
# overrides, offers, best-interests decisions and letters are asked for only when the access check or the
# meetings' read shows the case has some: a case with all of them sends 8 for meetings and 9 for offers. The
# offers tab also reads the ties that say whose child each child is, and this case's pre-proceedings episodes.
# The network and meetings tabs each read what is kept from whom (the disclosure rule's facts), and the names of
# the people and meetings it is about only when something is kept (3 statements more each). The genogram is laid
# out when first shown, not when the Network tab opens.
MOST = {"overview": 2, "network": 7, "meetings": 9, "offers": 8, "plan": 6, "support": 4,
        "history": 2, "notes": 2, "documents": 2}


def test_each_tab_of_a_full_case_sends_a_fixed_few_statements(ctx: ServiceContext) -> None:
    demo.generate_service(ctx, seed=11, cases=14)
    busiest = (select(FamilyPlan.case_id).where(
        FamilyPlan.id.in_(select(PlanAction.plan_id)),  # type: ignore[attr-defined]
        FamilyPlan.case_id.in_(select(SupportItem.case_id)))  # type: ignore[attr-defined]
        .group_by(FamilyPlan.case_id).order_by(func.count().desc(), FamilyPlan.case_id).limit(1))
    case_id = ctx.session.exec(busiest).one()
    members = ctx.session.exec(select(func.count()).where(NetworkMember.case_id == case_id)).one()
    assert members >= 5
    fetches = {spec.id: (lambda tab=spec.widget(case_id): tab.fetch(ctx)) for spec in CASE_TABS}
    sent = {}
    for name, fetch in fetches.items():
        ctx.session.expunge_all()
        with statements(ctx) as read:
            fetch()
        sent[name] = len(read)
    assert sent == MOST and sum(sent.values()) == 42            # 62 before the second pass; the heading is
    #                                                             the Overview tab's read
