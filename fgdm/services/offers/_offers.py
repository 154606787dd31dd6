"""The s.31ZA offers: recording offers, answers and best-interests decisions, and each child's duty status.

The rules live in `fgdm.domain.duty`; this module gathers the recorded facts, checks input, and keeps
everything on one case so that the status a coordinator sees is the one a lawyer would read from the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import Field, field_validator
from sqlalchemy import exists, func
from sqlmodel import col, select

from fgdm.domain.duty import DutyState, Party, add_working_days, separate_offer_warning
from fgdm.domain.enums import ExceptionScope, LetterKind, OfferMethod, OfferResponse
from fgdm.i18n import format_day
from fgdm.models import (
    BestInterestsException,
    Case,
    CaseChild,
    FgdmOffer,
    LetterRecord,
    NetworkMember,
    Person,
    PreProceedingsEpisode,
    person_name,
)
from fgdm.services.offers._pre_proceedings import EpisodeView, episode_views
from fgdm.services.shared import access, duty_facts, module5_facts
from fgdm.services.shared.clock import to_london
from fgdm.services.shared.concurrency import check_version
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.duty_facts import CaseDates, ChildDuty, DutyRead
from fgdm.services.shared.errors import NotFound, ValidationFailed
from fgdm.services.shared.inputs import Input, RecordId, parse, read_day

ANSWERS = (OfferResponse.ACCEPTED, OfferResponse.DECLINED, OfferResponse.NO_RESPONSE, OfferResponse.WITHDRAWN)


class OfferInput(Input):
    network_member_id: RecordId
    offered_on: date | None = None
    method: OfferMethod = OfferMethod.LETTER
    in_lbp: bool = True
    notes: str = ""


class OfferChanges(Input):
    """Corrections to an offer already recorded; only the fields named change."""

    offered_on: date | None = None
    method: OfferMethod | None = None
    in_lbp: bool | None = None
    notes: str | None = None


class ExceptionInput(Input):
    scope: ExceptionScope
    decided_by: str = Field(min_length=1, max_length=200)
    decided_on: date
    reason: str = Field(min_length=1)
    case_child_id: RecordId | None = None

    @field_validator("reason")
    @classmethod
    def _reason(cls, value: str) -> str:
        if len(value.split()) < 3:
            raise ValueError("say why in a sentence: the decision will be read by the court")
        return value


@dataclass
class OfferView:
    """A row of the offers table: the party, their offer if any, and whether they are not to be told."""

    network_member_id: int
    person_id: int
    name: str
    role: str
    not_to_be_told: bool
    preferred_language: str
    offer_id: int | None
    offered_on: date | None
    method: OfferMethod | None
    in_lbp: bool
    response: OfferResponse | None
    response_on: date | None
    response_due: date | None
    version: int | None


@dataclass
class ExceptionView:
    id: int
    scope: ExceptionScope
    child_name: str
    decided_by: str
    decided_on: date
    reason: str
    version: int


_CASE_DATES = access.case_columns(
    Case.lbp_date, Case.care_application_date, Case.referral_date,
    exists().where(FgdmOffer.case_id == Case.id).label("has_offers"),
    exists().where(BestInterestsException.case_id == Case.id).label("has_exceptions"),
    exists().where(PreProceedingsEpisode.case_id == Case.id).label("has_episodes"),
    select(func.max(LetterRecord.generated_at)).where(LetterRecord.case_id == Case.id,
                                                      LetterRecord.kind == LetterKind.OFFER)
    .scalar_subquery().label("last_offer_letter"))
"""A case's keys for the access check, its dates for the duty, whether it has any offers, decisions or
pre-proceedings episodes (most cases have no decision and many no offer yet, and asking in the check spares the
Offers tab a query each), and when its last offer letter was written (for the warning that a separate offer
does not count)."""


def _duties(ctx: ServiceContext, cases: Sequence[CaseDates], read: DutyRead | None = None,
            ) -> dict[int, list[ChildDuty]]:
    """The duty of every child of cases already checked, from `read` or from one read of each kind of fact."""
    read = read or DutyRead.of(ctx.session, [case.id for case in cases])
    return duty_facts.duties(cases, read, today=ctx.today(), settings=ctx.settings)


def duty_status(ctx: ServiceContext, case_id: int) -> list[ChildDuty]:
    """Each child's s.31ZA status: met, pending (what and by when), excepted (the decision) or breached."""
    case = access.case_for_read(ctx, case_id)
    last = ctx.session.exec(select(func.max(LetterRecord.generated_at)).where(
        LetterRecord.case_id == case_id, LetterRecord.kind == LetterKind.OFFER)).one()
    return _warn_of_separate_offers(case.lbp_date, last, _duties(ctx, [case]).get(case_id, []))


