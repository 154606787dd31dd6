"""My week: the meetings, visits, follow-ups and tasks of one week (Monday to Sunday) in the coordinator's cases."""

from __future__ import annotations

from datetime import date

from fgdm.services import home, notes, offers, plans
from fgdm.services.shared.context import ServiceContext, Workspace
from tests.factories import make_case, make_staff
from tests.meetings_support import schedule
from tests.services.plans.test_plans_fixtures import add_member, hold_meeting

# The frozen clock's day, Monday 23 November 2026, starts the week.


def test_my_week_lists_my_cases_meetings_visits_and_follow_ups_day_by_day(workspace: Workspace) -> None:
    with workspace.context() as owner:
        mine = make_staff(owner, "cdavies", name="Cerys Davies")
        theirs = make_staff(owner, "rokoye", name="Rachel Okoye")
        case = make_case(owner, family_name="Okafor", referral_date="2026-10-01", coordinator_id=mine.id)
        other = make_case(owner, family_name="Jones", referral_date="2026-10-01", coordinator_id=theirs.id)
        schedule(owner, case, kind="baseline", day="2026-11-26")
        schedule(owner, case, kind="preparation_visit", day="2026-11-24", start="14:00", end="15:00")
        schedule(owner, other, kind="baseline", day="2026-11-25")
        notes.add_note(owner, case.id, {"who": "Head of year", "method": "phone", "agreed": "Will ring back",
                                        "follow_up_on": "2026-11-27"})
        notes.add_note(owner, case.id, {"who": "Aunt Ngozi", "method": "visit", "agreed": "Thinking about it",
                                        "follow_up_on": "2026-12-02"})
    with workspace.context("cdavies") as ctx:
        week = home.my_week(ctx)
        later = home.my_week(ctx, date(2026, 12, 3))
    shown = {section.title: [(line.reference, line.detail) for line in section.lines] for section in week.sections}
    assert (week.first_day, week.last_day, week.scope) == (date(2026, 11, 23), date(2026, 11, 29),
                                                           "cases allocated to you")
    assert shown == {
        "Meetings": [(case.reference, "Thu 26 Nov 2026 10:00 · Baseline with referrer")],
        "Visits": [(case.reference, "Tue 24 Nov 2026 14:00 · Preparation visit")],
        "Follow-ups due": [(case.reference, "Fri 27 Nov 2026 · follow up phone with Head of year")],
        "Tasks": [],
    }
    assert [line.detail for section in later.sections for line in section.lines] == [
        "Wed 2 Dec 2026 · follow up visit with Aunt Ngozi"]


def test_my_week_lists_plan_actions_due_and_answers_to_offers_falling_due(ctx: ServiceContext) -> None:
    case = make_case(ctx, family_name="Llywelyn", referral_date="2026-10-01")
    mother = add_member(ctx, case.id, "Mererid", "Llywelyn", relationship="Mother", is_parent=True,
                        parental_responsibility=True)
    offers.record_offer(ctx, case.id, {"network_member_id": mother.id, "offered_on": "2026-11-20", "in_lbp": False})
    hold_meeting(ctx, case.id, held_on=date(2026, 11, 20), attended=[mother])
    plan = plans.start_version(ctx, case.id)
    plans.add_action(ctx, plan.id, {"who_text": "Siân", "what": "Fit the car seat", "by_when": "2026-11-25"})
    plans.add_action(ctx, plan.id, {"who_text": "Siân", "what": "Next week's job", "by_when": "2026-12-01"})
    plans.record_agreement(ctx, plan.id, decided_by="Sam Referrer", decided_on=date(2026, 11, 21))
    tasks = next(section for section in home.my_week(ctx).sections if section.title == "Tasks")
    assert [line.detail for line in tasks.lines] == [
        "Wed 25 Nov 2026 · plan action due: Fit the car seat",
        "Fri 27 Nov 2026 · answer to the offer to Mererid Llywelyn due"]
