"""The home screen's questions: my cases by stage, meetings in the next fortnight, and what needs action."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest

from fgdm.domain.enums import CaseStatus
from fgdm.models import Case
from fgdm.services import cases, home, meetings, network, offers, plans, support
from fgdm.services.home import _lists as home_lists
from fgdm.services.shared.context import ServiceContext, Workspace
from tests.factories import make_case, make_staff
from tests.meetings_support import schedule
from tests.statements import statements
from tests.tui import dataset


@pytest.fixture
def service(ctx: ServiceContext) -> dict[str, int]:
    return dataset.build(ctx)


def kinds(items: list[home.ActionItem]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in items:
        found.setdefault(item.kind, []).append(item.line.reference)
    return found


def test_an_empty_database_says_so(ctx: ServiceContext) -> None:
    view = home.home(ctx)
    assert not view.any_cases and view.my_cases == [] and view.needs_action == []


def test_cases_by_stage_for_the_owner_cover_every_open_case(ctx: ServiceContext, service: dict[str, int]) -> None:
    cases.close_case(ctx, service["Khan"], "referral_withdrawn")
    groups = {group.status: group for group in home.cases_by_stage(ctx)}
    assert list(groups) == [CaseStatus.REFERRED, CaseStatus.PREPARING, CaseStatus.MEETING_HELD,
                            CaseStatus.PLAN_AGREED, CaseStatus.REVIEWING]
    assert [line.reference for line in groups[CaseStatus.REFERRED].cases] == ["FG-2026-0001"]
    assert groups[CaseStatus.REFERRED].cases[0].children == "Ada Okafor, Chidi Okafor"
    assert groups[CaseStatus.PREPARING].cases[0].children == "Zoë Ó Briain"
    assert sum(group.total for group in groups.values()) == 5


def test_a_coordinator_sees_only_their_allocated_cases(workspace: Workspace, service: dict[str, int]) -> None:
    with workspace.context("jo") as jo:
        view = home.home(jo)
    assert view.scope == "cases allocated to you"
    assert [(g.status, [line.reference for line in g.cases]) for g in view.my_cases if g.total] == [
        (CaseStatus.PLAN_AGREED, ["FG-2026-0004"])]
    assert view.needs_action == [] and view.upcoming == []
    with workspace.context("sam") as sam:
        mine = kinds(home.needs_action(sam))
    assert mine["offer_no_response"] == ["FG-2026-0001"]


def test_needs_action_lists_each_kind_with_the_case_and_children(ctx: ServiceContext,
                                                                  service: dict[str, int]) -> None:
    items = home.needs_action(ctx)
    assert kinds(items) == {"offer_no_response": ["FG-2026-0001"], "invitations_not_sent": ["FG-2026-0002"],
                            "support_awaiting_approval": ["FG-2026-0003"], "duty_not_met": ["FG-2026-0001"]}
    stale = items[0]
    assert stale.line.children == "Ada Okafor, Chidi Okafor"
    assert "Grace Okafor of 9 November 2026" in stale.line.detail
    duty = next(item for item in items if item.kind == "duty_not_met")
    assert "1 of 2 parents and PR holders still to be offered" in duty.line.detail


def test_an_offer_is_stale_only_after_the_working_days_have_passed(ctx: ServiceContext) -> None:
    case = make_case(ctx, lbp_date="2026-11-16")
    for given, offered_on in (("Fola", "2026-11-16"), ("Tunde", "2026-11-13")):
        member = network.add_member(ctx, case.id, {"given_name": given, "family_name": "Okafor", "is_parent": True,
                                                   "parental_responsibility": True})
        offers.record_offer(ctx, case.id, {"network_member_id": member.id, "offered_on": offered_on})
    details = [item.line.detail for item in home.needs_action(ctx) if item.kind == "offer_no_response"]
    # 16 November + 5 working days is the 23rd, today: not yet late. The 13th's answer was due on the 20th.
    assert len(details) == 1 and "Tunde Okafor of 13 November 2026" in details[0]


def test_settled_items_leave_the_list(ctx: ServiceContext, service: dict[str, int]) -> None:
    meeting = meetings.schedule_meeting(ctx, service["Evans"], {"kind": "review", "day": "2026-12-10",
                                                                "start_time": "10:00", "end_time": "11:00"},
                                        overrides={"review_timing": "test"})
    [planned] = home.upcoming_meetings(ctx)
    assert planned.reference == "FG-2026-0002"  # the review on 10 December is beyond the fortnight
    assert planned.detail.endswith("FGDM meeting · still to arrange: invitations")
    meetings.mark_invitations_sent(ctx, service["fgdm_meeting"])
    assert home.upcoming_meetings(ctx)[0].detail.endswith("FGDM meeting")
    assert meeting.starts_at > ctx.now()
    support.approve_item(ctx, service["support_item"], exception_reason="Grandparents cannot travel otherwise")
    assert set(kinds(home.needs_action(ctx))) == {"offer_no_response", "duty_not_met"}


def test_a_plan_past_its_review_date_needs_action(ctx: ServiceContext, service: dict[str, int]) -> None:
    plan = plans.start_version(ctx, service["Kowalski"])
    plans.add_action(ctx, plan.id, {"who_text": "Aunt Ola", "what": "School run on Tuesdays"})
    plans.update_plan(ctx, plan.id, {"review_date": "2026-11-20"})
    plans.record_agreement(ctx, plan.id, decided_by="Rhiannon Evans", decided_on="2026-11-01")
    [item] = [i for i in home.needs_action(ctx) if i.kind == "plan_review_overdue"]
    assert (item.line.reference, item.line.children) == ("FG-2026-0004", "Mateusz Kowalski")
    assert "due for review on 20 November 2026" in item.line.detail
    plans.start_version(ctx, service["Kowalski"])  # the review under way: a new version replaces the plan
    assert [i for i in home.needs_action(ctx) if i.kind == "plan_review_overdue"] == []


def test_names_in_any_script_come_back_as_typed(ctx: ServiceContext) -> None:
    names = ["سارة", "Zoë 🌟", "{{ name }}", "Robert'); DROP TABLE case;--"]
    case = make_case(ctx, family_name="Ó'Brien", children=[
        {"given_name": name, "date_of_birth": "2019-01-01"} for name in names])
    [line] = [line for group in home.cases_by_stage(ctx) for line in group.cases if line.case_id == case.id]
    assert line.children == ", ".join(f"{name} Ó'Brien" for name in names)


@pytest.mark.parametrize(("today", "days", "last"), [
    ("2026-11-23", 5, "2026-11-15"),  # Monday: an offer of Sunday the 15th was due an answer on Friday the 20th
    ("2026-11-25", 5, "2026-11-17"),  # Wednesday: the 17th's was due on the 24th
    ("2026-11-22", 5, "2026-11-15"),  # Sunday: the same
    ("2026-11-23", 1, "2026-11-19"),  # one working day: Thursday's answer was due on Friday
])
def test_last_unanswered_day_counts_working_days(today: str, days: int, last: str) -> None:
    assert home.last_unanswered_day(date.fromisoformat(today), days) == date.fromisoformat(last)


def test_follow_ups_due_are_prompted_on_home(ctx: ServiceContext, service: dict[str, int]) -> None:
    from fgdm.services import follow_ups

    plan = plans.start_version(ctx, service["Kowalski"])
    plans.add_action(ctx, plan.id, {"who_text": "Aunt Ola", "what": "School run on Tuesdays"})
    plans.record_agreement(ctx, plan.id, decided_by="Rhiannon Evans", decided_on="2026-07-01")
    due = follow_ups.due_follow_ups(ctx)
    assert [(d.reference, d.months) for d in due] == [("FG-2026-0004", 3)]
    [prompted] = [item for item in home.needs_action(ctx) if item.kind == "follow_up_due"]
    assert prompted.line.reference == "FG-2026-0004"
    assert "3-month follow-up due 1 Oct 2026" in prompted.line.detail


def test_every_case_owed_the_duty_is_found_not_only_among_the_first_that_could_owe_it(
        ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch) -> None:
    """Home once worked out the duty of the first cases that could owe it, in reference order, and listed those
    not met: a service whose first 50 such cases had met it saw none of the rest."""
    monkeypatch.setattr(home_lists, "PER_KIND", 2)
    excepted = [make_case(ctx, family_name=family) for family in ("Adebayo", "Byrne")]
    for case in excepted:
        offers.record_exception(ctx, case.id, {"scope": "offer", "decided_by": "Head of Service",
                                               "decided_on": "2026-11-20",
                                               "reason": "Contact with the father would put the child at risk"})
    owed = [make_case(ctx, family_name=family) for family in ("Chen", "Davies", "Evans")]
    found = home.duty_not_met(ctx)
    assert [item.line.reference for item in found] == [owed[0].reference, owed[1].reference]
    assert found[0].line.detail == ("Ada Chen: pending, no parent or holder of parental responsibility is "
                                    "recorded")
    assert [duty.state.value for case in excepted for duty in offers.duty_status(ctx, case.id)] == [
        "excepted", "excepted"]


def test_follow_ups_are_of_my_cases_when_i_coordinate_some(ctx: ServiceContext, workspace: Workspace,
                                                           service: dict[str, int]) -> None:
    """A manager who also coordinates sees home as "cases allocated to you": the follow-ups due were once of
    every case they could open. A case closed since its plan was agreed keeps its follow-ups."""
    lead = make_staff(ctx, "m.kaur", role="manager", name="Manpreet Kaur")
    make_staff(ctx, "d.okoro", role="manager", name="Dami Okoro")
    cases.update_case(ctx, service["Evans"], {"coordinator_id": lead.id})
    for family in ("Kowalski", "Evans"):
        plan = plans.start_version(ctx, service[family])
        plans.add_action(ctx, plan.id, {"who_text": "Aunt Ola", "what": "School run on Tuesdays"})
        plans.record_agreement(ctx, plan.id, decided_by="Rhiannon Evans", decided_on="2026-07-01")
    evans = cases.close_case(ctx, service["Evans"], "plan_completed").reference
    with workspace.context("m.kaur") as allocated:
        view = home.home(allocated)
        assert view.scope == "cases allocated to you"
        assert kinds(view.needs_action)["follow_up_due"] == [evans]
    with workspace.context("d.okoro") as unallocated:
        view = home.home(unallocated)
        assert view.scope == "all open cases"
        assert sorted(kinds(view.needs_action)["follow_up_due"]) == sorted([evans, "FG-2026-0004"])


@pytest.mark.parametrize("owed", [2, 3])
def test_a_kind_with_more_than_it_lists_says_so(ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch,
                                                owed: int) -> None:
    """Each kind lists its first `PER_KIND`: with more than that, home once showed the count it listed (a
    large service's "Invitations not sent (50)" stood for hundreds)."""
    monkeypatch.setattr(home_lists, "PER_KIND", 2)
    made = [make_case(ctx, family_name=family) for family in ("Chen", "Davies", "Evans")[:owed]]
    view = home.home(ctx)
    assert kinds(view.needs_action)["duty_not_met"] == [case.reference for case in made[:2]]
    assert view.more_than_listed == (frozenset({"duty_not_met"}) if owed > 2 else frozenset())
    assert len(kinds(home.needs_action(ctx))["duty_not_met"]) == 2


def test_a_duty_met_leaves_home_s_list_when_saved(ctx: ServiceContext, service: dict[str, int]) -> None:
    """The list is read from the record the save keeps: recording the last offer and its answer moves the case
    off it at once, with no other step."""
    okafor = service["Okafor"]
    assert [item.line.reference for item in home.duty_not_met(ctx)] == ["FG-2026-0001"]
    for party in offers.list_offers(ctx, okafor):
        offer_id = party.offer_id or offers.record_offer(
            ctx, okafor, {"network_member_id": party.network_member_id, "offered_on": "2026-11-09"}).id
        offers.record_response(ctx, offer_id, "declined", on="2026-11-12")
    assert [duty.state.value for duty in offers.duty_status(ctx, okafor)] == ["met", "met"]
    assert home.duty_not_met(ctx) == []


def test_upcoming_meetings_are_my_cases_soonest_cut_in_sql(workspace: Workspace, service: dict[str, int],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Jo sees only Jo's meetings, soonest first, to the end of the fortnight, at most PER_KIND of them."""
    with workspace.context("jo") as jo:
        kowalski = jo.session.get(Case, service["Kowalski"])
        for day in ("2026-12-03", "2026-11-25", "2026-12-07", "2026-11-27", "2026-12-08"):
            schedule(jo, kowalski, kind="other", day=day, start="10:00", end="11:00")
    with workspace.context("sam") as sam:
        schedule(sam, sam.session.get(Case, service["Evans"]), kind="other", day="2026-11-24", start="10:00",
                 end="11:00")
    monkeypatch.setattr(home_lists, "PER_KIND", 3)
    with workspace.context("jo") as jo:
        lines = home.upcoming_meetings(jo)
    assert [(line.reference, line.detail.split(" 2026")[0]) for line in lines] == [
        ("FG-2026-0004", "25 November"), ("FG-2026-0004", "27 November"),
        ("FG-2026-0004", "3 December")]
    with workspace.context("jo") as jo:
        monkeypatch.setattr(home_lists, "PER_KIND", 50)
        assert [line.detail.split(" 2026")[0] for line in home.upcoming_meetings(jo)][-1] == "7 December"


def test_home_asks_once_whether_the_coordinator_has_cases_of_their_own(workspace: Workspace,
                                                                       service: dict[str, int]) -> None:
    """Every list of home is "my cases"; deciding what that means once, not once a list (eight times)."""
    with workspace.context("jo") as jo, statements(jo) as read:
        view = home.home(jo)
    question = "SELECT fgdm_case.id FROM fgdm_case WHERE fgdm_case.coordinator_id"
    asked = [statement for statement in read if " ".join(statement.split()).startswith(question)]
    assert len(asked) == 1
    assert view.scope == "cases allocated to you"


def test_home_reads_the_children_names_once_in_each_half(ctx: ServiceContext, service: dict[str, int]) -> None:
    """Twelve lists (five stages, the meetings, six kinds of action) in two halves: each half's lists share one
    read of the children's names."""
    with statements(ctx) as read:
        view = home.home(ctx)
    names = [statement for statement in read if "case_child.case_id, person.given_name" in statement]
    assert len(names) == 2
    shown = [line for group in view.my_cases for line in group.cases] + [item.line for item in view.needs_action]
    assert {line.reference: line.children for line in shown}["FG-2026-0001"] == "Ada Okafor, Chidi Okafor"
    assert all(line.children for line in shown)


@pytest.mark.parametrize("username", ["jo", "sam"])
def test_home_read_side_by_side_is_home_read_in_one_context(workspace: Workspace, service: dict[str, int],
                                                            username: str) -> None:
    """The second half is read in a context of its own, as the same user, at the same time as the first."""
    opened: list[str] = []

    @contextmanager
    def another() -> Iterator[ServiceContext]:
        with workspace.context(username) as side:
            opened.append(side.actor.username)
            yield side

    with workspace.context(username) as ctx:
        one_context = home.home(ctx)
        side_by_side = home.home(ctx, side_by_side=another)
    assert side_by_side == one_context
    assert opened == [ctx.actor.username]
    assert bool(side_by_side.needs_action) == (username == "sam")


def test_only_a_store_with_a_connection_each_reads_side_by_side(sqlite_url: str) -> None:
    from fgdm.config import Settings

    memory = Workspace(Settings(database_url="sqlite://"))
    on_disk = Workspace(Settings(database_url=sqlite_url))
    assert not memory.reads_side_by_side and on_disk.reads_side_by_side
    memory.dispose()
    on_disk.dispose()


def test_home_reads_of_each_stage_the_lines_asked_for_and_a_stage_whole_on_request(ctx: ServiceContext) -> None:
    """The workbench reads each stage's first lines at start and a stage's whole list when its "more" line is
    chosen; the lines are the same as the whole read's, in the same order."""
    for family in ("Adams", "Baker", "Clarke", "Dunn", "Ellis"):
        make_case(ctx, family_name=family)
    whole = {group.status: group for group in home.cases_by_stage(ctx)}
    view = home.home(ctx, stage_lines=home.StageLines(first=2))
    part = {group.status: group for group in view.my_cases}
    assert [line.reference for line in part[CaseStatus.REFERRED].cases] == [
        line.reference for line in whole[CaseStatus.REFERRED].cases[:2]]
    assert (part[CaseStatus.REFERRED].total, part[CaseStatus.REFERRED].listed) == (5, 5)
    opened = home.home(ctx, stage_lines=home.StageLines(first=2, whole=frozenset({CaseStatus.REFERRED})))
    assert opened.my_cases[0].cases == whole[CaseStatus.REFERRED].cases
    assert home.stage_cases(ctx, "referred") == whole[CaseStatus.REFERRED].cases
