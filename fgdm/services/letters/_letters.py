"""Letters to the family: the s.31ZA offer, the invitation, and the letter after the meeting.

Each letter is built for one recipient. The context handed to the template holds only what that person
may read; what they may not (another person's address, the meeting a person is not to be told of) is
present as `Withheld`, so a template that asks for it stops generation with the reason instead of
printing it. A last check searches the finished text for every confidential address and every name that
must not reach this recipient before anything is written. Letters go out in the recipient's preferred
language when the catalog has it, in English otherwise, and the caller is told which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from babel.lists import format_list
from sqlalchemy import bindparam, exists
from sqlmodel import col, select

from fgdm.documents.letters import write_letter
from fgdm.documents.pdf import PdfUnavailable, convert_to_pdf
from fgdm.documents.rendering import (
    Rendered,
    TemplateProblem,
    Withheld,
    WithheldFieldRequested,
    plain_text,
    render,
    template_search_path,
)
from fgdm.domain import disclosure
from fgdm.domain.disclosure import Fact
from fgdm.domain.duty import DutyState, add_working_days, separate_offer_warning
from fgdm.domain.enums import (
    Attendance,
    DocumentKind,
    ExceptionScope,
    LetterKind,
    MeetingKind,
    MeetingStatus,
    OfferResponse,
    PlanStatus,
)
from fgdm.domain.validation import check_language
from fgdm.files import output_folder
from fgdm.i18n import (
    DEFAULT_LOCALE,
    format_day,
    format_time_of_day,
    has_translation,
    locale_for,
    locales_dir,
    translations,
)
from fgdm.models import (
    Case,
    FamilyPlan,
    LetterRecord,
    Meeting,
    MeetingAttendee,
    NetworkMember,
    Person,
    PlanAction,
    Staff,
    Venue,
)
from fgdm.services import offers
from fgdm.services.shared import access, audit_trail, disclosure_facts, documents_written
from fgdm.services.shared.clock import to_london
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, SafetyBreach, ValidationFailed

TEMPLATES = {LetterKind.OFFER: "letters/offer.j2", LetterKind.INVITATION: "letters/invitation.j2",
             LetterKind.OUTCOME: "letters/outcome.j2"}
DOMAIN = "letters"


@dataclass
class GeneratedLetter:
    """A letter written: where, in which language, and anything the coordinator should be told."""

    path: Path
    person_id: int
    recipient: str
    language: str
    record_id: int
    template_version: str
    pdf_path: Path | None = None
    notices: list[str] = field(default_factory=list)


@dataclass
class LetterView:
    id: int
    kind: LetterKind
    recipient: str
    person_id: int
    language: str
    generated_at: datetime
    generated_by: str
    template_name: str
    template_version: str
    filename: str


@dataclass
class _Recipient:
    member: NetworkMember
    person: Person


def letter_languages() -> list[str]:
    """British English and every language with a letters catalog, for a chooser."""
    found = sorted(path.parent.parent.name for path in locales_dir().glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [DEFAULT_LOCALE, *found]


def letter_language(requested: str | None, preferred: str) -> tuple[str, list[str]]:
    """The language to write in: the one asked for, else the recipient's; English where no catalog exists.

    Any English is British English: the letters follow the council's own dates and spelling.
    """
    wanted = check_language(requested) if requested else (preferred or DEFAULT_LOCALE)
    if wanted.startswith("en"):
        return DEFAULT_LOCALE, []
    if has_translation(wanted, DOMAIN):
        return wanted, []
    name = locale_for(wanted).get_display_name(DEFAULT_LOCALE) if locale_for(wanted).language != "en" else wanted
    return DEFAULT_LOCALE, [f"No {name} ({wanted}) translation of the letters exists yet, so this letter is in "
                            "English; arrange an interpreter or a translated copy (docs/translation.md)."]


def _recipient(ctx: ServiceContext, case: Case, person_id: int) -> _Recipient:
    row = ctx.session.exec(select(NetworkMember, Person).join(Person, Person.id == NetworkMember.person_id)
                           .where(NetworkMember.case_id == case.id, NetworkMember.person_id == person_id)).first()
    if row is None:
        raise NotFound(f"person {person_id} is not in case {case.reference}'s network; the case export lists "
                       "the ids of the people in it")
    return _Recipient(*row)


def _network(ctx: ServiceContext, case_id: int) -> list[tuple[NetworkMember, Person]]:
    return [(m, p) for m, p in ctx.session.exec(
        select(NetworkMember, Person).join(Person, Person.id == NetworkMember.person_id)
        .where(NetworkMember.case_id == case_id).order_by(NetworkMember.id)).all()]


def letter_person_fields(facts: disclosure.CaseFacts, person_id: int, recipient_id: int, label: str) -> dict[str, Any]:
    """Another person as the disclosure rule lets this recipient see them: each field the rule refuses is
    present as Withheld, so a template that prints it stops with the reason."""
    person = facts.person(person_id)
    told = disclosure.Recipient.person(recipient_id)

    def shown(fact: Fact, name: str, value: str, reason: str) -> str | Withheld:
        may = person is not None and disclosure.may_learn(facts, told, fact, person_id)
        return value if may else Withheld(f"{label}.{name}", reason)

    name = person.name if person is not None else ""
    address = person.address if person is not None else ""
    phone, email = (person.phone, person.email) if person is not None else ("", "")
    hidden = "this person is not to be told of the meeting and is never named to others"
    kept = "the address is confidential from this recipient, or a letter may not carry it"
    details = "a letter carries no contact details but its recipient's own"
    return {"name": shown(Fact.PRESENCE, "name", name, hidden),
            "address": shown(Fact.ADDRESS, "address", address, kept),
            "phone": shown(Fact.CONTACT_DETAILS, "phone", phone, details),
            "email": shown(Fact.CONTACT_DETAILS, "email", email, details)}


def children_needing_offer(ctx: ServiceContext, case_id: int) -> list[offers.ChildDuty]:
    """The children an offer letter is about: in pre-proceedings, and no best-interests decision against it."""
    return [s for s in offers.duty_status(ctx, case_id) if s.state is not DutyState.NOT_APPLICABLE
            and not (s.exception is not None and s.exception.scope is ExceptionScope.OFFER)]


def _children(ctx: ServiceContext, case: Case, kind: LetterKind, recipient: NetworkMember,
              facts: disclosure.CaseFacts) -> list[dict[str, Any]]:
    """The children a letter is about. An offer letter names only the recipient's own children (those whose
    duty needs their offer), so a father is never written to about a sibling who is not his."""
    recipient_id = recipient.person_id
    if kind is LetterKind.OFFER:
        statuses = [s for s in children_needing_offer(ctx, case.id) if recipient.id in s.parties]
        if not statuses:
            raise ValidationFailed.one("kind", f"no child of case {case.reference} needs the s.31ZA offer to this "
                                               "person: none of their children is in pre-proceedings, or a "
                                               "best-interests decision covers the offer for each; `fgdm duty "
                                               "--case` shows why")
    else:
        statuses = offers.duty_status(ctx, case.id)
    people = {p.id: p for p in ctx.session.exec(
        select(Person).where(col(Person.id).in_([s.person_id for s in statuses]))).all()}
    children = []
    for index, status in enumerate(statuses):
        person = people[status.person_id]
        entry = letter_person_fields(facts, person.id, recipient_id, f"children[{index}]")
        entry["given_name"] = person.given_name
        entry["date_of_birth"] = person.date_of_birth
        children.append(entry)
    return children


def _coordinator(ctx: ServiceContext, case: Case, language: str) -> dict[str, str]:
    """The coordinator's contact details; a job title the printed documents' catalog knows is translated."""
    staff = ctx.session.get(Staff, case.coordinator_id) if case.coordinator_id else None
    if staff is None:
        raise ValidationFailed.one("coordinator_id", f"allocate a coordinator to case {case.reference} first: "
                                                     "every letter gives the coordinator's contact details")
    job_title = translations(language, "plans").gettext(staff.job_title or "FGDM coordinator")
    return {"name": staff.name, "job_title": job_title, "phone": staff.phone, "email": staff.email}


def _meeting_for(ctx: ServiceContext, case: Case, kind: LetterKind, member: NetworkMember,
                 meeting_id: int | None) -> Meeting:
    """The meeting a letter is about: the one named, else the one this person is invited to (their separate
    session when they attend apart), else the case's FGDM meeting."""
    kinds = (MeetingKind.FGDM_MEETING, MeetingKind.SEPARATE_SESSION)
    query = select(Meeting).where(Meeting.case_id == case.id, col(Meeting.kind).in_(kinds))
    if meeting_id is not None:
        meeting = ctx.session.exec(query.where(Meeting.id == meeting_id)).first()
        if meeting is None:
            raise ValidationFailed.one("meeting_id", f"meeting {meeting_id} is not an FGDM meeting or a separate "
                                                     f"session of case {case.reference}; `fgdm meeting list` shows "
                                                     "the case's meetings")
        return meeting
    status = MeetingStatus.HELD if kind is LetterKind.OUTCOME else MeetingStatus.PLANNED
    query = query.where(Meeting.status == status).order_by(
        col(Meeting.starts_at).desc() if kind is LetterKind.OUTCOME else col(Meeting.starts_at))
    invited = ctx.session.exec(query.join(MeetingAttendee, MeetingAttendee.meeting_id == Meeting.id)
                               .where(MeetingAttendee.network_member_id == member.id)).first()
    meeting = invited or ctx.session.exec(query.where(Meeting.kind == MeetingKind.FGDM_MEETING)).first()
    if meeting is None:
        need = "held" if kind is LetterKind.OUTCOME else "planned"
        raise ValidationFailed.one("meeting_id", f"case {case.reference} has no {need} FGDM meeting to write "
                                                 "about; record the meeting first")
    return meeting


