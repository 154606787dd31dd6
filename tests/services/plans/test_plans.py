"""Family plans: the version lifecycle, the referrer's decision, the action table and distribution."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from fgdm.domain.enums import ActionStatus, CaseStatus, PlanStatus
from fgdm.models import Case
from fgdm.services import cases, plans
from fgdm.services.plans import _plans as plans_module
from fgdm.services.shared.context import ServiceContext, Workspace
from fgdm.services.shared.errors import Conflict, PermissionDenied, SafetyBreach, ValidationFailed
from tests.factories import make_case, make_staff
from tests.services.plans.test_plans_fixtures import add_member, hold_meeting
from tests.statements import statements

TRICKY = ["Siân's bed 🛏️", "مرحبا بالعائلة", "{{ plan.secret }}", "Robert'); DROP TABLE plan_action;--"]


def _plan_with_actions(ctx: ServiceContext, case: Case, whats: list[str]) -> int:
    plan = plans.start_version(ctx, case.id)
    for what in whats:
        plans.add_action(ctx, plan.id, {"who_text": "Social worker", "what": what, "by_when": "2026-12-18"})
    return plan.id  # type: ignore[return-value]


def test_first_version_starts_from_the_baseline(ctx: ServiceContext) -> None:
    case = make_case(ctx, bottom_lines="Ada must not be left alone with Dean",
                     questions_for_family="Where will Ada live?\n\nWho will take her to school?")
    meeting = hold_meeting(ctx, case.id)
    plan = plans.start_version(ctx, case.id)
    detail = plans.get_plan(ctx, case.id)
    assert (plan.version_no, plan.status, plan.meeting_id) == (1, PlanStatus.DRAFT, meeting.id)
    assert detail.plan.bottom_lines == "Ada must not be left alone with Dean"
    assert [q.question for q in detail.questions] == ["Where will Ada live?", "Who will take her to school?"]
    assert not detail.read_only


def test_agreement_freezes_the_version_and_a_review_copies_it(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    hold_meeting(ctx, case.id)
    cases.advance_stage(ctx, case.id)
    cases.advance_stage(ctx, case.id)
    aunt = add_member(ctx, case.id, "Ngozi")
    plan_id = _plan_with_actions(ctx, case, ["Collect Ada from school on Mondays", "Arrange a GP check-up"])
    plans.update_plan(ctx, plan_id, {"plan_lead_member_id": aunt.id, "child_views": "I want to stay with Nana",
                                     "contingency": "If Ngozi is ill, Uncle Emeka steps in",
                                     "review_date": "2027-02-15"})
    plans.add_question(ctx, plan_id, {"question": "Who helps at bedtime?", "answer": "Ngozi"})
    agreed = plans.record_agreement(ctx, plan_id, decided_by="Sam Referrer", decided_on=date(2026, 11, 21))
    assert (agreed.status, agreed.decision_by, agreed.decision_on) == (PlanStatus.AGREED, "Sam Referrer",
                                                                        date(2026, 11, 21))
    assert cases.get_case(ctx, case.id).case.status is CaseStatus.PLAN_AGREED
    first_action = plans.get_plan(ctx, case.id).actions[0].action
    with pytest.raises(ValidationFailed, match="version 1 was agreed on 21 November 2026 and is read-only"):
        plans.add_action(ctx, plan_id, {"who_text": "Nana", "what": "Sunday lunch"})
    with pytest.raises(ValidationFailed, match="read-only"):
        plans.update_plan(ctx, plan_id, {"contingency": "changed"})
    with pytest.raises(ValidationFailed, match="read-only"):
        plans.mark_done(ctx, first_action.id)  # type: ignore[arg-type]

    review = plans.start_version(ctx, case.id)
    detail = plans.get_plan(ctx, case.id)
    assert (review.version_no, review.based_on_id, review.status) == (2, plan_id, PlanStatus.DRAFT)
    assert (detail.plan_lead, detail.plan.contingency, detail.plan.review_date) == (
        "Ngozi Okafor", "If Ngozi is ill, Uncle Emeka steps in", None)
    assert [v.action.what for v in detail.actions] == ["Collect Ada from school on Mondays", "Arrange a GP check-up"]
    assert [(q.question, q.answer) for q in detail.questions] == [("Who helps at bedtime?", "Ngozi")]
    with pytest.raises(ValidationFailed, match="still a draft"):
        plans.start_version(ctx, case.id)

    plans.mark_done(ctx, detail.actions[0].action.id)  # type: ignore[arg-type]
    plans.remove_action(ctx, detail.actions[1].action.id)  # type: ignore[arg-type]
    plans.add_action(ctx, review.id, {"who_text": "School", "what": "Weekly check-in"})  # type: ignore[arg-type]
    changed = plans.changes(ctx, review.id)  # type: ignore[arg-type]
    assert (changed.added, changed.removed, changed.done) == (
        ["Weekly check-in"], ["Arrange a GP check-up"], ["Collect Ada from school on Mondays"])
    original = plans.get_plan(ctx, case.id, 1)
    assert [(v.action.what, v.action.status) for v in original.actions] == [
        ("Collect Ada from school on Mondays", ActionStatus.NOT_STARTED), ("Arrange a GP check-up",
                                                                           ActionStatus.NOT_STARTED)]
    assert [p.version_no for p in plans.list_versions(ctx, case.id)] == [1, 2]


def test_not_agreed_needs_a_reason_and_the_next_version_revises_it(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    plan_id = _plan_with_actions(ctx, case, ["Dad moves back in"])
    with pytest.raises(ValidationFailed, match="not_agreed_reason: choose one of"):
        plans.record_not_agreed(ctx, plan_id, reason="dislike", detail="x", decided_by="Sam")
    with pytest.raises(ValidationFailed, match="not_agreed_detail"):
        plans.record_not_agreed(ctx, plan_id, reason="fails_bottom_line", detail=" ", decided_by="Sam")
    with pytest.raises(ValidationFailed, match="decision_by"):
        plans.record_not_agreed(ctx, plan_id, reason="unsafe", detail="Dad's drinking", decided_by="")
    refused = plans.record_not_agreed(ctx, plan_id, reason="fails_bottom_line",
                                      detail="Ada cannot live with her father", decided_by="Sam")
    assert (refused.status, refused.not_agreed_reason.value, refused.decision_on) == (  # type: ignore[union-attr]
        PlanStatus.NOT_AGREED, "fails_bottom_line", date(2026, 11, 23))
    revised = plans.start_version(ctx, case.id)
    assert revised.based_on_id == plan_id
    assert [v.action.what for v in plans.get_plan(ctx, case.id).actions] == ["Dad moves back in"]


def test_agreement_defaults_to_the_referrer_and_needs_an_action(workspace: Workspace) -> None:
    with workspace.context() as ctx:
        referrer = make_staff(ctx, "sam", role="referrer", name="Sam Adeyemi")
        case = make_case(ctx, referrer_id=referrer.id)
        plan = plans.start_version(ctx, case.id)
        with pytest.raises(ValidationFailed, match="at least one action"):
            plans.record_agreement(ctx, plan.id)  # type: ignore[arg-type]
        with pytest.raises(ValidationFailed, match="decision_on: cannot be in the future"):
            plans.record_agreement(ctx, plan.id, decided_on=date(2026, 11, 24))  # type: ignore[arg-type]
        plans.add_action(ctx, plan.id, {"who_text": "Nana", "what": "Sunday lunch"})  # type: ignore[arg-type]
        assert plans.record_agreement(ctx, plan.id).decision_by == "Sam Adeyemi"  # type: ignore[arg-type]
    with workspace.context("sam") as referrer_ctx, pytest.raises(PermissionDenied):
        plans.start_version(referrer_ctx, case.id)


def test_action_table_duplicate_reorder_and_done(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    plan_id = _plan_with_actions(ctx, case, ["A", "B", "C"])

    def order() -> list[str]:
        return [v.action.what for v in plans.get_plan(ctx, case.id).actions]

    first, second, third = (v.action for v in plans.get_plan(ctx, case.id).actions)
    copy = plans.duplicate_action(ctx, first.id)  # type: ignore[arg-type]
    assert (order(), copy.status, copy.by_when) == (["A", "A", "B", "C"], ActionStatus.NOT_STARTED,
                                                    date(2026, 12, 18))
    plans.move_action(ctx, third.id, -1)  # type: ignore[arg-type]
    assert order() == ["A", "A", "C", "B"]
    plans.move_action(ctx, first.id, -5)  # type: ignore[arg-type]
    plans.move_action(ctx, second.id, +9)  # type: ignore[arg-type]
    assert order() == ["A", "A", "C", "B"]
    assert plans.mark_done(ctx, third.id).status is ActionStatus.DONE  # type: ignore[arg-type]
    with pytest.raises(ValidationFailed, match="status: choose one of"):
        plans.set_action_status(ctx, third.id, "finished")  # type: ignore[arg-type]
    plans.remove_action(ctx, copy.id)  # type: ignore[arg-type]
    assert [v.action.position for v in plans.get_plan(ctx, case.id).actions] == [0, 1, 2]
    assert plan_id == first.plan_id


@pytest.mark.parametrize("text", TRICKY)
def test_plan_text_round_trips(ctx: ServiceContext, text: str) -> None:
    case = make_case(ctx)
    plan_id = _plan_with_actions(ctx, case, [text])
    plans.update_plan(ctx, plan_id, {"child_views": text, "bottom_lines": text})
    plans.add_question(ctx, plan_id, {"question": text, "answer": text})
    ctx.session.expire_all()
    detail = plans.get_plan(ctx, case.id)
    assert detail.actions[0].action.what == detail.plan.child_views == detail.questions[0].answer == text


@pytest.mark.parametrize(("data", "field"), [
    ({"what": "Lunch"}, "say who will do it"),
    ({"who_text": "Nana", "what": ""}, "what"),
    ({"who_text": "Nana", "what": "Lunch", "by_when": "next week"}, "DD/MM/YYYY"),
    ({"who_text": "N" * 201, "what": "Lunch"}, "at most 200"),
])
def test_bad_actions_name_the_field_and_change_nothing(ctx: ServiceContext, data: dict[str, str],
                                                       field: str) -> None:
    case = make_case(ctx)
    plan = plans.start_version(ctx, case.id)
    with pytest.raises(ValidationFailed, match=field):
        plans.add_action(ctx, plan.id, data)  # type: ignore[arg-type]
    assert plans.get_plan(ctx, case.id).actions == []


def test_people_not_to_be_told_cannot_be_named(ctx: ServiceContext) -> None:
    case, other = make_case(ctx), make_case(ctx, family_name="Jones")
    hidden = add_member(ctx, case.id, "Dean", not_to_be_told=True)
    stranger = add_member(ctx, other.id, "Rhys", "Jones")
    plan = plans.start_version(ctx, case.id)
    with pytest.raises(SafetyBreach, match="not to be told"):
        plans.add_action(ctx, plan.id, {"who_member_id": hidden.id, "what": "Lunch"})  # type: ignore[arg-type]
    with pytest.raises(SafetyBreach, match="not to be told"):
        plans.update_plan(ctx, plan.id, {"plan_lead_member_id": hidden.id})  # type: ignore[arg-type]
    with pytest.raises(ValidationFailed, match="not in this case's network"):
        plans.add_action(ctx, plan.id, {"who_member_id": stranger.id, "what": "Lunch"})  # type: ignore[arg-type]


def test_stale_save_is_a_conflict(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    plan = plans.start_version(ctx, case.id)
    opened = plan.version
    plans.update_plan(ctx, plan.id, {"contingency": "Nana steps in"})  # type: ignore[arg-type]
    with pytest.raises(Conflict, match="Plan version 1 was changed by someone else"):
        plans.update_plan(ctx, plan.id, {"contingency": "Uncle steps in"},  # type: ignore[arg-type]
                          expected_version=opened)


def test_distribution_records_who_and_when(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    aunt = add_member(ctx, case.id, "Ngozi")
    hidden = add_member(ctx, case.id, "Dean", not_to_be_told=True)
    plan_id = _plan_with_actions(ctx, case, ["Lunch"])
    with pytest.raises(ValidationFailed, match="still a draft"):
        plans.record_distribution(ctx, plan_id, member_ids=[aunt.id])  # type: ignore[list-item]
    plans.record_agreement(ctx, plan_id, decided_by="Sam")
    with pytest.raises(SafetyBreach):
        plans.record_distribution(ctx, plan_id, member_ids=[hidden.id])  # type: ignore[list-item]
    with pytest.raises(ValidationFailed, match="at least one"):
        plans.record_distribution(ctx, plan_id)
    sent = datetime(2026, 11, 22, 15, 30, tzinfo=UTC)
    plans.record_distribution(ctx, plan_id, member_ids=[aunt.id], names=["Ada's school"],  # type: ignore[list-item]
                              method="email", sent_at=sent)
    rows = plans.list_distribution(ctx, plan_id)
    assert [(r.recipient_name, r.method, r.sent_at) for r in rows] == [("Ngozi Okafor", "email", sent),
                                                                        ("Ada's school", "email", sent)]
    assert rows[0].person_id == aunt.person_id


def test_two_people_starting_the_same_version_is_a_conflict(workspace: Workspace,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The second of two simultaneous starts read the versions before the first saved: it must not win."""
    with workspace.context() as first, workspace.context() as second:
        case = make_case(first)
        plans.start_version(first, case.id)
        monkeypatch.setattr(plans_module, "list_versions", lambda ctx, case_id: [])  # what the second one had read
        with pytest.raises(Conflict, match="changed by someone else"):
            plans.start_version(second, case.id)
        monkeypatch.undo()
        assert [p.version_no for p in plans.list_versions(second, case.id)] == [1]


