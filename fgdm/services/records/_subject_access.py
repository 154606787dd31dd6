"""Subject access: everything fgdm holds about one person, as a document a member of the public can read.

A request is answered in two steps. `draft_subject_access` collects the person's records into a draft kept in
the database; `release_subject_access` writes that draft, unchanged, as .docx and .json. What the person may
learn is the disclosure rule's to say (`fgdm.domain.disclosure`), asked case by case with the person as the
recipient: safety notes, meetings kept from them, and (for someone not to be told) the case itself are left
out. Every other person's name and contact details are replaced in free text too, since plans and meetings
involve several people. A draft for someone marked not to be told, excluded, seen apart (a separate session),
with something kept from them, or named in another member's safety notes is held "for review": it cannot be
released until a manager records who reviewed it and when. Drafting, review and release are each recorded in
the audit trail.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, or_, select

from fgdm.domain import disclosure
from fgdm.domain.disclosure import CaseFacts, Fact, Recipient
from fgdm.domain.enums import ContactStatus, LabelledEnum, StaffRole
from fgdm.i18n import format_day, format_instant, format_money, locale_for
from fgdm.models import (
    AuditEvent,
    Case,
    CaseChild,
    ConfidentialFrom,
    FamilyPlan,
    FgdmOffer,
    LetterRecord,
    Meeting,
    MeetingAttendee,
    NetworkMember,
    Person,
    PlanAction,
    PlanDistribution,
    Relationship,
    Staff,
    SubjectAccessDraft,
    SupportItem,
    Venue,
)
from fgdm.services.shared import access, audit_trail
from fgdm.services.shared.audit_trail import plain
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.disclosure_facts import case_facts
from fgdm.services.shared.errors import NotFound, ValidationFailed
from fgdm.services.shared.inputs import read_day

REDACTED = "[another person]"
NOTE = ("Other people's names and contact details are replaced by “[another person]”. Some information may not "
        "be included where the law allows it to be withheld, for example to protect someone else. If you have a "
        "question about this answer, please contact the council's data protection officer.")
"""The same words in every answer, so an answer with something withheld reads like any other."""

DOING = "answer a subject access request"

PERSON_FIELDS = {
    "given_name": "Given name", "family_name": "Family name", "known_as": "Known as", "gender": "Gender",
    "date_of_birth": "Date of birth", "deceased": "Deceased", "phone": "Phone", "email": "Email",
    "address": "Address", "address_confidential": "Address kept confidential",
    "preferred_language": "Preferred language", "interpreter_needed": "Needs an interpreter",
    "access_needs": "Access needs",
}
MEMBER_FIELDS = {
    "relationship_to_child": "Relationship to the child", "side": "Side of the family", "household": "Household",
    "is_parent": "Parent of the child", "parental_responsibility": "Parental responsibility",
    "contact_status": "Contact with the coordinator", "status_changed_on": "Contact last changed",
}
SAFETY_FIELDS = {
    "not_to_be_told": "Not to be told of the meeting", "attends_separately": "Attends a separate session",
    "excluded_reason": "Why excluded from the meeting", "excluded_by": "Excluded by",
    "consent_override_reason": "Why contacted without consent", "notes": "Coordinator's notes",
}
"""What the disclosure rule calls safety notes: in an answer only where the rule lets the person learn them."""
HISTORY_ACTIONS = {"create": "Record made", "update": "Record changed", "delete": "Record removed"}


Entry = dict[str, Any]
Record = list[Entry]


@dataclass(frozen=True)
class SubjectAccessDraftSummary:
    """A draft as `fgdm sar list` shows it and a reviewer reads it."""

    id: int
    person_name: str
    drafted_on: date
    drafted_by: str
    for_review: bool
    review_reasons: tuple[str, ...]
    reviewed_by: str
    reviewed_on: date | None
    released_at: datetime | None

    @property
    def state(self) -> str:
        if self.released_at is not None:
            return "released"
        if self.for_review and self.reviewed_on is None:
            return "for review"
        return "reviewed, ready to release" if self.for_review else "ready to release"


@dataclass(frozen=True)
class SubjectAccessExport:
    draft_id: int
    json_path: Path
    docx_path: Path
    sections: dict[str, int]


def _text(value: Any) -> str:
    """A value as the person reads it: British dates and times, Yes/No, labels, pounds and pence."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return format_instant(value)
    if isinstance(value, date):
        return format_day(value)
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, Enum):
        return str(value.value).replace("_", " ").capitalize()
    if isinstance(value, Decimal):
        return format_money(value)
    return str(value)