def _meeting_fields(ctx: ServiceContext, meeting: Meeting, member: NetworkMember, language: str,
                    facts: disclosure.CaseFacts) -> dict[str, Any]:
    venue = ctx.session.get(Venue, meeting.venue_id) if meeting.venue_id else None
    earlier = meeting.moved_from_starts_at if _was_invited_by_letter(ctx, meeting, member) else None
    return letter_meeting_fields(facts, meeting, venue, member.person_id, language, earlier=earlier,
                                 not_to_be_told=member.not_to_be_told)


def letter_meeting_fields(facts: disclosure.CaseFacts, meeting: Meeting, venue: Venue | None, person_id: int,
                          language: str, *, earlier: datetime | None = None,
                          not_to_be_told: bool = False) -> dict[str, Any]:
    """The meeting's day, time and venue for one recipient's letter, each only if the disclosure rule lets them
    learn it (else Withheld, so a template that prints it stops with the reason)."""
    when = {"date": format_day(to_london(meeting.starts_at).date(), language),
            "time": format_time_of_day(meeting.starts_at, language),
            "earlier_date": format_day(to_london(earlier).date(), language) if earlier else "",
            "earlier_time": format_time_of_day(earlier, language) if earlier else ""}
    where = {"venue": (venue.name if venue else meeting.location_note) or "",
             "venue_address": "\n".join(filter(None, [venue.address if venue else "",
                                                      meeting.location_note if venue else ""]))}
    told = disclosure.Recipient.person(person_id)
    values: dict[str, Any] = {}
    for fact, fields in ((Fact.TIME, when), (Fact.VENUE, where)):
        may = disclosure.may_learn(facts, told, fact, meeting.id)
        reason = ("the recipient is marked not to be told of the meeting" if not_to_be_told
                  else f"the recipient may not learn this meeting's {fact.value}")
        values.update({name: value if may else Withheld(f"meeting.{name}", reason) for name, value in fields.items()})
    values["separate_session"] = meeting.kind is MeetingKind.SEPARATE_SESSION
    return values


