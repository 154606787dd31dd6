"""Cases: referral, the children, the lifecycle, and finding a case again."""

from __future__ import annotations

import calendar
import uuid
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator
from sqlalchemy import bindparam, func
from sqlalchemy import case as case_when
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from fgdm.domain import lifecycle
from fgdm.domain.enums import CaseStatus, ClosureReason, Gender, LegalStatus, MeetingKind, MeetingStatus
from fgdm.domain.lifecycle import TimescaleWarning
from fgdm.domain.validation import check_language
from fgdm.i18n import format_day
from fgdm.models import (
    AuditEvent,
    BestInterestsException,
    Case,
    CaseChild,
    ChildOutcome,
    FgdmOffer,
    Meeting,
    Person,
    PreProceedingsEpisode,
    Staff,
    person_name,
)
from fgdm.services.shared import access, people, search_index
from fgdm.services.shared.concurrency import check_version, take_turn
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, ValidationFailed
from fgdm.services.shared.inputs import Input, RecordId, parse
from fgdm.services.shared.lookups import columns

CaseSort = Literal["reference", "family_name", "referral_date", "status", "coordinator", "updated_at"]


class ChildInput(Input):
    given_name: str = Field(min_length=1, max_length=120)
    family_name: str = Field(default="", max_length=120)
    gender: Gender = Gender.UNKNOWN
    due_date: date | None = None
    date_of_birth: date | None = Field(default=None, validate_default=True)
    legal_status: LegalStatus = LegalStatus.FAMILY_HELP

    @field_validator("date_of_birth")
    @classmethod
    def _born_or_due(cls, born: date | None, info: ValidationInfo) -> date | None:
        """Checked on the date of birth (after the due date), so the message lands beside that field."""
        due = info.data.get("due_date")
        if born is None and due is None:
            raise ValueError("is needed: give the child's date of birth, or the due date for an unborn baby")
        if born is not None and due is not None:
            raise ValueError("and a due date cannot both be given: the date of birth of a child who is born, or "
                             "the due date of one not yet born")
        return born


class ChildFields(Input):
    """A child's details as edited: all optional, so an edit names only what changed. A date of birth given
    to an unborn child records the birth (the due date is then cleared)."""

    given_name: str | None = Field(default=None, min_length=1, max_length=120)
    family_name: str | None = Field(default=None, max_length=120)
    gender: Gender | None = None
    date_of_birth: date | None = None
    due_date: date | None = None
    legal_status: LegalStatus | None = None


DUE_WITHIN_MONTHS = 10
"""How far ahead a due date may be: a pregnancy is about nine months, so a later date is a typing mistake."""


