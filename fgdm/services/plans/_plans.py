"""Family plans: versions, the referrer's decision, questions, actions, and who the plan was sent to.

A version is a draft until the referrer's decision is recorded (agreed, or not agreed with a reason);
from then on it is read-only. A review starts a new draft version copying the last agreed one (or the
latest, if none was agreed), and every earlier version stays exactly as it was decided. Only a draft
can change, so there is at most one draft per case and it is always the latest version.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import Field, model_validator
from sqlalchemy import bindparam, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from fgdm.documents.family_plan import PlanDocument, PrintedAction, PrintedSupport, write_family_plan
from fgdm.documents.pdf import PdfUnavailable, convert_to_pdf
from fgdm.domain import disclosure
from fgdm.domain.disclosure import WITHHELD, Fact
from fgdm.domain.enums import (
    ActionStatus,
    Attendance,
    CaseStatus,
    ContactStatus,
    DocumentKind,
    MeetingKind,
    MeetingStatus,
    NotAgreedReason,
    PlanStatus,
    Side,
    SupportStatus,
)
from fgdm.i18n import DEFAULT_LOCALE, format_day, has_translation, locales_dir, translations
from fgdm.models import (
    Case,
    FamilyPlan,
    Meeting,
    MeetingAttendee,
    NetworkMember,
    Person,
    PlanAction,
    PlanDistribution,
    PlanQuestion,
    Staff,
)
from fgdm.services import cases, support
from fgdm.services.shared import access, audit_trail, disclosure_facts, documents_written
from fgdm.services.shared.clock import to_london
from fgdm.services.shared.concurrency import check_version, take_turn
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import Conflict, NotFound, SafetyBreach, ValidationFailed
from fgdm.services.shared.inputs import Input, RecordId, parse, read_day


class PlanFields(Input):
    """What the coordinator types about the plan as a whole; an update names only what changed."""

    plan_lead_member_id: RecordId | None = None
    bottom_lines: str | None = None
    child_views: str | None = None
    contingency: str | None = None
    review_date: date | None = None
    meeting_id: RecordId | None = None


class ActionInput(Input):
    """One action: who (a network member, or a professional named in words), what, by when, who checks."""

    who_member_id: RecordId | None = None
    who_text: str = Field(default="", max_length=200)
    what: str = Field(min_length=1, max_length=4000)
    by_when: date | None = None
    checked_by: str = Field(default="", max_length=200)
    status: ActionStatus = ActionStatus.NOT_STARTED

    @model_validator(mode="after")
    def _someone(self) -> ActionInput:
        if self.who_member_id is None and not self.who_text:
            raise ValueError("say who will do it: choose someone from the network or type a name or role")
        return self


class QuestionInput(Input):
    question: str = Field(min_length=1, max_length=4000)
    answer: str = Field(default="", max_length=20000)


@dataclass
class ActionView:
    action: PlanAction
    who: str


@dataclass
class PlanDetail:
    plan: FamilyPlan
    case: Case
    plan_lead: str
    questions: list[PlanQuestion]
    actions: list[ActionView]

    @property
    def read_only(self) -> bool:
        return self.plan.status is not PlanStatus.DRAFT


@dataclass
class PlanChanges:
    """What a version changed from the one it was based on, by action wording."""

    added: list[str]
    removed: list[str]
    done: list[str]


# Reading ----------------------------------------------------------------------------------------------

def list_versions(ctx: ServiceContext, case_id: int) -> list[FamilyPlan]:
    access.case_for_read(ctx, case_id)
    return list(ctx.session.exec(select(FamilyPlan).where(FamilyPlan.case_id == case_id)
                                 .order_by(FamilyPlan.version_no)).all())


def find_version(ctx: ServiceContext, case_id: int, version_no: int | None = None) -> FamilyPlan:
    """A version by number, or the latest; NotFound names how to start one."""
    access.case_for_read(ctx, case_id)
    query = select(FamilyPlan).where(FamilyPlan.case_id == case_id)
    if version_no is not None:
        query = query.where(FamilyPlan.version_no == version_no)
    plan = ctx.session.exec(query.order_by(col(FamilyPlan.version_no).desc())).first()
    if plan is None:
        case = ctx.session.get(Case, case_id)
        reference = case.reference if case else case_id
        raise NotFound(f"case {reference} has no plan version {version_no}" if version_no is not None
                       else f"case {reference} has no plan yet; start one with `fgdm plan start`")
    return plan


def _member_name(ctx: ServiceContext, member_id: int | None) -> str:
    if member_id is None:
        return ""
    member = ctx.session.get(NetworkMember, member_id)
    person = ctx.session.get(Person, member.person_id) if member else None
    return person.full_name if person else ""


def _actions(ctx: ServiceContext, plan_id: int) -> list[PlanAction]:
    return list(ctx.session.exec(select(PlanAction).where(PlanAction.plan_id == plan_id)
                                 .order_by(PlanAction.position, PlanAction.id)).all())


def _questions(ctx: ServiceContext, plan_id: int) -> list[PlanQuestion]:
    return list(ctx.session.exec(_QUESTIONS, params={"plan_id": plan_id}).all())


# Built once, the case or plans a parameter: the Plan tab sends these on every opening of a case.
_VERSIONS = select(FamilyPlan).where(FamilyPlan.case_id == bindparam("case_id")).order_by(FamilyPlan.version_no)
_ACTIONS_OF = (select(PlanAction).where(col(PlanAction.plan_id).in_([bindparam("plan_id"), bindparam("based_on_id")]))
               .order_by(PlanAction.position, PlanAction.id))
"""A version's actions and those of the version it was based on (None: no other), as two plain parameters: an
IN list of them was rendered into the statement on every opening of a case."""
_QUESTIONS = (select(PlanQuestion).where(PlanQuestion.plan_id == bindparam("plan_id"))
              .order_by(PlanQuestion.position, PlanQuestion.id))
_DISTRIBUTION = (select(PlanDistribution).where(PlanDistribution.plan_id == bindparam("plan_id"))
                 .order_by(PlanDistribution.sent_at, PlanDistribution.id))


def get_plan(ctx: ServiceContext, case_id: int, version_no: int | None = None) -> PlanDetail:
    plan = find_version(ctx, case_id, version_no)
    return _detail(ctx, plan)


def _detail(ctx: ServiceContext, plan: FamilyPlan) -> PlanDetail:
    case = access.case_for_read(ctx, plan.case_id)
    names = _network_names(_network(ctx, plan.case_id), shareable=None)
    return PlanDetail(plan=plan, case=case, plan_lead=names.get(plan.plan_lead_member_id or 0, ""),
                      questions=_questions(ctx, plan.id),  # type: ignore[arg-type]
                      actions=[ActionView(a, names.get(a.who_member_id or 0, "") or a.who_text)
                               for a in _actions(ctx, plan.id)])  # type: ignore[arg-type]


def latest_actions(ctx: ServiceContext, case_id: int) -> list[tuple[int, str]]:
    """(id, what) of the latest version's actions, in order: what a support item may serve."""
    access.case_for_read(ctx, case_id)
    return cases.latest_actions(ctx.session, case_id)