def _entry(field: str, value: Any, text: str | None = None) -> Entry:
    """One line of the answer: the plain-English field, the readable text, and the machine-readable value."""
    return {"field": field, "text": _text(value) if text is None else text, "value": plain(value)}


def _record(*entries: Entry) -> Record:
    return [entry for entry in entries if entry["text"] != ""]


def _language(code: str) -> str:
    return locale_for(code).get_display_name("en_GB") or code


class Redactor:
    """Replaces other people's names and details, and anything the rule withholds, in any text (longest first,
    so a full name goes before its parts)."""

    def __init__(self, others: Iterable[Person], subject: Person, withheld: Iterable[str] = ()) -> None:
        own = {part.casefold() for part in (subject.full_name, subject.given_name, subject.family_name,
                                            subject.known_as, subject.address, subject.phone, subject.email) if part}
        texts: set[str] = {text for text in withheld if text.casefold() not in own}
        for person in others:
            texts.update(part for part in (person.full_name, person.given_name, person.family_name,
                                           person.known_as, person.address, person.phone, person.email)
                         if part and len(part.strip()) > 1 and part.casefold() not in own)
        ordered = sorted(texts, key=len, reverse=True)
        self.pattern = (re.compile("|".join(re.escape(text) for text in ordered), re.IGNORECASE)
                        if ordered else None)

    def text(self, value: Any) -> Any:
        if isinstance(value, str) and self.pattern is not None:
            return self.pattern.sub(REDACTED, value)
        if isinstance(value, dict):
            return {key: self.text(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.text(item) for item in value]
        return value


@dataclass(frozen=True)
class _CaseView:
    """One case as the disclosure rule lets the person see it."""

    case: Case
    facts: CaseFacts
    reader: Recipient

    def may(self, fact: Fact, about: int) -> bool:
        return disclosure.may_learn(self.facts, self.reader, fact, about)

    @property
    def visible(self) -> bool:
        """Whether the person may learn of the case at all."""
        assert self.case.id is not None
        return self.may(Fact.CASE, self.case.id)

    @property
    def label(self) -> str:
        return self.case.reference if self.visible else ""


def _case_view(session: Session, case: Case, person_id: int) -> _CaseView:
    """The case as the disclosure rule sees it, with the person as the recipient."""
    assert case.id is not None
    return _CaseView(case, case_facts(session, case.id), Recipient.person(person_id))


def _review_reasons(session: Session, person: Person, memberships: Sequence[NetworkMember],
                    cases: dict[int, Case]) -> list[str]:
    """Why an answer needs a manager's review before it goes out: the person is marked not to be told, is
    excluded, must not meet the family (a separate session), has an address or a meeting kept from them, or is
    named in the safety notes of someone else in one of their cases."""
    reasons: list[str] = []
    names = [name.casefold() for name in {person.full_name, person.known_as} if len(name.strip()) > 1]
    for member in memberships:
        reference = cases[member.case_id].reference
        if member.not_to_be_told:
            reasons.append(f"{person.full_name} is marked not to be told in {reference}.")
        if member.contact_status is ContactStatus.EXCLUDED:
            reasons.append(f"{person.full_name} is excluded from the meeting in {reference}.")
        if member.attends_separately:
            reasons.append(f"{person.full_name} takes part by a separate session, apart from the family, in "
                           f"{reference}.")
    case_ids = sorted(cases)
    kept_in = sorted({cases[case_id].reference for case_id in session.exec(select(ConfidentialFrom.case_id).where(
        ConfidentialFrom.hidden_from_person_id == person.id, col(ConfidentialFrom.case_id).in_(case_ids))).all()})
    reasons += [f"An address or a meeting is kept from {person.full_name} in {reference}." for reference in kept_in]
    others = session.exec(select(NetworkMember).where(col(NetworkMember.case_id).in_(case_ids),
                                                      NetworkMember.person_id != person.id)).all()
    named_in = sorted({cases[other.case_id].reference for other in others
                       if any(name in " ".join(getattr(other, field) for field in SAFETY_FIELDS
                                               if isinstance(getattr(other, field), str)).casefold()
                              for name in names)})
    reasons += [f"The safety notes of another person in {reference} name {person.full_name}." for reference in named_in]
    return reasons


def _history(session: Session, person_id: int, memberships: Sequence[NetworkMember],
             views: dict[int, _CaseView], staff: dict[str, str]) -> list[Record]:
    """Changes to the person's own records, each field said in plain English; safety notes only where the
    rule lets the person learn them."""
    member_cases = {m.id: m.case_id for m in memberships}
    own = [("person", person_id)] + [("network_member", m) for m in member_cases]
    events = session.exec(select(AuditEvent).where(or_(*(
        (AuditEvent.table_name == table) & (AuditEvent.record_id == record) for table, record in own)))
        .order_by(AuditEvent.id)).all()
    history: list[Record] = []
    for event in events:
        if event.action not in HISTORY_ACTIONS:
            continue
        if event.table_name == "person":
            model, labels, what = Person, dict(PERSON_FIELDS), "Your personal details"
        else:
            view = views[member_cases[event.record_id]]
            labels = dict(MEMBER_FIELDS)
            if view.may(Fact.SAFETY_NOTES, person_id):
                labels.update(SAFETY_FIELDS)
            model, what = NetworkMember, "Your place in a family network" + (f" ({view.label})" if view.label else "")
        changes = json.loads(event.changes or "{}")
        changed = [_entry(label, value, _language(value) if name == "preferred_language" and value else None)
                   for name, label in labels.items() if name in changes
                   for value in (_typed(model, name, _after(changes[name])),)]
        history.append(_record(_entry("When", event.at), _entry("By", staff.get(event.actor, "Council staff")),
                               _entry("What", HISTORY_ACTIONS[event.action], f"{HISTORY_ACTIONS[event.action]}: "
                                                                          f"{what}"), *changed))
    return history


def _after(change: Any) -> Any:
    """The value a change left: an update is kept as [before, after]."""
    return change[1] if isinstance(change, list) and len(change) == 2 else change


def _typed(model: Any, name: str, raw: Any) -> Any:
    """A value as the audit trail keeps it (plain JSON) back as the column's own type, to be said properly."""
    if raw is None:
        return None
    column_type = model.__table__.c[name].type
    enum_class = getattr(column_type, "enum_class", None)
    if enum_class is not None:
        return enum_class(raw)
    if type(column_type).__name__ == "Date":
        return date.fromisoformat(raw)
    if type(column_type).__name__ == "UTCDateTime":
        return datetime.fromisoformat(raw)
    return raw


def collect(ctx: ServiceContext, person_id: int) -> tuple[dict[str, Any], list[str]]:
    """The answer as one JSON-ready document, and the reasons (if any) it must be reviewed before release."""
    access.require_role(ctx, StaffRole.MANAGER, StaffRole.ADMINISTRATOR, doing=DOING)
    session = ctx.session
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"there is no person with id {person_id}: `fgdm export --case` shows each person's id")
    memberships = session.exec(select(NetworkMember).where(NetworkMember.person_id == person_id)).all()
    as_child = session.exec(select(CaseChild).where(CaseChild.person_id == person_id)).all()
    case_ids = sorted({m.case_id for m in memberships} | {c.case_id for c in as_child})
    member_ids = [m.id for m in memberships]
    cases = {case.id: case for case in session.exec(select(Case).where(col(Case.id).in_(case_ids)))}
    views = {case_id: _case_view(session, case, person_id) for case_id, case in cases.items()}
    staff = {row.username: row.name for row in session.exec(select(Staff))}
    others = session.exec(
        select(Person).where(Person.id != person_id, or_(
            col(Person.id).in_(select(NetworkMember.person_id).where(col(NetworkMember.case_id).in_(case_ids))),
            col(Person.id).in_(select(CaseChild.person_id).where(col(CaseChild.case_id).in_(case_ids)))))).all()
    withheld = [text for view in views.values() for text in disclosure.forbidden_texts(view.facts, view.reader)]
    redactor = Redactor(others, person, withheld)

    def seen(case_id: int) -> bool:
        return views[case_id].visible

    def case_entry(case_id: int) -> Entry:
        return _entry("Case reference", views[case_id].label)

    details = _record(*(_entry(label, _language(person.preferred_language) if name == "preferred_language"
                               else getattr(person, name)) for name, label in PERSON_FIELDS.items()
                        if name != "deceased" or person.deceased),
                      _entry("Added to the records", person.created_at),
                      _entry("Last changed", person.updated_at))
    sections: list[tuple[str, str, list[Record]]] = [("your_details", "Your details", [details])]

    sections.append(("cases", "Cases you are part of", [_record(
        _entry("Case reference", cases[c].reference),
        _entry("Stage", cases[c].status), _entry("Referred on", cases[c].referral_date))
        for c in case_ids if seen(c)]))

    network: list[Record] = []
    for member in memberships:
        view = views[member.case_id]
        fields = dict(MEMBER_FIELDS)
        if view.may(Fact.SAFETY_NOTES, person_id):
            fields.update(SAFETY_FIELDS)
        if not view.visible:
            fields = {name: label for name, label in fields.items() if name in ("relationship_to_child", "side")}
        network.append(_record(case_entry(member.case_id),
                               *(_entry(label, getattr(member, name)) for name, label in fields.items()),
                               _entry("Added on", member.created_at)))
    sections.append(("network_memberships", "Your place in each family network", network))

    sections.append(("as_a_child", "Records about you as a child", [_record(
        case_entry(c.case_id), _entry("Legal status", c.legal_status), _entry("Due date", c.due_date))
        for c in as_child]))

    relationships = session.exec(select(Relationship).where(or_(Relationship.from_person_id == person_id,
                                                                Relationship.to_person_id == person_id))).all()
    sections.append(("relationships", "Relationships recorded", [_record(
        _entry("Relationship", r.kind, f"{r.kind.label} {REDACTED}" if r.from_person_id == person_id
               else f"{REDACTED}: {r.kind.label.lower()} you"),
        _entry("Closeness", r.quality)) for r in relationships]))

    meetings: list[Record] = []
    venues = {venue.id: venue for venue in session.exec(select(Venue))}
    for meeting, attendee in session.exec(
            select(Meeting, MeetingAttendee).join(MeetingAttendee, MeetingAttendee.meeting_id == Meeting.id)
            .where(col(MeetingAttendee.network_member_id).in_(member_ids)).order_by(Meeting.starts_at)).all():
        view = views[meeting.case_id]
        if not view.visible or not view.may(Fact.TIME, meeting.id):
            continue
        venue = venues.get(meeting.venue_id) if view.may(Fact.VENUE, meeting.id) else None
        meetings.append(_record(case_entry(meeting.case_id), _entry("Meeting", meeting.kind),
                                _entry("Starts", meeting.starts_at), _entry("Ends", meeting.ends_at),
                                _entry("Where", venue.name if venue else ""), _entry("Stage", meeting.status),
                                _entry("Your attendance", attendee.attendance)))
    sections.append(("meetings", "Meetings you were invited to", meetings))

    sections.append(("offers", "Offers of a family group decision making meeting", [_record(
        case_entry(o.case_id), _entry("Offered on", o.offered_on), _entry("How", o.method),
        _entry("Made in the letter before proceedings", o.in_lbp), _entry("Your answer", o.response),
        _entry("Answered on", o.response_on), _entry("Notes", o.notes))
        for o in session.exec(select(FgdmOffer).where(col(FgdmOffer.network_member_id).in_(member_ids)))
        if seen(o.case_id)]))

    sections.append(("letters", "Letters written to you", [_record(
        case_entry(letter.case_id), _entry("Letter", letter.kind), _entry("Language", letter.language,
                                                                          _language(letter.language)),
        _entry("Written", letter.generated_at), _entry("By", staff.get(letter.generated_by, "Council staff")))
        for letter in session.exec(select(LetterRecord).where(LetterRecord.person_id == person_id))
        if seen(letter.case_id)]))

    sections.append(("plans_led", "Family plans you lead", [_record(
        case_entry(p.case_id), _entry("Plan version", p.version_no), _entry("Stage", p.status),
        _entry("Review date", p.review_date))
        for p in session.exec(select(FamilyPlan).where(col(FamilyPlan.plan_lead_member_id).in_(member_ids)))
        if seen(p.case_id)]))

    sections.append(("plan_actions", "Plan actions for you", [_record(
        case_entry(p.case_id), _entry("Plan version", p.version_no), _entry("What", a.what),
        _entry("By when", a.by_when), _entry("Stage", a.status))
        for a, p in session.exec(select(PlanAction, FamilyPlan).join(FamilyPlan, FamilyPlan.id == PlanAction.plan_id)
                                 .where(col(PlanAction.who_member_id).in_(member_ids))) if seen(p.case_id)]))

    sections.append(("plans_sent_to_them", "Plans sent to you", [_record(
        case_entry(p.case_id), _entry("Plan version", p.version_no), _entry("Sent", d.sent_at),
        _entry("How", d.method))
        for d, p in session.exec(select(PlanDistribution, FamilyPlan).join(FamilyPlan,
                                                                           FamilyPlan.id == PlanDistribution.plan_id)
                                 .where(PlanDistribution.person_id == person_id)) if seen(p.case_id)]))

    sections.append(("support_items", "Support for you", [_record(
        case_entry(s.case_id), _entry("Kind of support", s.category), _entry("What", s.description),
        _entry("Amount", s.amount), _entry("How often", s.frequency), _entry("From", s.start_date),
        _entry("Until", s.end_date), _entry("Stage", s.status), _entry("Asked for on", s.requested_on),
        _entry("Approved on", s.approved_on), _entry("Paid on", s.paid_on), _entry("Why declined", s.declined_reason))
        for s in session.exec(select(SupportItem).where(col(SupportItem.recipient_member_id).in_(member_ids)))
        if seen(s.case_id)]))

    sections.append(("record_history", "Changes to your records",
                     _history(session, person_id, memberships, views, staff)))

    own = sections[0]
    redacted = [own] + [(key, title, redactor.text(records)) for key, title, records in sections[1:]]
    document = {
        "format": "fgdm-subject-access", "version": 2,
        "title": f"Information held about {person.full_name}", "produced_on": _entry("Produced on", ctx.today()),
        "note": NOTE,
        "sections": [{"key": key, "title": title, "records": records} for key, title, records in redacted],
    }
    return document, _review_reasons(session, person, memberships, cases)