def _was_invited_by_letter(ctx: ServiceContext, meeting: Meeting, member: NetworkMember) -> bool:
    """Whether this person already has an invitation letter on the case, which a letter about a moved meeting
    replaces (and says so, with the time it gave)."""
    if meeting.moved_from_starts_at is None:
        return False
    return ctx.session.exec(select(LetterRecord.id).where(
        LetterRecord.case_id == meeting.case_id, LetterRecord.person_id == member.person_id,
        LetterRecord.kind == LetterKind.INVITATION)).first() is not None


def _plan_fields(ctx: ServiceContext, case: Case, member: NetworkMember, language: str) -> dict[str, Any]:
    """The latest plan as the outcome letter may describe it, and this person's own part in it.

    ``copy_enclosed`` is true only of an agreed plan: a draft is still being finished and a plan that was not
    agreed is explained by the coordinator, so neither letter may claim a copy comes with it.
    """
    plan = ctx.session.exec(select(FamilyPlan).where(FamilyPlan.case_id == case.id)
                            .order_by(col(FamilyPlan.version_no).desc())).first()
    if plan is None:
        return {"status": "draft", "review_date": "", "copy_enclosed": False, "is_lead": False, "my_actions": []}
    actions = ctx.session.exec(select(PlanAction).where(PlanAction.plan_id == plan.id,
                                                        PlanAction.who_member_id == member.id)
                               .order_by(col(PlanAction.position), col(PlanAction.id))).all()
    return {"status": plan.status.value, "review_date": format_day(plan.review_date, language),
            "copy_enclosed": plan.status is PlanStatus.AGREED, "is_lead": plan.plan_lead_member_id == member.id,
            "my_actions": [{"what": action.what, "by_when": format_day(action.by_when, language)}
                           for action in actions]}