def changes(ctx: ServiceContext, plan_id: int) -> PlanChanges:
    """Actions added, removed and done since the version this one was based on."""
    plan = _plan_for_read(ctx, plan_id)
    return _changes(_actions(ctx, plan_id), _actions(ctx, plan.based_on_id) if plan.based_on_id else [])


def _changes(new: list[PlanAction], old: list[PlanAction]) -> PlanChanges:
    """What `new` (a version's actions) added, removed and finished of `old` (its base version's)."""
    carried = {action.carried_from_id: action for action in new if action.carried_from_id is not None}
    return PlanChanges(
        added=[a.what for a in new if a.carried_from_id is None or a.carried_from_id not in {o.id for o in old}],
        removed=[o.what for o in old if o.id not in carried],
        done=[carried[o.id].what for o in old if o.id in carried
              and carried[o.id].status is ActionStatus.DONE and o.status is not ActionStatus.DONE],
    )


@dataclass
class CasePlan:
    """A case's plan as the Plan tab shows it: every version, who may be named, and one version in full."""

    versions: list[FamilyPlan]
    members: list[tuple[int, str]]
    """(id, name) of the network members who may be named in the family's plan, as `nameable_members`."""
    detail: PlanDetail | None = None
    changes: PlanChanges | None = None
    sent: list[PlanDistribution] = dc_field(default_factory=list)
    output: Path | None = None


def case_plan(ctx: ServiceContext, case_id: int, version_no: int | None = None) -> CasePlan:
    """The versions, and version `version_no` (the latest if there is no such version) with its actions,
    changes, copies sent and default output: what `list_versions`, `nameable_members`, `get_plan`, `changes`,
    `list_distribution` and `default_output` give, in six queries rather than fourteen.

    The case is checked once; the network is read once (as columns) for both the names and who may be named,
    and the actions of the version and of the one it was based on in one query. The Plan tab reads this on
    every opening of a case.
    """
    case = access.case_for_read(ctx, case_id)
    session = ctx.session
    versions = list(session.exec(_VERSIONS, params={"case_id": case_id}).all())
    network = cases.network_names(session, case_id)
    names = network.names
    found = CasePlan(versions=versions, members=network.nameable)
    if not versions:
        return found
    plan = next((version for version in versions if version.version_no == version_no), versions[-1])
    actions: dict[int | None, list[PlanAction]] = {plan.id: [], plan.based_on_id: []}
    for action in session.exec(_ACTIONS_OF, params={"plan_id": plan.id, "based_on_id": plan.based_on_id}).all():
        actions[action.plan_id].append(action)
    found.detail = PlanDetail(plan=plan, case=case, plan_lead=names.get(plan.plan_lead_member_id or 0, ""),
                              questions=_questions(ctx, plan.id),  # type: ignore[arg-type]
                              actions=[ActionView(a, names.get(a.who_member_id or 0, "") or a.who_text)
                                       for a in actions[plan.id]])
    found.changes = _changes(actions[plan.id], actions[plan.based_on_id]) if plan.based_on_id else None
    found.sent = _distribution(ctx, plan.id)  # type: ignore[arg-type]
    found.output = _output_path(ctx, case, plan)
    return found


def _plan_for_read(ctx: ServiceContext, plan_id: int) -> FamilyPlan:
    plan = ctx.session.get(FamilyPlan, plan_id)
    if plan is None:
        raise NotFound(f"there is no plan with id {plan_id}")
    access.case_for_read(ctx, plan.case_id)
    return plan


# Versions ---------------------------------------------------------------------------------------------