def _summary(draft: SubjectAccessDraft, person: Person) -> SubjectAccessDraftSummary:
    assert draft.id is not None
    return SubjectAccessDraftSummary(
        id=draft.id, person_name=person.full_name, drafted_on=draft.created_at.date(),
        drafted_by=draft.drafted_by, for_review=draft.for_review,
        review_reasons=tuple(line for line in draft.review_reasons.splitlines() if line),
        reviewed_by=draft.reviewed_by, reviewed_on=draft.reviewed_on, released_at=draft.released_at)


def draft_subject_access(ctx: ServiceContext, person_id: int) -> SubjectAccessDraftSummary:
    """Collect the answer to a request into a draft, held for review where the person's safety asks it."""
    document, reasons = collect(ctx, person_id)
    with ctx.write() as session:
        draft = SubjectAccessDraft(person_id=person_id, drafted_by=ctx.actor.username,
                                   document=json.dumps(document, ensure_ascii=False), for_review=bool(reasons),
                                   review_reasons="\n".join(reasons))
        session.add(draft)
        session.flush()
        audit_trail.record_event(session, action="subject_access_draft", table_name="subject_access_draft",
                                 record_id=draft.id, case_id=None,
                                 details={"person_id": person_id, "for_review": draft.for_review})
    person = session.get(Person, person_id)
    assert person is not None
    return _summary(draft, person)