def _warn_of_separate_offers(lbp_date: date | None, last_offer_letter: datetime | None,
                             statuses: list[ChildDuty]) -> list[ChildDuty]:
    """Where the duty is still open and an offer letter was written after the letter before proceedings went
    out, say that such a separate offer does not count (the letter said so too when it was written)."""
    if lbp_date is None or last_offer_letter is None or to_london(last_offer_letter).date() <= lbp_date:
        return statuses
    for status in statuses:
        if status.state in (DutyState.PENDING, DutyState.BREACHED):
            status.warnings.append(separate_offer_warning(lbp_date))
    return statuses


def list_offers(ctx: ServiceContext, case_id: int) -> list[OfferView]:
    """Every parent and PR holder with their latest offer, in network order; offers to others are listed too."""
    access.case_for_read(ctx, case_id)
    return _offer_views(ctx, duty_facts.parties_of(ctx.session, [case_id]),
                        duty_facts.offers_of(ctx.session, [case_id]))


def _offer_views(ctx: ServiceContext, parties: Sequence[Any], offers: list[FgdmOffer]) -> list[OfferView]:
    latest: dict[int, FgdmOffer] = {}
    for offer in offers:
        latest[offer.network_member_id] = offer
    views = []
    for member_id, _case_id, is_parent, responsible, hidden, person_id, given, family, language in parties:
        name = person_name(given, family)
        offer = latest.get(member_id)
        due = (add_working_days(offer.offered_on, ctx.settings.offer_response_working_days)
               if offer is not None and offer.response is OfferResponse.PENDING else None)
        views.append(OfferView(
            network_member_id=member_id, person_id=person_id, name=name,
            role=Party(member_id, name, is_parent, responsible).role, not_to_be_told=hidden,
            preferred_language=language, offer_id=offer.id if offer else None,
            offered_on=offer.offered_on if offer else None, method=offer.method if offer else None,
            in_lbp=bool(offer and offer.in_lbp), response=offer.response if offer else None,
            response_on=offer.response_on if offer else None, response_due=due,
            version=offer.version if offer else None))
    return views


def list_exceptions(ctx: ServiceContext, case_id: int) -> list[ExceptionView]:
    access.case_for_read(ctx, case_id)
    return _exception_views(duty_facts.exceptions_of(ctx.session, [case_id]),
                            duty_facts.children_of(ctx.session, [case_id]))


def _exception_views(exceptions: list[BestInterestsException], children: Sequence[Any]) -> list[ExceptionView]:
    names = {child_id: person_name(given, family) for child_id, _case, _status, _person, given, family in children}
    return [ExceptionView(id=e.id, scope=e.scope, child_name=names.get(e.case_child_id, "All children")
                          if e.case_child_id else "All children", decided_by=e.decided_by,
                          decided_on=e.decided_on, reason=e.reason, version=e.version)
            for e in exceptions]


@dataclass
class CaseOffers:
    """A case's s.31ZA duty, offers and best-interests decisions as its Offers tab shows them."""

    duty: list[ChildDuty]
    """As `duty_status`: a line for every child, in the case's order."""
    parties: list[OfferView]
    """As `list_offers`."""
    exceptions: list[ExceptionView]
    """As `list_exceptions`."""
    lbp_date: date | None
    application_date: date | None
    episodes: list[EpisodeView]
    """As `list_episodes`."""