def _plan_for_write(ctx: ServiceContext, plan_id: int) -> FamilyPlan:
    """A draft the actor may change; decided versions are read-only and say how to move on."""
    plan = ctx.session.get(FamilyPlan, plan_id)
    if plan is None:
        raise NotFound(f"there is no plan with id {plan_id}")
    access.case_for_write(ctx, plan.case_id)
    if plan.status is not PlanStatus.DRAFT:
        decided = f" on {format_day(plan.decision_on)}" if plan.decision_on else ""
        raise ValidationFailed.one("status", f"version {plan.version_no} was {plan.status.label.lower()}"
                                   f"{decided} and is read-only; start a review version to change the plan")
    return plan


def _last_held_meeting(ctx: ServiceContext, case_id: int) -> int | None:
    return ctx.session.exec(select(Meeting.id).where(
        Meeting.case_id == case_id, Meeting.status == MeetingStatus.HELD,
        col(Meeting.kind).in_([MeetingKind.FGDM_MEETING, MeetingKind.REVIEW]))
        .order_by(col(Meeting.held_on).desc(), col(Meeting.id).desc())).first()


def start_version(ctx: ServiceContext, case_id: int, *, meeting_id: int | None = None) -> FamilyPlan:
    """Start the first plan, or a review version copying the last agreed one (or the latest).

    The first version starts from the referrer's baseline: the case's bottom lines, and its questions
    for the family one per line. The meeting defaults to the latest FGDM or review meeting held.
    """
    case = access.case_for_write(ctx, case_id)
    versions = list_versions(ctx, case_id)
    if versions and versions[-1].status is PlanStatus.DRAFT:
        raise ValidationFailed.one("status", f"version {versions[-1].version_no} is still a draft; record the "
                                   "referrer's decision on it before starting another")
    if meeting_id is not None:
        _check_meeting(ctx, case_id, meeting_id)
    agreed = [plan for plan in versions if plan.status is PlanStatus.AGREED]
    base = agreed[-1] if agreed else (versions[-1] if versions else None)
    label, number = f"The plan of case {case.reference}", len(versions) + 1
    with ctx.write() as session:
        plan = FamilyPlan(case_id=case_id, version_no=number,
                          meeting_id=meeting_id or _last_held_meeting(ctx, case_id))
        if base is None:
            plan.bottom_lines = case.bottom_lines
        else:
            plan.based_on_id = base.id
            for name in ("plan_lead_member_id", "bottom_lines", "child_views", "contingency"):
                setattr(plan, name, getattr(base, name))
        session.add(plan)
        try:
            session.flush()
        except IntegrityError:
            raise Conflict(label, {"version_no": (number, number)}) from None
        if base is None:
            lines = [line.strip() for line in case.questions_for_family.splitlines() if line.strip()]
            for position, line in enumerate(lines):
                session.add(PlanQuestion(plan_id=plan.id, position=position, question=line))
        else:
            _copy_contents(ctx, base, plan)
    return plan


def _copy_contents(ctx: ServiceContext, base: FamilyPlan, plan: FamilyPlan) -> None:
    for question in _questions(ctx, base.id):  # type: ignore[arg-type]
        ctx.session.add(PlanQuestion(plan_id=plan.id, position=question.position, question=question.question,
                                     answer=question.answer))
    for action in _actions(ctx, base.id):  # type: ignore[arg-type]
        ctx.session.add(PlanAction(plan_id=plan.id, position=action.position, who_member_id=action.who_member_id,
                                   who_text=action.who_text, what=action.what, by_when=action.by_when,
                                   checked_by=action.checked_by, status=action.status, carried_from_id=action.id))


def _check_meeting(ctx: ServiceContext, case_id: int, meeting_id: int) -> None:
    meeting = ctx.session.get(Meeting, meeting_id)
    if meeting is None or meeting.case_id != case_id:
        raise ValidationFailed.one("meeting_id", "is not a meeting of this case; choose one from its meetings")


def _check_member(ctx: ServiceContext, case_id: int, member_id: int | None, field: str) -> None:
    """Anyone named in the plan is in this case's network and may be named to the family."""
    if member_id is None:
        return
    member = ctx.session.get(NetworkMember, member_id)
    if member is None or member.case_id != case_id:
        raise ValidationFailed.one(field, "is not in this case's network; choose someone from the network list")
    if member.not_to_be_told:
        raise SafetyBreach.one(field, "this person is not to be told of the meeting, so they cannot be named "
                               "in the family's plan")
    if member.contact_status is ContactStatus.EXCLUDED:
        raise SafetyBreach.one(field, "this person was excluded from the meeting; name someone else")


def update_plan(ctx: ServiceContext, plan_id: int, data: PlanFields | dict[str, Any], *,
                expected_version: int | None = None) -> FamilyPlan:
    plan = _plan_for_write(ctx, plan_id)
    values = parse(PlanFields, data)
    updates = values.model_dump(exclude_unset=True)
    _check_member(ctx, plan.case_id, updates.get("plan_lead_member_id"), "plan_lead_member_id")
    if updates.get("meeting_id") is not None:
        _check_meeting(ctx, plan.case_id, updates["meeting_id"])
    with ctx.write():
        check_version(plan, f"Plan version {plan.version_no}", expected_version, updates)
        for name, value in updates.items():
            text_field = name in ("bottom_lines", "child_views", "contingency")
            setattr(plan, name, "" if text_field and value is None else value)
    return plan