def _attendance(ctx: ServiceContext, meeting: Meeting, member: NetworkMember) -> str:
    """How this person took part in the meeting: ``attended``, ``sent_apologies``, ``written_contribution``,
    ``absent``, or ``not_recorded`` (never invited, or nothing recorded yet)."""
    row = ctx.session.exec(select(MeetingAttendee.attendance).where(
        MeetingAttendee.meeting_id == meeting.id, MeetingAttendee.network_member_id == member.id)).first()
    return "not_recorded" if row is None or row is Attendance.EXPECTED else Attendance(row).value


def letter_day(case: Case, kind: LetterKind, today: date) -> date:
    """The date a letter carries: an offer is part of the letter before proceedings, so it carries that
    letter's date when written on or before it; otherwise (and for every other letter) the day it is written."""
    if kind is LetterKind.OFFER and case.lbp_date is not None and today <= case.lbp_date:
        return case.lbp_date
    return today


def _context(ctx: ServiceContext, case: Case, kind: LetterKind, who: _Recipient, language: str,
             meeting_id: int | None) -> tuple[dict[str, Any], disclosure.CaseFacts]:
    facts = disclosure_facts.case_facts(ctx.session, case.id)
    network = [m.person_id for m, _ in _network(ctx, case.id)]
    recipient = who.person
    children = _children(ctx, case, kind, who.member, facts)
    dated = letter_day(case, kind, ctx.today())
    reply_by = add_working_days(dated, ctx.settings.offer_response_working_days)
    context: dict[str, Any] = {
        "council": {"name": ctx.settings.council_name, "service": ctx.settings.service_name},
        "case": {"reference": case.reference},
        "today": format_day(dated, language),
        "reply_by": format_day(reply_by, language),
        "lbp_date": format_day(case.lbp_date, language),
        "recipient": {"name": recipient.full_name, "given_name": recipient.given_name, "gender": recipient.gender.value,
                      "address": recipient.address, "phone": recipient.phone, "email": recipient.email,
                      "relationship": who.member.relationship_to_child},
        "children": children,
        "children_count": len(children),
        "children_names": format_list([c["name"] for c in children], locale=locale_for(language)),
        "coordinator": _coordinator(ctx, case, language),
        "network": [letter_person_fields(facts, person_id, recipient.id, f"network[{i}]")
                    for i, person_id in enumerate(network)],
        "solicitors": list(ctx.settings.local_solicitors),
    }
    if kind is not LetterKind.OFFER:
        meeting = _meeting_for(ctx, case, kind, who.member, meeting_id)
        context["meeting"] = _meeting_fields(ctx, meeting, who.member, language, facts)
        if kind is LetterKind.INVITATION and not isinstance(context["meeting"]["date"], Withheld):
            context["reply_by"] = format_day(_answer_before(meeting, dated, reply_by), language)
        context["plan"] = _plan_fields(ctx, case, who.member, language)
        context["attendance"] = _attendance(ctx, meeting, who.member)
    return context, facts