def case_offers(ctx: ServiceContext, case_id: int) -> CaseOffers:
    """What `duty_status`, `list_offers` and `list_exceptions` give, from one read of each kind of fact: the
    case is checked once, and its parties, offers, decisions and children are read once for the duty and the
    lists (seven queries rather than eleven, on every opening of a case; offers, decisions and pre-proceedings
    episodes are not asked for when the check shows the case has none; episodes are one more, with the
    census block of each made from the same facts)."""
    case = access.check_read(ctx, case_id, _CASE_DATES)
    read = DutyRead.of(ctx.session, [case_id], offers=bool(case.has_offers), exceptions=bool(case.has_exceptions))
    episodes = module5_facts.read_episodes(ctx.session, [case_id]) if case.has_episodes else []
    duty = _warn_of_separate_offers(case.lbp_date, case.last_offer_letter,
                                    _duties(ctx, [case], read).get(case_id, []))
    return CaseOffers(duty=duty,
                      parties=_offer_views(ctx, read.parties, read.offers),
                      exceptions=_exception_views(read.exceptions, read.children),
                      lbp_date=case.lbp_date, application_date=case.care_application_date,
                      episodes=episode_views(module5_facts.blocks_of(episodes, {case_id: case}, read)))


def _member_of(ctx: ServiceContext, case: Case, network_member_id: int) -> tuple[NetworkMember, Person]:
    member = ctx.session.get(NetworkMember, network_member_id)
    if member is None or member.case_id != case.id:
        raise ValidationFailed.one("network_member_id", f"no member of case {case.reference}'s network has id "
                                                        f"{network_member_id}; choose one from the network")
    person = ctx.session.get(Person, member.person_id)
    assert person is not None
    return member, person


def _check_offer(ctx: ServiceContext, case: Case, offer: FgdmOffer) -> None:
    errors: dict[str, str] = {}
    if offer.offered_on > ctx.today():
        errors["offered_on"] = "cannot be in the future: record the offer once it has been made"
    if offer.in_lbp and case.lbp_date is None:
        errors["in_lbp"] = "record the date of the letter before proceedings on the case first"
    if offer.response_on is not None and offer.response_on < offer.offered_on:
        errors["offered_on"] = "is after the answer recorded; check both dates"
    if errors:
        raise ValidationFailed(errors)


def record_offer(ctx: ServiceContext, case_id: int, data: OfferInput | dict[str, Any]) -> FgdmOffer:
    """Record that a parent or PR holder was offered an FGDM meeting (in the LBP unless said otherwise)."""
    with ctx.write() as session:
        case = access.case_for_write(ctx, case_id)
        values = parse(OfferInput, data)
        member, person = _member_of(ctx, case, values.network_member_id)
        if not (member.is_parent or member.parental_responsibility):
            raise ValidationFailed.one("network_member_id", f"{person.full_name} is not recorded as a parent or "
                                       "as holding parental responsibility; the s.31ZA offer goes to those people. "
                                       "Correct their network entry first if they are one")
        open_offer = session.exec(select(FgdmOffer).where(
            FgdmOffer.case_id == case_id, FgdmOffer.network_member_id == member.id,
            col(FgdmOffer.response).in_([OfferResponse.PENDING, OfferResponse.ACCEPTED]))).first()
        if open_offer is not None:
            state = open_offer.response.label.lower()
            raise ValidationFailed.one("network_member_id", f"{person.full_name} already has an offer of "
                                       f"{format_day(open_offer.offered_on)} that is {state}; "
                                       "record the answer or correct that offer instead")
        offer = FgdmOffer(case_id=case_id, network_member_id=member.id,
                          offered_on=values.offered_on or ctx.today(), method=values.method,
                          in_lbp=values.in_lbp, notes=values.notes)
        _check_offer(ctx, case, offer)
        session.add(offer)
    return offer


def _offer_for_write(ctx: ServiceContext, offer_id: int) -> tuple[FgdmOffer, Case]:
    offer = ctx.session.get(FgdmOffer, offer_id)
    if offer is None:
        raise NotFound(f"there is no offer with id {offer_id}; `fgdm offer list --case REF` shows them")
    return offer, access.case_for_write(ctx, offer.case_id)


def update_offer(ctx: ServiceContext, offer_id: int, data: OfferChanges | dict[str, Any], *,
                 expected_version: int | None = None) -> FgdmOffer:
    """Correct an offer's date, method, whether it was in the LBP, or its notes."""
    changes = parse(OfferChanges, data).model_dump(exclude_unset=True, exclude_none=True)
    with ctx.write():
        offer, case = _offer_for_write(ctx, offer_id)
        check_version(offer, f"The offer of {format_day(offer.offered_on)}", expected_version, changes)
        for name, value in changes.items():
            setattr(offer, name, value)
        _check_offer(ctx, case, offer)
    return offer