def _decision_date(ctx: ServiceContext, value: date | str | None) -> date:
    decided_on = read_day(value, "decision_on") or ctx.today()
    if decided_on > ctx.today():
        raise ValidationFailed.one("decision_on", "cannot be in the future: record the decision once it is made")
    return decided_on


def _decider(ctx: ServiceContext, case: Case, decided_by: str) -> str:
    decided_by = decided_by.strip()
    if not decided_by and case.referrer_id is not None:
        referrer = ctx.session.get(Staff, case.referrer_id)
        decided_by = referrer.name if referrer else ""
    if not decided_by:
        raise ValidationFailed.one("decision_by", "name the referrer who made the decision")
    if len(decided_by) > 200:
        raise ValidationFailed.one("decision_by", "is too long: at most 200 characters")
    return decided_by


def record_agreement(ctx: ServiceContext, plan_id: int, *, decided_by: str = "", decided_on: date | str | None = None,
                     expected_version: int | None = None) -> FamilyPlan:
    """The referrer agrees the plan: it becomes read-only, and a case waiting for it moves on."""
    plan = _plan_for_write(ctx, plan_id)
    case = access.case_for_write(ctx, plan.case_id)
    decided_on = _decision_date(ctx, decided_on)
    decided_by = _decider(ctx, case, decided_by)
    if not _actions(ctx, plan_id):
        raise ValidationFailed.one("actions", "a plan needs at least one action before it can be agreed")
    with ctx.write():
        check_version(plan, f"Plan version {plan.version_no}", expected_version, {"status": PlanStatus.AGREED})
        plan.status = PlanStatus.AGREED
        plan.decision_by, plan.decision_on = decided_by, decided_on
        if case.status is CaseStatus.MEETING_HELD:
            case.status = CaseStatus.PLAN_AGREED
            case.status_changed_on = ctx.today()
    return plan


def record_not_agreed(ctx: ServiceContext, plan_id: int, *, reason: NotAgreedReason | str, detail: str,
                      decided_by: str = "", decided_on: date | str | None = None,
                      expected_version: int | None = None) -> FamilyPlan:
    """The referrer does not agree the plan: why (a bottom line, unsafe, unclear) and in their words."""
    plan = _plan_for_write(ctx, plan_id)
    case = access.case_for_write(ctx, plan.case_id)
    try:
        reason = NotAgreedReason(reason)
    except ValueError:
        choices = ", ".join(r.value for r in NotAgreedReason)
        raise ValidationFailed.one("not_agreed_reason", f"choose one of: {choices}") from None
    if not detail.strip():
        raise ValidationFailed.one("not_agreed_detail", "say what the plan would need, so the family can revise it")
    decided_on = _decision_date(ctx, decided_on)
    decided_by = _decider(ctx, case, decided_by)
    with ctx.write():
        check_version(plan, f"Plan version {plan.version_no}", expected_version,
                        {"status": PlanStatus.NOT_AGREED})
        plan.status = PlanStatus.NOT_AGREED
        plan.not_agreed_reason, plan.not_agreed_detail = reason, detail.strip()
        plan.decision_by, plan.decision_on = decided_by, decided_on
    return plan


# Questions --------------------------------------------------------------------------------------------

def _next_position(ctx: ServiceContext, model: type[PlanAction] | type[PlanQuestion], plan_id: int) -> int:
    """The place after the plan's last action (or question), read only once no one else is adding to the plan."""
    take_turn(ctx.session, f"{model.__tablename__}.position:{plan_id}")
    last = ctx.session.exec(select(func.max(model.position)).where(model.plan_id == plan_id)).one()
    return 0 if last is None else last + 1


def add_question(ctx: ServiceContext, plan_id: int, data: QuestionInput | dict[str, Any]) -> PlanQuestion:
    _plan_for_write(ctx, plan_id)
    values = parse(QuestionInput, data)
    with ctx.write() as session:
        question = PlanQuestion(plan_id=plan_id, position=_next_position(ctx, PlanQuestion, plan_id),
                                **values.model_dump())
        session.add(question)
    return question


def _question_for_write(ctx: ServiceContext, question_id: int) -> PlanQuestion:
    question = ctx.session.get(PlanQuestion, question_id)
    if question is None:
        raise NotFound(f"there is no plan question with id {question_id}")
    _plan_for_write(ctx, question.plan_id)
    return question


def update_question(ctx: ServiceContext, question_id: int, data: QuestionInput | dict[str, Any], *,
                    expected_version: int | None = None) -> PlanQuestion:
    question = _question_for_write(ctx, question_id)
    values = parse(QuestionInput, data).model_dump()
    with ctx.write():
        check_version(question, "Plan question", expected_version, values)
        for name, value in values.items():
            setattr(question, name, value)
    return question


def remove_question(ctx: ServiceContext, question_id: int) -> None:
    question = _question_for_write(ctx, question_id)
    with ctx.write() as session:
        session.delete(question)