def test_sent_to_everyone_who_took_part(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    aunt, nana = add_member(ctx, case.id, "Ngozi"), add_member(ctx, case.id, "Grace")
    add_member(ctx, case.id, "Uche")                           # did not come
    hold_meeting(ctx, case.id, attended=[aunt, nana])
    plan_id = _plan_with_actions(ctx, case, ["Lunch"])
    plans.record_agreement(ctx, plan_id, decided_by="Sam")
    rows = plans.record_distribution(ctx, plan_id, member_ids=[aunt.id], names=["Ada's school"],  # type: ignore[list-item]
                                     everyone_who_took_part=True)
    assert sorted(r.recipient_name for r in rows) == ["Ada's school", "Grace Okafor", "Ngozi Okafor"]


def test_answers_to_the_referrers_questions_are_saved_together(ctx: ServiceContext) -> None:
    case = make_case(ctx, questions_for_family="Where will Ada live?\nWho takes her to school?")
    plan = plans.start_version(ctx, case.id)
    first, second = plans.get_plan(ctx, case.id).questions
    with pytest.raises(ValidationFailed, match="new_question"):
        plans.answer_questions(ctx, plan.id, {first.id: "With Nana"}, new_answer="Orphan answer")  # type: ignore[arg-type, dict-item]
    assert plans.get_plan(ctx, case.id).questions[0].answer == ""
    saved = plans.answer_questions(ctx, plan.id, {first.id: "With Nana", second.id: "Uncle Emeka"},  # type: ignore[arg-type, dict-item]
                                   new_question="Who helps at bedtime?", new_answer="Nana")
    assert [(q.question, q.answer) for q in saved] == [("Where will Ada live?", "With Nana"),
                                                       ("Who takes her to school?", "Uncle Emeka"),
                                                       ("Who helps at bedtime?", "Nana")]


def test_questions_are_reworded_or_removed_together_and_an_answered_one_is_kept(ctx: ServiceContext) -> None:
    case = make_case(ctx, questions_for_family="Where will Ada live?\nWho takes her to school?\nAny pets?")
    plan = plans.start_version(ctx, case.id)
    first, second, third = plans.get_plan(ctx, case.id).questions
    plans.answer_questions(ctx, plan.id, {first.id: "With Nana"})  # type: ignore[arg-type, dict-item]
    with pytest.raises(ValidationFailed) as caught:
        plans.reword_questions(ctx, plan.id, {first.id: " ", second.id: "x" * 4001})  # type: ignore[dict-item]
    assert set(caught.value.errors) == {f"question_{first.id}", f"question_{second.id}"}
    assert "clear the answer first" in caught.value.errors[f"question_{first.id}"]
    assert len(plans.get_plan(ctx, case.id).questions) == 3
    saved = plans.reword_questions(ctx, plan.id, {second.id: "  Who will take Ada to school, and how?  ",  # type: ignore[dict-item]
                                                  third.id: ""})
    assert [(q.question, q.answer) for q in saved] == [("Where will Ada live?", "With Nana"),
                                                       ("Who will take Ada to school, and how?", "")]
    plans.add_action(ctx, plan.id, {"what": "Nana collects Ada on Mondays", "who_text": "Nana"})
    plans.record_agreement(ctx, plan.id, decided_by="Sam")
    with pytest.raises(ValidationFailed, match="agreed"):
        plans.reword_questions(ctx, plan.id, {second.id: "Changed after agreement"})  # type: ignore[dict-item]


@pytest.mark.parametrize("count", [1, 8])
def test_a_plan_names_its_people_in_one_read(ctx: ServiceContext, count: int) -> None:
    case = make_case(ctx)
    plan = plans.start_version(ctx, case.id)
    for number in range(count):
        member = add_member(ctx, case.id, f"Cousin{number}")
        plans.add_action(ctx, plan.id, {"what": f"Task {number}", "who_member_id": member.id})
    ctx.session.expunge_all()
    with statements(ctx) as sent:
        detail = plans.get_plan(ctx, case.id)
    assert [view.who for view in detail.actions] == [f"Cousin{n} Okafor" for n in range(count)]
    assert len(sent) <= 6, sent                              # as many for one action as for eight


@pytest.mark.parametrize("count", [1, 8])
def test_the_plan_tab_reads_a_review_version_in_six_statements(ctx: ServiceContext, count: int) -> None:
    case = make_case(ctx)
    hidden = add_member(ctx, case.id, "Dean", not_to_be_told=True)
    plan = plans.start_version(ctx, case.id)
    for number in range(count):
        member = add_member(ctx, case.id, f"Cousin{number}")
        plans.add_action(ctx, plan.id, {"what": f"Task {number}", "who_member_id": member.id})
    plans.update_plan(ctx, plan.id, {"plan_lead_member_id": member.id})
    plans.record_agreement(ctx, plan.id, decided_by="Sam")  # type: ignore[arg-type]
    review = plans.start_version(ctx, case.id)
    plans.mark_done(ctx, plans.get_plan(ctx, case.id).actions[0].action.id)  # type: ignore[arg-type]
    plans.add_action(ctx, review.id, {"what": "Weekly check-in", "who_text": "School"})  # type: ignore[arg-type]
    plans.record_agreement(ctx, review.id, decided_by="Sam")  # type: ignore[arg-type]
    plans.record_distribution(ctx, review.id, names=["Nana"])  # type: ignore[arg-type]
    ctx.session.expunge_all()
    with statements(ctx) as sent:
        found = plans.case_plan(ctx, case.id)
    assert len(sent) == 6, sent                              # whatever the actions, versions and network
    assert found.detail is not None and found.changes is not None
    assert [p.version_no for p in found.versions] == [p.version_no for p in plans.list_versions(ctx, case.id)]
    assert found.members == plans.nameable_members(ctx, case.id) and hidden.id not in dict(found.members)
    separate = plans.get_plan(ctx, case.id)
    assert [(v.action.id, v.who) for v in found.detail.actions] == [(v.action.id, v.who) for v in separate.actions]
    assert (found.detail.plan_lead, found.detail.questions) == (separate.plan_lead, separate.questions)
    assert found.changes == plans.changes(ctx, review.id)  # type: ignore[arg-type]
    assert found.changes.done == ["Task 0"] and found.changes.added == ["Weekly check-in"]
    assert found.sent == plans.list_distribution(ctx, review.id)  # type: ignore[arg-type]
    assert found.output == plans.default_output(ctx, case.id)
    first = plans.case_plan(ctx, case.id, 1)
    assert first.detail is not None and first.detail.plan.version_no == 1 and first.changes is None
    assert plans.case_plan(ctx, case.id, 7).detail.plan.version_no == 2  # type: ignore[union-attr]
    assert plans.case_plan(ctx, make_case(ctx).id) == plans.CasePlan(versions=[], members=[])