def _draft(ctx: ServiceContext, draft_id: int) -> tuple[SubjectAccessDraft, Person]:
    access.require_role(ctx, StaffRole.MANAGER, StaffRole.ADMINISTRATOR, doing=DOING)
    draft = ctx.session.get(SubjectAccessDraft, draft_id)
    if draft is None:
        raise NotFound(f"there is no subject access draft {draft_id}: `fgdm sar list` shows the drafts")
    person = ctx.session.get(Person, draft.person_id)
    assert person is not None
    return draft, person


def subject_access_drafts(ctx: ServiceContext) -> list[SubjectAccessDraftSummary]:
    """Every draft, newest first."""
    access.require_role(ctx, StaffRole.MANAGER, StaffRole.ADMINISTRATOR, doing=DOING)
    rows = ctx.session.exec(select(SubjectAccessDraft, Person).join(Person, Person.id == SubjectAccessDraft.person_id)
                            .order_by(col(SubjectAccessDraft.id).desc())).all()
    return [_summary(draft, person) for draft, person in rows]


def subject_access_document(ctx: ServiceContext, draft_id: int) -> tuple[SubjectAccessDraftSummary, dict[str, Any]]:
    """A draft and the document it will release, for the reviewer to read."""
    draft, person = _draft(ctx, draft_id)
    return _summary(draft, person), json.loads(draft.document)