def answer_questions(ctx: ServiceContext, plan_id: int, answers: dict[int, str], *,
                     new_question: str = "", new_answer: str = "") -> list[PlanQuestion]:
    """Record the family's answers to several questions (and perhaps a new one) as one change.

    The first version starts with the referrer's questions unanswered; this is how they get answered.
    """
    _plan_for_write(ctx, plan_id)
    questions = {question.id: question for question in _questions(ctx, plan_id)}
    for question_id in answers:
        if question_id not in questions:
            raise ValidationFailed.one("answers", f"question {question_id} is not in this version of the plan")
    extra = parse(QuestionInput, {"question": new_question, "answer": new_answer}) if new_question.strip() else None
    if extra is None and new_answer.strip():
        raise ValidationFailed.one("new_question", "write the question the family was asked, or clear the answer")
    with ctx.write() as session:
        for question_id, answer in answers.items():
            question = questions[question_id]
            question.answer = parse(QuestionInput, {"question": question.question, "answer": answer}).answer
        if extra is not None:
            session.add(PlanQuestion(plan_id=plan_id, position=_next_position(ctx, PlanQuestion, plan_id),
                                     **extra.model_dump()))
    return _questions(ctx, plan_id)


def reword_questions(ctx: ServiceContext, plan_id: int, wording: dict[int, str]) -> list[PlanQuestion]:
    """Change the questions' wording as one change; blank wording removes an unanswered question.

    The referrer's standard questions rarely fit a family word for word, so the coordinator puts them the
    way they were asked. An answered question cannot be blanked: its answer would go with it unseen.
    """
    _plan_for_write(ctx, plan_id)
    questions = {question.id: question for question in _questions(ctx, plan_id)}
    problems: dict[str, str] = {}
    worded: dict[int, str] = {}
    for question_id, text in wording.items():
        question = questions.get(question_id)
        if question is None:
            raise ValidationFailed.one("questions", f"question {question_id} is not in this version of the plan")
        field = f"question_{question_id}"
        if not text.strip():
            if question.answer.strip():
                problems[field] = "this question has an answer; clear the answer first to remove the question"
            continue
        try:
            worded[question_id] = parse(QuestionInput, {"question": text}).question
        except ValidationFailed as error:
            problems[field] = error.errors.get("question") or str(error)
    if problems:
        raise ValidationFailed(problems)
    with ctx.write() as session:
        for question_id in wording:
            if question_id in worded:
                questions[question_id].question = worded[question_id]
            else:
                session.delete(questions[question_id])
    return _questions(ctx, plan_id)


# Actions ----------------------------------------------------------------------------------------------

def _action_for_write(ctx: ServiceContext, action_id: int) -> tuple[PlanAction, FamilyPlan]:
    action = ctx.session.get(PlanAction, action_id)
    if action is None:
        raise NotFound(f"there is no plan action with id {action_id}")
    return action, _plan_for_write(ctx, action.plan_id)


def add_action(ctx: ServiceContext, plan_id: int, data: ActionInput | dict[str, Any]) -> PlanAction:
    """Add an action at the end of the table."""
    plan = _plan_for_write(ctx, plan_id)
    values = parse(ActionInput, data)
    _check_member(ctx, plan.case_id, values.who_member_id, "who_member_id")
    with ctx.write() as session:
        action = PlanAction(plan_id=plan_id, position=_next_position(ctx, PlanAction, plan_id),
                            **values.model_dump())
        session.add(action)
    return action


def update_action(ctx: ServiceContext, action_id: int, data: ActionInput | dict[str, Any], *,
                  expected_version: int | None = None) -> PlanAction:
    action, plan = _action_for_write(ctx, action_id)
    values = parse(ActionInput, data).model_dump()
    _check_member(ctx, plan.case_id, values["who_member_id"], "who_member_id")
    with ctx.write():
        check_version(action, "Plan action", expected_version, values)
        for name, value in values.items():
            setattr(action, name, value)
    return action


def _renumber(ctx: ServiceContext, ordered: list[PlanAction]) -> None:
    for position, action in enumerate(ordered):
        if action.position != position:
            action.position = position
    ctx.session.flush()


def duplicate_action(ctx: ServiceContext, action_id: int) -> PlanAction:
    """A copy just below the original, not started: the quick way to give two people the same task."""
    action, plan = _action_for_write(ctx, action_id)
    with ctx.write() as session:
        copy = PlanAction(plan_id=plan.id, who_member_id=action.who_member_id, who_text=action.who_text,
                          what=action.what, by_when=action.by_when, checked_by=action.checked_by)
        ordered = _actions(ctx, plan.id)  # type: ignore[arg-type]
        ordered.insert(ordered.index(action) + 1, copy)
        session.add(copy)
        _renumber(ctx, ordered)
    return copy


def move_action(ctx: ServiceContext, action_id: int, offset: int) -> list[PlanAction]:
    """Move an action up (negative) or down (positive) the table; the ends stop it. Returns the new order."""
    action, plan = _action_for_write(ctx, action_id)
    with ctx.write():
        ordered = _actions(ctx, plan.id)  # type: ignore[arg-type]
        index = ordered.index(action)
        ordered.pop(index)
        ordered.insert(max(0, min(len(ordered), index + offset)), action)
        _renumber(ctx, ordered)
    return ordered


def set_action_status(ctx: ServiceContext, action_id: int, status: ActionStatus | str) -> PlanAction:
    action, _plan = _action_for_write(ctx, action_id)
    try:
        status = ActionStatus(status)
    except ValueError:
        choices = ", ".join(s.value for s in ActionStatus)
        raise ValidationFailed.one("status", f"choose one of: {choices}") from None
    with ctx.write():
        action.status = status
    return action


def mark_done(ctx: ServiceContext, action_id: int) -> PlanAction:
    return set_action_status(ctx, action_id, ActionStatus.DONE)