def record_response(ctx: ServiceContext, offer_id: int, response: OfferResponse | str, *,
                    on: date | str | None = None, note: str = "",
                    expected_version: int | None = None) -> FgdmOffer:
    """Record the answer: accepted, declined, no response, or withdrawn (an acceptance taken back)."""
    on = read_day(on, "response_on")
    try:
        answer = OfferResponse(response)
    except ValueError:
        answer = None
    if answer not in ANSWERS:
        choices = ", ".join(a.value for a in ANSWERS)
        raise ValidationFailed.one("response", f"choose one of: {choices}")
    with ctx.write():
        offer, _case = _offer_for_write(ctx, offer_id)
        check_version(offer, f"The offer of {format_day(offer.offered_on)}", expected_version,
                        {"response": answer})
        when = on or ctx.today()
        if answer is OfferResponse.WITHDRAWN and offer.response is not OfferResponse.ACCEPTED:
            raise ValidationFailed.one("response", "only an accepted offer can be withdrawn; record 'declined' "
                                                   "if the person has said no")
        if when > ctx.today():
            raise ValidationFailed.one("response_on", "cannot be in the future")
        if when < offer.offered_on:
            raise ValidationFailed.one("response_on", f"is before the offer was made on "
                                                      f"{format_day(offer.offered_on)}; check the date")
        offer.response = answer
        offer.response_on = when
        if note.strip():
            offer.notes = f"{offer.notes}\n{note.strip()}".strip()
    return offer


def withdraw(ctx: ServiceContext, offer_id: int, *, on: date | str | None = None, note: str = "",
             expected_version: int | None = None) -> FgdmOffer:
    """The person who accepted has taken their acceptance back."""
    return record_response(ctx, offer_id, OfferResponse.WITHDRAWN, on=on, note=note,
                           expected_version=expected_version)


def record_exception(ctx: ServiceContext, case_id: int,
                     data: ExceptionInput | dict[str, Any]) -> BestInterestsException:
    """Record the council's decision that an offer, or holding the meeting, is not in a child's best interests."""
    with ctx.write() as session:
        case = access.case_for_write(ctx, case_id)
        values = parse(ExceptionInput, data)
        if values.decided_on > ctx.today():
            raise ValidationFailed.one("decided_on", "cannot be in the future: record the decision once made")
        if values.case_child_id is not None:
            link = session.get(CaseChild, values.case_child_id)
            if link is None or link.case_id != case.id:
                raise ValidationFailed.one("case_child_id", f"no child of case {case.reference} has id "
                                                            f"{values.case_child_id}; leave it empty for every child")
        row = BestInterestsException(case_id=case_id, **values.model_dump())
        session.add(row)
    return row


def remove_exception(ctx: ServiceContext, exception_id: int, *, expected_version: int | None = None) -> None:
    """Remove a decision recorded in error; the audit trail keeps what it said."""
    with ctx.write() as session:
        row = session.get(BestInterestsException, exception_id)
        if row is None:
            raise NotFound(f"there is no best-interests decision with id {exception_id}")
        access.case_for_write(ctx, row.case_id)
        check_version(row, "The best-interests decision", expected_version, {})
        session.delete(row)


def record_care_application(ctx: ServiceContext, case_id: int, on: date | str | None, *,
                            expected_version: int | None = None) -> Case:
    """Record (or clear, with None) the date the care or supervision order application was made."""
    on = read_day(on, "care_application_date")
    with ctx.write():
        case = access.case_for_write(ctx, case_id)
        check_version(case, f"Case {case.reference}", expected_version, {"care_application_date": on})
        if on is not None and on > ctx.today():
            raise ValidationFailed.one("care_application_date", "cannot be in the future: record it once made")
        if on is not None and case.lbp_date is not None and on < case.lbp_date:
            raise ValidationFailed.one("care_application_date", "is before the letter before proceedings; "
                                                                "check both dates")
        case.care_application_date = on
    return case


__all__ = ["CaseOffers", "ChildDuty", "ExceptionInput", "ExceptionView", "OfferChanges", "OfferInput", "OfferView",
           "case_offers", "duty_status", "list_exceptions", "list_offers", "record_care_application",
           "record_exception", "record_offer", "record_response", "remove_exception", "update_offer", "withdraw"]