def _answer_before(meeting: Meeting, dated: date, reply_by: date) -> date:
    """An invitation asks for an answer by the working day before the meeting when the usual time to answer
    would run past it (never before the letter's own date)."""
    day_before = to_london(meeting.starts_at).date() - timedelta(days=1)
    while day_before.weekday() >= 5:
        day_before -= timedelta(days=1)
    return max(dated, min(reply_by, day_before))


def _case_warnings(ctx: ServiceContext, case: Case, kind: LetterKind) -> list[str]:
    """What the coordinator must know before a letter of this kind goes out for this case."""
    if kind is not LetterKind.OFFER:
        return []
    said = []
    if not ctx.settings.local_solicitors:
        said.append("no local children law solicitors are set (local_solicitors in the settings, "
                    "docs/translation.md), so the offer letter gives only the national Find a Solicitor line")
    if case.lbp_date is not None and ctx.today() > case.lbp_date:
        said.append(separate_offer_warning(case.lbp_date))
    return said


def letter_warnings(ctx: ServiceContext, case_id: int, kind: LetterKind | str) -> list[str]:
    """The warnings a letter of this kind would carry, to show before anything is written."""
    return _case_warnings(ctx, access.case_for_read(ctx, case_id), LetterKind(kind))


_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{2,}\]|\{\{|\}\}|\{%|%\}|\{#|#\}|%\(\w+\)s")
"""A bracketed placeholder ("[Insert ... here]") or template syntax left in the wording."""


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _strings(item)]
    return []


def _check_wording(text: str, context: dict[str, Any], template: str) -> None:
    """Refuse a letter whose own wording (not the records printed in it) still holds a placeholder or
    template syntax: a family must never receive "[Insert the solicitors here]"."""
    wording = text
    for value in sorted(_strings(context), key=len, reverse=True):
        if value:
            wording = wording.replace(value, "")
    found = _PLACEHOLDER.search(wording)
    if found:
        line = next(line for line in wording.splitlines() if found.group(0) in line).strip()
        raise ValidationFailed.one("template", f"{template} (or its translation) still holds {found.group(0)!r} "
                                               f"in {line[:80]!r}: fill it in or remove it; nothing was written")


def _check_recipient(case: Case, kind: LetterKind, who: _Recipient) -> None:
    facts = disclosure_facts.member_facts(who.member, who.person)
    name = who.person.full_name
    if kind is LetterKind.OFFER and case.lbp_date is None:
        raise ValidationFailed.one("lbp_date", f"record the date of case {case.reference}'s letter before "
                                               "proceedings first: the s.31ZA offer must be included in it")
    if kind is LetterKind.OFFER and not (who.member.is_parent or who.member.parental_responsibility):
        raise ValidationFailed.one("person_id", f"{name} is neither a parent nor a holder of parental "
                                                "responsibility; the s.31ZA offer goes to those people")
    if kind is LetterKind.INVITATION and not disclosure.may_be_invited(facts):
        why = "is marked not to be told of the meeting" if who.member.not_to_be_told else "is excluded"
        raise SafetyBreach.one("person_id", f"{name} {why}: an invitation would tell them of the meeting")