def remove_action(ctx: ServiceContext, action_id: int) -> None:
    action, plan = _action_for_write(ctx, action_id)
    with ctx.write() as session:
        session.delete(action)
        session.flush()
        _renumber(ctx, _actions(ctx, plan.id))  # type: ignore[arg-type]


# Distribution -----------------------------------------------------------------------------------------

def record_distribution(ctx: ServiceContext, plan_id: int, *, member_ids: list[int] | None = None,
                        names: list[str] | None = None, method: str = "post", sent_at: datetime | None = None,
                        everyone_who_took_part: bool = False) -> list[PlanDistribution]:
    """Record that a decided version was sent: to network members, or to others named in words.

    ``everyone_who_took_part`` adds each network member who came to the plan's meeting (or wrote in),
    as the coordinator sends a copy to everyone who took part.
    """
    plan = _plan_for_read(ctx, plan_id)
    if everyone_who_took_part:
        member_ids = [*(member_ids or []), *(m for m in took_part_member_ids(ctx, plan_id)
                                             if m not in (member_ids or []))]
    access.case_for_write(ctx, plan.case_id)
    if plan.status is PlanStatus.DRAFT:
        raise ValidationFailed.one("status", "this version is still a draft; record the referrer's decision "
                                   "before sending it out")
    method = method.strip() or "post"
    if len(method) > 40:
        raise ValidationFailed.one("method", "is too long: at most 40 characters, for example post or email")
    recipients: list[tuple[int | None, str]] = []
    for member_id in member_ids or []:
        _check_member(ctx, plan.case_id, member_id, "member_ids")
        member = ctx.session.get(NetworkMember, member_id)
        recipients.append((member.person_id, _member_name(ctx, member_id)))  # type: ignore[union-attr]
    for name in names or []:
        if not name.strip() or len(name.strip()) > 200:
            raise ValidationFailed.one("names", "give each recipient's name, at most 200 characters")
        recipients.append((None, name.strip()))
    if not recipients:
        raise ValidationFailed.one("recipients", "choose at least one person the plan was sent to")
    when = sent_at or ctx.now()
    with ctx.write() as session:
        rows = [PlanDistribution(plan_id=plan_id, person_id=person_id, recipient_name=name, sent_at=when,
                                 method=method) for person_id, name in recipients]
        session.add_all(rows)
    return rows


def list_distribution(ctx: ServiceContext, plan_id: int) -> list[PlanDistribution]:
    _plan_for_read(ctx, plan_id)
    return _distribution(ctx, plan_id)


def _distribution(ctx: ServiceContext, plan_id: int) -> list[PlanDistribution]:
    return list(ctx.session.exec(_DISTRIBUTION, params={"plan_id": plan_id}).all())


# Printing ---------------------------------------------------------------------------------------------

@dataclass
class PrintedPlan:
    docx: Path
    language: str
    pdf: Path | None = None
    pdf_problem: str = ""
    withheld: list[str] = dc_field(default_factory=list)
    """Fields where text that must not reach the family was replaced by [withheld]: check and edit them."""


def _network(ctx: ServiceContext, case_id: int) -> list[tuple[NetworkMember, Person]]:
    """The case's network members with their people, read once for everything a plan needs of them."""
    return list(ctx.session.exec(select(NetworkMember, Person).join(Person, Person.id == NetworkMember.person_id)
                                 .where(NetworkMember.case_id == case_id)).all())  # type: ignore[arg-type]


def family_forbidden(facts: disclosure.CaseFacts) -> list[str]:
    """What the family's copy must never contain: everything the disclosure rule keeps from the family as a
    whole (addresses, anyone's phone or email, names of people not to be told, a meeting's venue or time kept
    from someone who may receive the copy, sensitive agencies)."""
    return list(disclosure.forbidden_texts(facts, disclosure.FAMILY))


def _took_part(ctx: ServiceContext, meeting_id: int | None) -> list[MeetingAttendee]:
    """Who came to the plan's meeting or sent a written contribution."""
    if meeting_id is None:
        return []
    return list(ctx.session.exec(select(MeetingAttendee).where(
        MeetingAttendee.meeting_id == meeting_id,
        col(MeetingAttendee.attendance).in_([Attendance.ATTENDED, Attendance.WRITTEN_CONTRIBUTION]))
        .order_by(MeetingAttendee.id)).all())


def took_part_member_ids(ctx: ServiceContext, plan_id: int) -> list[int]:
    """Network members who took part in the plan's meeting and may receive it: everyone a copy goes to."""
    plan = _plan_for_read(ctx, plan_id)
    nameable = {member_id for member_id, _name in nameable_members(ctx, plan.case_id)}
    return [a.network_member_id for a in _took_part(ctx, plan.meeting_id) if a.network_member_id in nameable]