def review_subject_access(ctx: ServiceContext, draft_id: int, *, reviewed_by: str, reviewed_on: date | str | None,
                          note: str) -> SubjectAccessDraftSummary:
    """A manager records who reviewed a draft held for review, when, and what they decided."""
    access.require_role(ctx, StaffRole.MANAGER, doing="record the review of a subject access answer")
    draft, person = _draft(ctx, draft_id)
    errors: dict[str, str] = {}
    if not draft.for_review:
        errors["draft"] = f"draft {draft_id} needs no review: release it with `fgdm sar release {draft_id}`"
    elif draft.released_at is not None:
        errors["draft"] = f"draft {draft_id} was released on {format_day(draft.released_at.date())}"
    elif draft.reviewed_on is not None:
        errors["draft"] = f"draft {draft_id} was already reviewed by {draft.reviewed_by}"
    if not reviewed_by.strip():
        errors["reviewed by"] = "give the name and role of who reviewed the draft, for example \"Priya Shah, "\
                                "data protection officer\""
    elif len(reviewed_by.strip()) > 200:
        errors["reviewed by"] = "is too long: at most 200 characters"
    if not note.strip():
        errors["note"] = "say in a sentence what the reviewer checked and decided"
    try:
        day = read_day(reviewed_on, "reviewed on") or ctx.today()
    except ValidationFailed as wrong:
        errors.update(wrong.errors)
        day = ctx.today()
    if day > ctx.today() or day < draft.created_at.date():
        errors["reviewed on"] = (f"the review must fall between the draft ({format_day(draft.created_at.date())}) "
                                 f"and today ({format_day(ctx.today())})")
    if errors:
        raise ValidationFailed(errors)
    with ctx.write() as session:
        draft.reviewed_by, draft.reviewed_on, draft.review_note = reviewed_by.strip(), day, note.strip()
        draft.review_recorded_by, draft.review_recorded_at = ctx.actor.username, ctx.now()
        session.add(draft)
        audit_trail.record_event(session, action="subject_access_review", table_name="subject_access_draft",
                                 record_id=draft.id, case_id=None,
                                 details={"person_id": draft.person_id, "reviewed_by": draft.reviewed_by,
                                          "reviewed_on": day, "note": draft.review_note})
    return _summary(draft, person)