def _last_line_check(text: str, facts: disclosure.CaseFacts, recipient: Person) -> None:
    """Search the finished letter for everything the disclosure rule keeps from this recipient.

    Each line of a withheld address counts on its own (a street or a postcode is enough to find someone). The
    recipient's own address is taken out first: someone sharing it (a partner in the same refuge) does not make
    it a leak to print it to its own resident.
    """
    own = recipient.address.strip()
    folded = (text.replace(own, "") if own else text).casefold()
    forbidden = disclosure.forbidden_texts(facts, disclosure.Recipient.person(recipient.id))
    found = [item for item in _forbidden_pieces(forbidden) if _mentions(folded, item.casefold())]
    if found:
        raise SafetyBreach.one("letter", f"the letter would contain {len(found)} piece(s) of a confidential address, "
                                         "a venue or time kept from its recipient, or the name of someone not to "
                                         "be told; nothing was written. Check the template and the case's free text")


MIN_ADDRESS_LINE = 6
"""Shorter lines ("Flat 2") are too common to identify anyone, and would stop innocent letters."""


def _forbidden_pieces(forbidden: tuple[str, ...]) -> list[str]:
    pieces = []
    for item in forbidden:
        pieces.append(item)
        lines = [line.strip() for line in item.splitlines()]
        pieces.extend(line for line in lines if len(lines) > 1 and len(line) >= MIN_ADDRESS_LINE)
    return pieces


def _mentions(text: str, item: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(item)}(?!\w)", text) is not None


def _render(ctx: ServiceContext, kind: LetterKind, context: dict[str, Any], language: str) -> Rendered:
    try:
        return render(TEMPLATES[kind], context, language=language,
                      search_path=template_search_path(ctx.settings.template_dir))
    except WithheldFieldRequested as error:
        raise SafetyBreach.one("template", f"{error}; nothing was written") from None
    except TemplateProblem as error:
        raise ValidationFailed.one("template", f"{error}; nothing was written") from None


def default_letter_path(ctx: ServiceContext, case: Case, kind: LetterKind, person_id: int, language: str) -> Path:
    folder = ctx.settings.output_folder()
    return folder / f"{case.reference}-{kind.value}-person{person_id}-{language}-{ctx.today().isoformat()}.docx"


def generate_letter(ctx: ServiceContext, case_id: int, person_id: int, kind: LetterKind | str, *,
                    language: str | None = None, output: Path | None = None, pdf: bool = False,
                    meeting_id: int | None = None) -> GeneratedLetter:
    """Write one letter for one person, record it on the case, and say if it is not in their language."""
    kind = LetterKind(kind)
    case = access.case_for_write(ctx, case_id)
    who = _recipient(ctx, case, person_id)
    _check_recipient(case, kind, who)
    try:
        used, notices = letter_language(language, who.person.preferred_language)
    except ValueError as error:
        raise ValidationFailed.one("language", str(error)) from None
    context, facts = _context(ctx, case, kind, who, used, meeting_id)
    rendered = _render(ctx, kind, context, used)
    _check_wording(plain_text(rendered.text), context, rendered.template_name)
    _last_line_check(plain_text(rendered.text), facts, who.person)
    notices = [*_case_warnings(ctx, case, kind), *notices]
    target = output if output is not None else default_letter_path(ctx, case, kind, person_id, used)
    if target.is_dir():
        target = target / default_letter_path(ctx, case, kind, person_id, used).name
    target = target.expanduser().resolve()
    if target.suffix.lower() != ".docx":
        raise ValidationFailed.one("output", f"{target} should end in .docx")
    with ctx.write() as session:
        record = LetterRecord(case_id=case.id, person_id=who.person.id, kind=kind,
                              template_name=rendered.template_name, template_version=rendered.template_version,
                              language=used, generated_by=ctx.actor.username, filename=str(target),
                              generated_at=ctx.now())
        session.add(record)
        session.flush()
        audit_trail.record_event(session, action="letter", table_name="letter_record", record_id=record.id,
                                 case_id=case.id, details={"kind": kind, "person_id": who.person.id,
                                                           "language": used, "file": str(target)})
        documents_written.record_document(
            session, case_id=case.id, kind=DocumentKind.LETTER, title=f"{kind.label} letter", path=target,
            person_id=who.person.id, reprint={"letter": kind, "language": used, "meeting_id": meeting_id})
        write_letter(rendered.text, target, language=used,
                     title=f"{case.reference} {kind.label} letter for {who.person.full_name}",
                     council_dir=ctx.settings.template_dir)
    letter = GeneratedLetter(path=target, person_id=who.person.id, recipient=who.person.full_name, language=used,
                             record_id=record.id, template_version=rendered.template_version, notices=notices)
    if pdf:
        try:
            letter.pdf_path = convert_to_pdf(target)
        except PdfUnavailable as error:
            letter.notices.append(f"{error}; the .docx was written")
    return letter