def _attended(ctx: ServiceContext, meeting_id: int | None) -> list[tuple[str, str, bool]]:
    """Who took part, as the family's copy names them (nobody not to be told), read in one query: each with
    their relationship to the child (a network member) or their job (staff), else the role they came in, and
    whether they came as family (a network member who is not a professional)."""
    if meeting_id is None:
        return []
    rows = ctx.session.exec(
        select(MeetingAttendee.role, NetworkMember.not_to_be_told, NetworkMember.relationship_to_child,
               NetworkMember.side, Person, Staff.name, Staff.job_title)
        .outerjoin(NetworkMember, NetworkMember.id == MeetingAttendee.network_member_id)
        .outerjoin(Person, Person.id == NetworkMember.person_id)
        .outerjoin(Staff, Staff.id == MeetingAttendee.staff_id)
        .where(MeetingAttendee.meeting_id == meeting_id,
               col(MeetingAttendee.attendance).in_([Attendance.ATTENDED, Attendance.WRITTEN_CONTRIBUTION]))
        .order_by(MeetingAttendee.id)).all()
    names = []
    for role, hidden, relationship, side, person, staff_name, job_title in rows:
        if person is not None:
            if hidden:
                continue
            names.append((person.full_name, relationship or role, side is not Side.PROFESSIONAL))
        elif staff_name is not None:
            names.append((staff_name, job_title or role, False))
    return names


def _signatories(plan_lead: str, attended: list[tuple[str, str, bool]],
                 staff: dict[str, str]) -> list[tuple[str, str]]:
    """The signature rows, named: the plan lead, every member of the family network who took part, the
    referrer and the coordinator (a row with no name is left for whoever signs)."""
    family = [name for name, _role, is_family in attended if is_family and name != plan_lead]
    return [("Plan lead", plan_lead), *(("Family member", name) for name in family),
            ("Referrer", staff.get("referrer", "")), ("Coordinator", staff.get("coordinator", ""))]


def _staff_of(ctx: ServiceContext, case: Case, language: str) -> tuple[dict[str, str], str]:
    """The referrer's and coordinator's names, and the contingency contact: the coordinator (their job title in
    the plan's language, as the letters give it) and their phone."""
    referrer = ctx.session.get(Staff, case.referrer_id) if case.referrer_id else None
    coordinator = ctx.session.get(Staff, case.coordinator_id) if case.coordinator_id else None
    names = {"referrer": referrer.name if referrer else "", "coordinator": coordinator.name if coordinator else ""}
    if coordinator is None:
        return names, ""
    job_title = translations(language, "plans").gettext(coordinator.job_title or "FGDM coordinator")
    contact = ", ".join(part for part in (coordinator.name, job_title, ctx.settings.service_name, coordinator.phone)
                        if part)
    return names, contact


def _network_names(rows: list[tuple[NetworkMember, Person]], *,
                   shareable: disclosure.CaseFacts | None) -> dict[int, str]:
    """Every network member's name: as the coordinator sees it, or (given the case's facts) as the disclosure
    rule lets the family's copy show it (withheld for anyone not to be told)."""
    def told(person: Person) -> bool:
        return shareable is None or disclosure.may_learn(shareable, disclosure.FAMILY, Fact.PRESENCE, person.id)

    return {member.id: person.full_name if told(person) else WITHHELD  # type: ignore[misc]
            for member, person in rows}


def nameable_members(ctx: ServiceContext, case_id: int) -> list[tuple[int, str]]:
    """Network members who may be named in the family's plan (to lead it, do an action, receive a copy)."""
    access.case_for_read(ctx, case_id)
    return cases.network_names(ctx.session, case_id).nameable


def plan_languages() -> list[str]:
    """Languages the printed plan has wording for: English and every shipped ``plans`` catalog."""
    shipped = sorted(path.parent.parent.name for path in locales_dir().glob("*/LC_MESSAGES/plans.po"))
    return [DEFAULT_LOCALE, *shipped]


def default_output(ctx: ServiceContext, case_id: int, version_no: int | None = None) -> Path:
    """Where a printed plan goes unless the user says: the output folder (`Settings.output_folder`)."""
    plan = find_version(ctx, case_id, version_no)
    return _output_path(ctx, access.case_for_read(ctx, case_id), plan)


def _output_path(ctx: ServiceContext, case: Case, plan: FamilyPlan) -> Path:
    folder = ctx.settings.output_folder()
    return folder / f"{case.reference}-plan-v{plan.version_no}.docx"


def plan_language(case: Case, language: str | None) -> str:
    """The language asked for, else the family's; English where the plan has no translation for it."""
    wanted = (language or case.language or DEFAULT_LOCALE).strip()
    return wanted if has_translation(wanted, "plans") else DEFAULT_LOCALE


def plan_document(ctx: ServiceContext, case_id: int, version_no: int | None = None,
                  language: str | None = None) -> tuple[PlanDocument, list[str]]:
    """The plan as the family may see it, and the fields where text had to be withheld."""
    return _document_of(ctx, find_version(ctx, case_id, version_no), language)