def release_subject_access(ctx: ServiceContext, draft_id: int, out_dir: Path) -> SubjectAccessExport:
    """Write the draft as it stands (owner-readable only) as .docx on the letterhead and .json, and record it.

    A draft held for review is refused until a manager has recorded the review."""
    from fgdm.documents.subject_access import write_docx
    from fgdm.files import output_folder, write_private_text

    draft, person = _draft(ctx, draft_id)
    if draft.for_review and draft.reviewed_on is None:
        raise ValidationFailed.one("draft", f"draft {draft_id} for {person.full_name} is held for review: a manager "
                                            f"must record who reviewed it first (`fgdm sar review {draft_id}`)")
    document = json.loads(draft.document)
    output_folder(out_dir)
    stem = f"subject-access-{draft_id}"
    json_path, docx_path = out_dir / f"{stem}.json", out_dir / f"{stem}.docx"
    write_private_text(json_path, json.dumps(document, ensure_ascii=False, indent=2))
    write_docx(document, docx_path, sender=f"{ctx.settings.council_name} · {ctx.settings.service_name}",
               council_dir=ctx.settings.template_dir)
    sections = {section["key"]: len(section["records"]) for section in document["sections"]}
    with ctx.write() as session:
        draft.released_at, draft.released_by = ctx.now(), ctx.actor.username
        session.add(draft)
        audit_trail.record_event(session, action="subject_access_release", table_name="subject_access_draft",
                                 record_id=draft.id, case_id=None,
                                 details={"person_id": draft.person_id, "files": [json_path.name, docx_path.name],
                                          "reviewed_by": draft.reviewed_by, **sections})
    return SubjectAccessExport(draft_id=draft_id, json_path=json_path, docx_path=docx_path, sections=sections)