def pending_offer_recipients(ctx: ServiceContext, case_id: int) -> list[offers.OfferView]:
    """Parents and PR holders still needing the offer letter: none in the LBP yet, or no answer recorded;
    nobody when no child needs the offer (not in pre-proceedings, or a best-interests decision covers it)."""
    if not children_needing_offer(ctx, case_id):
        return []
    return [view for view in offers.list_offers(ctx, case_id)
            if not view.in_lbp or view.response in (None, OfferResponse.PENDING)]


def generate_pending_offers(ctx: ServiceContext, case_id: int, *, output_dir: Path | None = None,
                            pdf: bool = False) -> list[GeneratedLetter]:
    """The batch: an offer letter for every parent and PR holder whose offer is still pending, each in
    their own language. A person marked not to be told of the meeting is included: the offer is theirs by law."""
    case = access.case_for_write(ctx, case_id)
    recipients = pending_offer_recipients(ctx, case_id)
    if output_dir is not None and output_dir.suffix:
        raise ValidationFailed.one("output", f"{output_dir} should be a folder for the batch of letters")
    if output_dir is not None:
        output_folder(output_dir)
    letters = []
    for view in recipients:
        letters.append(generate_letter(ctx, case.id, view.person_id, LetterKind.OFFER,
                                       output=output_dir, pdf=pdf))
    return letters


_LETTERS = (select(LetterRecord, Person).join(Person, Person.id == LetterRecord.person_id)
            .where(LetterRecord.case_id == bindparam("case_id"))
            .order_by(col(LetterRecord.generated_at), col(LetterRecord.id)))
"""A case's letters with their recipients, built once (the Offers tab reads them on every opening of a case)."""


_CASE_LETTERED = access.case_columns(exists().where(LetterRecord.case_id == Case.id).label("has_letters"))
"""The case's keys for the access check, and whether it has any letter (most have none: they are not read)."""


def list_letters(ctx: ServiceContext, case_id: int) -> list[LetterView]:
    if not access.check_read(ctx, case_id, _CASE_LETTERED).has_letters:
        return []
    rows = ctx.session.exec(_LETTERS, params={"case_id": case_id}).all()
    return [LetterView(id=r.id, kind=r.kind, recipient=p.full_name, person_id=p.id, language=r.language,
                       generated_at=r.generated_at, generated_by=r.generated_by, template_name=r.template_name,
                       template_version=r.template_version, filename=r.filename) for r, p in rows]


__all__ = ["GeneratedLetter", "LetterView", "children_needing_offer", "default_letter_path",
           "generate_letter", "generate_pending_offers", "letter_day", "letter_language", "letter_languages",
           "letter_meeting_fields", "letter_person_fields", "letter_warnings", "list_letters",
           "pending_offer_recipients"]