def _document_of(ctx: ServiceContext, plan: FamilyPlan, language: str | None) -> tuple[PlanDocument, list[str]]:
    case_id = plan.case_id
    case = access.case_for_read(ctx, case_id)
    network = _network(ctx, case_id)
    facts = disclosure_facts.case_facts(ctx.session, case_id)
    forbidden = family_forbidden(facts)
    meeting = ctx.session.get(Meeting, plan.meeting_id) if plan.meeting_id else None
    if meeting is not None and not disclosure.may_learn(facts, disclosure.FAMILY, Fact.TIME, meeting.id):
        meeting = None
    support_rows = [view for view in support.list_items(ctx, case_id)
                    if view.item.status in (SupportStatus.APPROVED, SupportStatus.PAID)]
    names = _network_names(network, shareable=facts)

    def name(member_id: int | None) -> str:
        return names.get(member_id, "") if member_id is not None else ""

    attended = _attended(ctx, plan.meeting_id)
    name_of_person = {person.id: person.full_name if disclosure.may_learn(facts, disclosure.FAMILY, Fact.PRESENCE,
                                                                           person.id) else WITHHELD
                      for _member, person in network}
    staff, contingency_contact = _staff_of(ctx, case, plan_language(case, language))

    document = PlanDocument(
        language=plan_language(case, language), council_name=ctx.settings.council_name,
        service_name=ctx.settings.service_name, family_name=case.family_name, case_reference=case.reference,
        children=[(child.name, child.date_of_birth or child.due_date) for child in cases.children_of(ctx, case_id)],
        version_no=plan.version_no, status=plan.status, decision_by=plan.decision_by,
        decision_on=plan.decision_on, not_agreed_reason=plan.not_agreed_reason,
        not_agreed_detail=plan.not_agreed_detail,
        meeting_on=meeting.held_on if meeting else None, attended=[(name, role) for name, role, _ in attended],
        plan_lead=name(plan.plan_lead_member_id), concerns=case.referral_reason,
        questions=[(q.question, q.answer) for q in _questions(ctx, plan.id)],  # type: ignore[arg-type]
        bottom_lines=plan.bottom_lines, child_views=plan.child_views, contingency=plan.contingency,
        actions=[PrintedAction(who=name(a.who_member_id) or a.who_text, what=a.what,
                               by_when=a.by_when, checked_by=a.checked_by, status=a.status)
                 for a in _actions(ctx, plan.id)],  # type: ignore[arg-type]
        support=[PrintedSupport(category=v.category, description=v.item.description,
                                recipient=name(v.item.recipient_member_id), amount=v.item.amount,
                                frequency=v.item.frequency, start=support.schedule_of(v.item).start,
                                end=v.item.end_date, total=v.total) for v in support_rows],
        review_date=plan.review_date, contingency_contact=contingency_contact,
        distribution=[(row.recipient_name or name_of_person.get(row.person_id or 0, ""), to_london(row.sent_at).date())
                      for row in _distribution(ctx, plan.id)],
        signatories=_signatories(name(plan.plan_lead_member_id), attended, staff))
    return _withheld_copy(document, forbidden)


def _withheld_copy(document: PlanDocument, forbidden: list[str]) -> tuple[PlanDocument, list[str]]:
    """The document with every forbidden string replaced, and the fields where that happened."""
    withheld = [name for name, text in document.texts().items()
                if WITHHELD in text or disclosure.redact(text, forbidden) != text]
    if not withheld:
        return document, []

    def clean(text: str) -> str:
        return disclosure.redact(text, forbidden)

    return replace(
        document, plan_lead=clean(document.plan_lead), bottom_lines=clean(document.bottom_lines),
        child_views=clean(document.child_views), contingency=clean(document.contingency),
        attended=[(clean(name), clean(role)) for name, role in document.attended],
        decision_by=clean(document.decision_by), concerns=clean(document.concerns),
        distribution=[(clean(name), sent) for name, sent in document.distribution],
        signatories=[(role, clean(name)) for role, name in document.signatories],
        not_agreed_detail=clean(document.not_agreed_detail),
        questions=[(clean(q), clean(a)) for q, a in document.questions],
        actions=[replace(a, who=clean(a.who), what=clean(a.what), checked_by=clean(a.checked_by))
                 for a in document.actions],
        support=[replace(s, description=clean(s.description), recipient=clean(s.recipient))
                 for s in document.support]), withheld


def print_plan(ctx: ServiceContext, case_id: int, output: Path, *, version_no: int | None = None,
               language: str | None = None, pdf: bool = False) -> PrintedPlan:
    """Write the family's copy of a plan version as .docx (and PDF when asked and LibreOffice is there)."""
    plan = find_version(ctx, case_id, version_no)
    document, withheld = _document_of(ctx, plan, language)
    path = write_family_plan(document, output, council_dir=ctx.settings.template_dir)
    printed = PrintedPlan(docx=path, language=document.language, withheld=withheld)
    if pdf:
        try:
            printed.pdf = convert_to_pdf(path)
        except PdfUnavailable as problem:
            printed.pdf_problem = str(problem)
    with ctx.write() as session:
        audit_trail.record_event(session, action="plan_printed", table_name="family_plan", record_id=plan.id,
                                 case_id=case_id, details={"version_no": plan.version_no, "file": path.name,
                                                           "language": document.language,
                                                           "pdf": printed.pdf is not None})
        documents_written.record_document(
            session, case_id=case_id, kind=DocumentKind.PLAN, title=f"Family plan, version {plan.version_no}",
            path=path, recipient="The family", reprint={"version_no": plan.version_no, "language": language})
    return printed


__all__ = ["ActionInput", "ActionView", "CasePlan", "PlanChanges", "PlanDetail", "PlanFields", "QuestionInput",
           "add_action", "add_question", "answer_questions", "case_plan", "changes", "default_output",
           "duplicate_action", "find_version", "get_plan", "latest_actions", "list_distribution", "list_versions",
           "mark_done", "move_action", "nameable_members", "plan_document", "plan_languages", "print_plan",
           "record_agreement", "record_distribution", "record_not_agreed", "remove_action", "remove_question",
           "reword_questions", "set_action_status", "start_version", "took_part_member_ids", "update_action",
           "update_plan", "update_question"]