def _months_ahead(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def born_or_due(born: date | None, due: date | None) -> None:
    """A child has a date of birth, or (not yet born) a due date: one of the two, as `ChildInput` checks."""
    if born is None and due is None:
        raise ValidationFailed.one("date_of_birth", "is needed: give the child's date of birth, or the due date for "
                                                    "an unborn baby")
    if born is not None and due is not None:
        raise ValidationFailed.one("date_of_birth", "and a due date cannot both be given: the date of birth of a "
                                                    "child who is born, or the due date of one not yet born")


def check_child_dates(today: date, *, born: date | None, due: date | None, prefix: str = "") -> None:
    """A date of birth is not in the future; a due date is from today to 10 months ahead."""
    errors: dict[str, str] = {}
    if born is not None and born > today:
        errors[f"{prefix}date_of_birth"] = (f"cannot be in the future ({format_day(born)}): give the day the child "
                                            "was born, or a due date for a baby not yet born")
    if due is not None and due < today:
        errors[f"{prefix}due_date"] = (f"has passed ({format_day(due)}): once the baby is born, give the date of "
                                       "birth instead")
    elif due is not None and due > _months_ahead(today, DUE_WITHIN_MONTHS):
        errors[f"{prefix}due_date"] = (f"is more than {DUE_WITHIN_MONTHS} months away ({format_day(due)}): "
                                       "check the day, month and year")
    if errors:
        raise ValidationFailed(errors)


class CaseFields(Input):
    """Fields a coordinator edits on the overview; all optional so an update names only what changed."""

    family_name: str | None = Field(default=None, min_length=1, max_length=200)
    referral_date: date | None = None
    referral_reason: str | None = None
    desired_outcome: str | None = None
    referrer_id: RecordId | None = None
    coordinator_id: RecordId | None = None
    consent_to_refer_by: str | None = Field(default=None, max_length=200)
    consent_to_refer_on: date | None = None
    consent_to_share_by: str | None = Field(default=None, max_length=200)
    consent_to_share_on: date | None = None
    network_contact_consent_by: str | None = Field(default=None, max_length=200)
    network_contact_consent_on: date | None = None
    lbp_date: date | None = None
    care_application_date: date | None = None
    bottom_lines: str | None = None
    questions_for_family: str | None = None
    resources_on_offer: str | None = None
    language: str | None = None
    interpreter_needed: bool | None = None
    cultural_needs: str | None = None
    access_needs: str | None = None

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        return None if value is None else check_language(value)


class CaseCreate(CaseFields):
    family_name: str = Field(min_length=1, max_length=200)
    referral_date: date
    reference: str | None = Field(default=None, max_length=40)
    children: list[ChildInput] = Field(min_length=1)


@dataclass
class ChildView:
    case_child_id: int
    person_id: int
    name: str
    date_of_birth: date | None
    due_date: date | None
    legal_status: LegalStatus
    gender: Gender
    given_name: str = ""
    family_name: str = ""
    version: int | None = None

    @property
    def unborn(self) -> bool:
        return self.date_of_birth is None and self.due_date is not None


@dataclass
class CaseSummary:
    id: int
    reference: str
    family_name: str
    children: str
    status: CaseStatus
    coordinator: str
    referral_date: date
    updated: date


@dataclass
class CasePage:
    rows: list[CaseSummary]
    total: int


@dataclass
class CaseDetail:
    case: Case
    children: list[ChildView]
    coordinator: Staff | None
    referrer: Staff | None
    next_step: str
    warnings: list[TimescaleWarning] = field(default_factory=list)


def _check_dates(ctx: ServiceContext, case: Case) -> None:
    errors: dict[str, str] = {}
    today = ctx.today()
    if case.referral_date > today:
        errors["referral_date"] = "cannot be in the future"
    for name in ("consent_to_refer_on", "consent_to_share_on", "network_contact_consent_on"):
        value = getattr(case, name)
        if value is not None and value > today:
            errors[name] = "cannot be in the future: record consent once it has been given"
    if case.care_application_date and case.lbp_date and case.care_application_date < case.lbp_date:
        errors["care_application_date"] = "is before the letter before proceedings; check both dates"
    if errors:
        raise ValidationFailed(errors)


def _check_staff(ctx: ServiceContext, values: dict[str, Any]) -> None:
    for name in ("referrer_id", "coordinator_id"):
        staff_id = values.get(name)
        if staff_id is not None and ctx.session.get(Staff, staff_id) is None:
            raise ValidationFailed.one(name, f"no member of staff has id {staff_id}; choose one from the list")


def next_reference(ctx: ServiceContext, year: int) -> str:
    prefix = f"FG-{year}-"
    last = ctx.session.exec(select(func.max(Case.reference)).where(col(Case.reference).startswith(prefix))).one()
    number = int(last.removeprefix(prefix)) + 1 if last and last.removeprefix(prefix).isdigit() else 1
    return f"{prefix}{number:04d}"


def _add_child(ctx: ServiceContext, case: Case, child: ChildInput, position: int) -> CaseChild:
    person = Person(uid=str(uuid.uuid4()), given_name=child.given_name,
                    family_name=child.family_name or case.family_name, gender=child.gender,
                    date_of_birth=child.date_of_birth, preferred_language=case.language)
    ctx.session.add(person)
    ctx.session.flush()
    link = CaseChild(case_id=case.id, person_id=person.id, legal_status=child.legal_status,
                     due_date=child.due_date, position=position)
    ctx.session.add(link)
    return link


def create_case(ctx: ServiceContext, data: CaseCreate | dict[str, Any]) -> Case:
    access.require_coordinator(ctx, doing="open a case")
    values = parse(CaseCreate, data)
    fields = values.model_dump(exclude={"children", "reference"}, exclude_none=True)
    _check_staff(ctx, fields)
    if values.coordinator_id is None and ctx.actor.staff_id is not None:
        fields["coordinator_id"] = ctx.actor.staff_id
    for number, child in enumerate(values.children):
        check_child_dates(ctx.today(), born=child.date_of_birth, due=child.due_date, prefix=f"children.{number}.")
    with ctx.write() as session:
        take_turn(session, "fgdm_case.reference")
        reference = values.reference or next_reference(ctx, values.referral_date.year)
        if session.exec(select(Case.id).where(Case.reference == reference)).first() is not None:
            raise ValidationFailed.one("reference", f"{reference} is already used by another case")
        case = Case(uid=str(uuid.uuid4()), reference=reference, status_changed_on=ctx.today(), **fields)
        _check_dates(ctx, case)
        session.add(case)
        session.flush()
        for position, child in enumerate(values.children):
            _add_child(ctx, case, child, position)
        session.flush()
        search_index.refresh_case(session, case)
    return case


def add_child(ctx: ServiceContext, case_id: int, data: ChildInput | dict[str, Any]) -> CaseChild:
    """Another child on the case (a sibling, or a baby born or expected during the work): every rule that reads
    the children (the duty, the counts, the census, plans and letters) reads them from here on."""
    with ctx.write() as session:
        case = access.case_for_write(ctx, case_id)
        child = parse(ChildInput, data)
        check_child_dates(ctx.today(), born=child.date_of_birth, due=child.due_date)
        position = session.exec(select(func.max(CaseChild.position)).where(CaseChild.case_id == case_id)).one()
        link = _add_child(ctx, case, child, -1 if position is None else position + 1)
        session.flush()
        search_index.refresh_case(session, case)
    return link


def _child_link(ctx: ServiceContext, case_child_id: int) -> tuple[CaseChild, Person, Case]:
    link = ctx.session.get(CaseChild, case_child_id)
    if link is None:
        raise NotFound(f"there is no child with id {case_child_id}; `fgdm child list --case REF` lists them")
    case = access.case_for_write(ctx, link.case_id)
    person = ctx.session.get(Person, link.person_id)
    assert person is not None
    return link, person, case


def update_child(ctx: ServiceContext, case_child_id: int, data: ChildFields | dict[str, Any], *,
                 expected_version: int | None = None) -> CaseChild:
    """Correct a child's details, or record the birth of an unborn child (a date of birth clears the due date)."""
    values = parse(ChildFields, data)
    changes = values.model_dump(exclude_unset=True)
    with ctx.write() as session:
        link, person, case = _child_link(ctx, case_child_id)
        check_version(link, f"The child {person.full_name}", expected_version, changes)
        if "given_name" in changes and not changes["given_name"]:
            raise ValidationFailed.one("given_name", "must not be empty")
        born = changes.get("date_of_birth", person.date_of_birth)
        due = changes.get("due_date", link.due_date)
        if changes.get("date_of_birth") is not None and "due_date" not in changes:
            due = None
        born_or_due(born, due)
        check_child_dates(ctx.today(), born=born if born != person.date_of_birth else None,
                          due=due if due != link.due_date else None)
        for name in ("given_name", "gender"):
            if changes.get(name) is not None:
                setattr(person, name, changes[name])
        if "family_name" in changes:
            person.family_name = changes["family_name"] or case.family_name
        person.date_of_birth = born
        link.due_date = due
        if changes.get("legal_status") is not None:
            link.legal_status = changes["legal_status"]
        session.flush()
        search_index.refresh_cases_of_person(session, person.id)
    return link


def child_records(ctx: ServiceContext, link: CaseChild) -> list[str]:
    """What is recorded about this child alone, which removing them would leave about nobody."""
    session = ctx.session
    found = []
    for model, what in ((PreProceedingsEpisode, "pre-proceedings episode"),
                        (BestInterestsException, "best-interests decision"), (ChildOutcome, "follow-up")):
        count = len(session.exec(select(model.id).where(model.case_child_id == link.id)).all())
        if count:
            found.append(f"{count} {what}{'s' if count != 1 else ''}")
    person = session.get(Person, link.person_id)
    if person is not None and person.la_child_id:
        found.append(f"the LAchildID {person.la_child_id}")
    return found


def remove_child(ctx: ServiceContext, case_child_id: int, *, expected_version: int | None = None) -> str:
    """Take a child added by mistake off the case; returns their name. A child with records of their own
    (pre-proceedings, a best-interests decision, a follow-up) stays, and a case keeps at least one child."""
    with ctx.write() as session:
        link, person, case = _child_link(ctx, case_child_id)
        check_version(link, f"The child {person.full_name}", expected_version, {})
        others = session.exec(select(CaseChild.id).where(CaseChild.case_id == case.id,
                                                         CaseChild.id != link.id)).first()
        if others is None:
            raise ValidationFailed.one("child", f"{person.full_name} is the only child on case {case.reference}, "
                                                "and a case is about at least one child: close the case instead")
        records = child_records(ctx, link)
        if records:
            raise ValidationFailed.one("child", f"{person.full_name} cannot be removed: the case has "
                                                f"{', '.join(records)} about them; correct the child's details "
                                                "instead")
        name = person.full_name
        people.unlink(session, link, person)
        search_index.refresh_case(session, case)
    return name


def offers_made(ctx: ServiceContext, case_id: int) -> int:
    """How many s.31ZA offers the case records: removing a child after them changes whose duty they met."""
    access.case_for_read(ctx, case_id)
    return len(ctx.session.exec(select(FgdmOffer.id).where(FgdmOffer.case_id == case_id)).all())


def update_case(ctx: ServiceContext, case_id: int, data: CaseFields | dict[str, Any], *,
                expected_version: int | None = None) -> Case:
    with ctx.write() as session:
        case = access.case_for_write(ctx, case_id)
        values = parse(CaseFields, data)
        changes = values.model_dump(exclude_unset=True)
        _check_staff(ctx, changes)
        emptied = {name: "must not be empty" for name in _REQUIRED_FIELDS if name in changes and changes[name] is None}
        if emptied:
            raise ValidationFailed(emptied)
        check_version(case, f"Case {case.reference}", expected_version, changes)
        for name, value in changes.items():
            setattr(case, name, value if value is not None or name not in _TEXT_FIELDS else "")
        _check_dates(ctx, case)
        search_index.refresh_case(session, case)
    return case


_TEXT_FIELDS = {name for name, info in CaseFields.model_fields.items() if info.annotation == (str | None)}
_REQUIRED_FIELDS = ("family_name", "referral_date", "interpreter_needed", "language")


def find_case(ctx: ServiceContext, reference: str) -> Case:
    case_id = ctx.session.exec(select(Case.id).where(Case.reference == reference.strip())).first()
    if case_id is None:
        raise NotFound(f"there is no case with reference {reference!r}; `fgdm cases` lists them")
    return access.case_for_read(ctx, case_id)


def children_of(ctx: ServiceContext, case_id: int) -> list[ChildView]:
    access.case_for_read(ctx, case_id)
    return _children(ctx, case_id)


def _children(ctx: ServiceContext, case_id: int) -> list[ChildView]:
    """The children of a case already checked, read as the columns shown (the heading reads them on every
    opening of a case)."""
    rows = columns(ctx.session, _CHILDREN, {"case_id": case_id})
    return [ChildView(case_child_id=link_id, person_id=person_id, name=person_name(given, family),
                      date_of_birth=born, due_date=due, legal_status=legal_status, gender=gender, given_name=given,
                      family_name=family, version=version)
            for link_id, person_id, given, family, born, due, legal_status, gender, version in rows]


_CHILDREN = (select(CaseChild.id, Person.id, Person.given_name, Person.family_name, Person.date_of_birth,
                    CaseChild.due_date, CaseChild.legal_status, Person.gender, CaseChild.version)
             .join(Person, Person.id == CaseChild.person_id)
             .where(CaseChild.case_id == bindparam("case_id")).order_by(CaseChild.position, CaseChild.id))


def case_record(ctx: ServiceContext, case_id: int) -> Case:
    """The case row alone, checked for reading: for a tab that needs its reference or dates, not the heading's
    children, staff and timescale warnings (four more queries)."""
    return access.case_for_read(ctx, case_id)


@cache
def _heading() -> Any:
    """The case with its coordinator and referrer, the day its first FGDM meeting was held and how many
    baselines it has; built once, when first asked for, the case id a parameter (building it took longer than
    running it, and its aliases set up every table's mapping, which an import should not)."""
    coordinator, referrer = aliased(Staff), aliased(Staff)
    fgdm_meeting_held = (Meeting.kind == MeetingKind.FGDM_MEETING) & (Meeting.status == MeetingStatus.HELD)
    of_case = Meeting.case_id == Case.id
    return (select(Case, coordinator, referrer,
                   select(func.min(case_when((fgdm_meeting_held, Meeting.held_on)))).where(of_case)
                   .scalar_subquery(),
                   select(func.count(case_when((Meeting.kind == MeetingKind.BASELINE, Meeting.id))))
                   .where(of_case).scalar_subquery())
            .outerjoin(coordinator, coordinator.id == Case.coordinator_id)
            .outerjoin(referrer, referrer.id == Case.referrer_id).where(Case.id == bindparam("case_id")))


def get_case(ctx: ServiceContext, case_id: int) -> CaseDetail:
    """The case's heading: the case, its children, coordinator and referrer, next step and timescale warnings.

    Two queries (the heading is read on every opening of a case, and again by the Overview tab): the case with
    its coordinator, referrer and meeting dates, then the children. The access check runs on the case that
    first query loaded, before anything is returned; a case that is not there is refused by the check.
    """
    found = ctx.session.exec(_heading(), params={"case_id": case_id}).first()
    case = access.case_for_read(ctx, case_id)  # the case just loaded: no second read
    assert found is not None
    _case, coordinator_row, referrer_row, held, baselines = found
    warnings = lifecycle.timescale_warnings(
        status=case.status, referral_date=case.referral_date, today=ctx.today(),
        fgdm_meeting_held_on=held, target_weeks=ctx.settings.meeting_target_weeks,
        baseline_held=baselines > 0)
    return CaseDetail(case=case, children=_children(ctx, case_id), coordinator=coordinator_row,
                      referrer=referrer_row, next_step=lifecycle.NEXT_STEP[case.status], warnings=warnings)


def list_cases(ctx: ServiceContext, *, search: str = "", coordinator_id: int | None = None,
               status: CaseStatus | None = None, legal_status: LegalStatus | None = None,
               include_closed: bool = True, sort: CaseSort = "reference", descending: bool = False,
               limit: int | None = 200, offset: int = 0) -> CasePage:
    """One page of the cases the actor may open, filtered by a search over every name in the case; every such
    case with no limit (`fgdm cases`)."""
    session = ctx.session
    conditions = [access.visible_case_filter(ctx), col(Case.erased_at).is_(None)]
    for word in search.casefold().split():
        conditions.append(col(Case.search_text).contains(word, autoescape=True))
    if coordinator_id is not None:
        conditions.append(Case.coordinator_id == coordinator_id)
    if status is not None:
        conditions.append(Case.status == status)
    elif not include_closed:
        conditions.append(Case.status != CaseStatus.CLOSED)
    if legal_status is not None:
        conditions.append(col(Case.id).in_(select(CaseChild.case_id).where(CaseChild.legal_status == legal_status)))
    total = session.exec(select(func.count()).select_from(Case).where(*conditions)).one()
    order_columns = {"reference": Case.reference, "family_name": Case.family_name,
                     "referral_date": Case.referral_date, "status": Case.status,
                     "coordinator": Staff.name, "updated_at": Case.updated_at}
    order = order_columns[sort]
    # The columns a line shows, not whole records: making 12,000 records was most of `fgdm cases` on a large
    # service, and a line needs six of a case's thirty columns.
    query = (select(Case.id, Case.reference, Case.family_name, Case.status, Case.referral_date, Case.updated_at,
                    Staff.name).outerjoin(Staff, Staff.id == Case.coordinator_id).where(*conditions)
             .order_by(col(order).desc() if descending else col(order).asc(), Case.id).offset(offset).limit(limit))
    found = columns(session, query)
    # A page's children by its cases' ids; every case's by the same conditions: PostgreSQL planned a list of
    # 2,000 ids as a scan of every person, for each 2,000 cases (0.4 s of `fgdm cases` on 12,000).
    of_cases = select(Case.id).where(*conditions) if limit is None else [row[0] for row in found]
    names: dict[int, list[str]] = {}
    if found:
        for case_id, given in columns(session, select(CaseChild.case_id, Person.given_name)
                                      .join(Person, Person.id == CaseChild.person_id)
                                      .where(col(CaseChild.case_id).in_(of_cases))
                                      .order_by(CaseChild.position, CaseChild.id)):
            names.setdefault(case_id, []).append(given)
    rows = [CaseSummary(id=case_id, reference=reference, family_name=family_name,
                        children=", ".join(names.get(case_id, [])), status=status, coordinator=coordinator or "",
                        referral_date=referral_date, updated=updated_at.date())
            for case_id, reference, family_name, status, referral_date, updated_at, coordinator in found]
    return CasePage(rows=rows, total=total)


def advance_stage(ctx: ServiceContext, case_id: int, *, expected_version: int | None = None) -> Case:
    with ctx.write():
        case = access.case_for_write(ctx, case_id)
        check_version(case, f"Case {case.reference}", expected_version, {"status": case.status})
        try:
            target = lifecycle.next_stage(case.status)
        except lifecycle.LifecycleError as error:
            raise ValidationFailed.one("status", str(error)) from None
        if target is CaseStatus.CLOSED:
            raise ValidationFailed.one("status", "close the case with a reason instead")
        case.status = target
        case.status_changed_on = ctx.today()
    return case


def close_case(ctx: ServiceContext, case_id: int, reason: ClosureReason | str, note: str = "", *,
               expected_version: int | None = None) -> Case:
    with ctx.write():
        case = access.case_for_write(ctx, case_id)
        try:
            reason = ClosureReason(reason)
        except ValueError:
            choices = ", ".join(r.value for r in ClosureReason)
            raise ValidationFailed.one("closure_reason", f"choose one of: {choices}") from None
        if reason is ClosureReason.OTHER and not note.strip():
            raise ValidationFailed.one("closure_note", "say why the case is closing when the reason is 'other'")
        check_version(case, f"Case {case.reference}", expected_version, {"status": CaseStatus.CLOSED})
        if case.status is CaseStatus.CLOSED:
            raise ValidationFailed.one("status", f"case {case.reference} is already closed")
        case.status = CaseStatus.CLOSED
        case.closure_reason = reason
        case.closure_note = note.strip()
        case.closed_on = ctx.today()
        case.status_changed_on = ctx.today()
    return case


def stage_before_closing(ctx: ServiceContext, case: Case) -> CaseStatus:
    """The stage recorded in the audit trail just before the case was closed."""
    import json

    events = ctx.session.exec(
        select(AuditEvent).where(AuditEvent.table_name == "fgdm_case", AuditEvent.record_id == case.id,
                                 AuditEvent.action == "update").order_by(col(AuditEvent.id).desc())
    ).all()
    for event in events:
        status = json.loads(event.changes).get("status")
        if status and status[1] == CaseStatus.CLOSED.value and status[0] != CaseStatus.CLOSED.value:
            return CaseStatus(status[0])
    return CaseStatus.PREPARING


def reopen_case(ctx: ServiceContext, case_id: int, *, expected_version: int | None = None) -> Case:
    with ctx.write():
        case = access.case_for_write(ctx, case_id)
        check_version(case, f"Case {case.reference}", expected_version, {"status": case.status})
        if case.status is not CaseStatus.CLOSED:
            raise ValidationFailed.one("status", f"case {case.reference} is not closed")
        case.status = stage_before_closing(ctx, case)
        case.closure_reason = None
        case.closure_note = ""
        case.closed_on = None
        case.status_changed_on = ctx.today()
    return case


__all__ = ["CaseCreate", "CaseDetail", "CaseFields", "CasePage", "CaseSummary", "ChildFields", "ChildInput",
           "ChildView", "add_child", "advance_stage", "case_record", "check_child_dates", "child_records",
           "children_of", "close_case", "create_case", "find_case", "get_case", "list_cases", "offers_made",
           "remove_child", "reopen_case", "update_case", "update_child"]
