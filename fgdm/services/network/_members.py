"""The family network of a case: members, the contact pipeline, consent, and the pictures drawn from them.

Safety rules are enforced here, not in the screens: nobody marked not to be told is ever invited;
exclusion needs a reason and who decided; first contact before the family consented needs an override
reason; and every shareable output takes its data from `shareable_network`.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import Field, field_validator
from sqlalchemy import bindparam
from sqlmodel import col, select

from fgdm.domain import contact_pipeline, disclosure
from fgdm.domain.enums import ContactStatus, Gender, Side, TieQuality
from fgdm.domain.network_picture import AgencyEntry, MemberEntry, NetworkPicture, TieEntry, make_shareable
from fgdm.domain.validation import check_email, check_language, check_phone
from fgdm.models import (
    Agency,
    Case,
    CaseChild,
    NetworkMember,
    Person,
    Relationship,
    person_name,
)
from fgdm.services import cases
from fgdm.services.network._people import (
    PossibleDuplicate,
    check_may_link,
    find_duplicates,
    live_person,
    member_history,
)
from fgdm.services.shared import access, audit_trail, disclosure_facts, people, search_index
from fgdm.services.shared.concurrency import check_version
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, SafetyBreach, ValidationFailed
from fgdm.services.shared.inputs import Input, parse
from fgdm.services.shared.lookups import columns


class PersonFields(Input):
    """What is stored about the person, shared by every case they are in."""

    given_name: str | None = Field(default=None, min_length=1, max_length=120)
    family_name: str | None = Field(default=None, max_length=120)
    known_as: str | None = Field(default=None, max_length=120)
    gender: Gender | None = None
    date_of_birth: date | None = None
    deceased: bool | None = None
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=254)
    address: str | None = None
    address_confidential: bool | None = None
    preferred_language: str | None = None
    interpreter_needed: bool | None = None
    access_needs: str | None = None

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return None if value is None else check_phone(value)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return None if value is None else check_email(value)

    @field_validator("preferred_language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        return None if value is None else check_language(value)


class MembershipFields(Input):
    """The person's place in this case's network."""

    relationship_to_child: str | None = Field(default=None, max_length=120)
    side: Side | None = None
    household: str | None = Field(default=None, max_length=80)
    is_parent: bool | None = None
    parental_responsibility: bool | None = None
    not_to_be_told: bool | None = None
    attends_separately: bool | None = None
    tie: TieQuality | None = None
    notes: str | None = None


class MemberChanges(PersonFields, MembershipFields):
    """An edit names only the fields that changed; the contact status moves through `move_member`."""


class MemberCreate(MemberChanges):
    """A new member: a new person (given_name required), or an existing one named by link_person_id."""


PERSON_FIELDS = frozenset(PersonFields.model_fields)
MEMBERSHIP_FIELDS = frozenset(MembershipFields.model_fields)


def _check_person(ctx: ServiceContext, person: Person) -> None:
    if person.date_of_birth is not None and person.date_of_birth > ctx.today():
        raise ValidationFailed.one("date_of_birth", "cannot be in the future; leave it empty if not known")


def _member(ctx: ServiceContext, member_id: int, *, write: bool) -> tuple[NetworkMember, Person, Case]:
    member = ctx.session.get(NetworkMember, member_id)
    if member is None:
        raise NotFound(f"there is no network member with id {member_id}; `fgdm network list` shows them")
    case = (access.case_for_write if write else access.case_for_read)(ctx, member.case_id)
    person = ctx.session.get(Person, member.person_id)
    assert person is not None
    return member, person, case


def add_member(ctx: ServiceContext, case_id: int, data: MemberCreate | dict[str, Any], *,
               link_person_id: int | None = None, allow_duplicate: bool = False) -> NetworkMember:
    """Add someone to the case's network.

    With link_person_id the existing person is linked (their stored details are kept). Otherwise a new
    person is made, unless someone on file has the same name and date of birth or phone: then
    PossibleDuplicate lists them, and the caller links one or repeats with allow_duplicate=True.
    """
    values = parse(MemberCreate, data)
    access.case_for_write(ctx, case_id)
    given = values.model_dump(exclude_unset=True)
    person_values = {k: v for k, v in given.items() if k in PERSON_FIELDS and v is not None}
    member_values = {k: v for k, v in given.items() if k in MEMBERSHIP_FIELDS and v is not None}
    if link_person_id is not None and person_values:
        raise ValidationFailed.one("link_person_id", "a linked person keeps the details on file; link them first, "
                                   f"then edit {', '.join(sorted(person_values))} if they have changed")
    if link_person_id is None:
        if not person_values.get("given_name"):
            raise ValidationFailed.one("given_name", "is required: give at least the first name")
        if not allow_duplicate:
            candidates = find_duplicates(ctx, given_name=person_values["given_name"],
                                         family_name=person_values.get("family_name", ""),
                                         date_of_birth=person_values.get("date_of_birth"),
                                         phone=person_values.get("phone", ""))
            if candidates:
                raise PossibleDuplicate(candidates)
    with ctx.write() as session:
        case = access.case_for_write(ctx, case_id)
        if link_person_id is None:
            person = Person(uid=str(uuid.uuid4()), **person_values)
            _check_person(ctx, person)
            session.add(person)
            session.flush()
        else:
            person = live_person(ctx.session, link_person_id)
            check_may_link(ctx, person)
            _check_link(ctx, case, person)
        member = NetworkMember(case_id=case.id, person_id=person.id, status_changed_on=ctx.today(),
                               **member_values)
        session.add(member)
        session.flush()
        search_index.refresh_case(session, case)
    return member


def _check_link(ctx: ServiceContext, case: Case, person: Person) -> None:
    session = ctx.session
    if session.exec(select(NetworkMember.id).where(NetworkMember.case_id == case.id,
                                                   NetworkMember.person_id == person.id)).first():
        raise ValidationFailed.one("link_person_id", f"{person.full_name} is already in this case's network")
    if session.exec(select(CaseChild.id).where(CaseChild.case_id == case.id,
                                               CaseChild.person_id == person.id)).first():
        raise ValidationFailed.one("link_person_id", f"{person.full_name} is a child of this case")


def update_member(ctx: ServiceContext, member_id: int, data: MemberChanges | dict[str, Any], *,
                  expected_version: int | None = None) -> NetworkMember:
    """Change a member's details; person details change in every case the person is in."""
    values = parse(MemberChanges, data)
    changes = values.model_dump(exclude_unset=True)
    if changes.get("given_name", "") is None:
        raise ValidationFailed.one("given_name", "must not be empty")
    with ctx.write() as session:
        member, person, _case = _member(ctx, member_id, write=True)
        check_version(member, f"Network member {person.full_name}", expected_version,
                              {name: value for name, value in changes.items() if name in MEMBERSHIP_FIELDS})
        for name, value in changes.items():
            target = person if name in PERSON_FIELDS else member
            if value is None and isinstance(getattr(target, name), str):
                value = ""
            elif value is None and name != "date_of_birth":
                continue
            setattr(target, name, value)
        _check_person(ctx, person)
        if member.not_to_be_told and member.contact_status in contact_pipeline.INVITING:
            raise SafetyBreach.one("not_to_be_told", f"{person.full_name} is '{member.contact_status.label.lower()}'"
                                   ": someone not to be told cannot stay invited. Record them as declined or "
                                   "excluded first, and withdraw any invitation already sent")
        if changes.keys() & PERSON_FIELDS:
            member.updated_at = ctx.now()
        session.flush()
        search_index.refresh_cases_of_person(session, person.id)
    return member


def remove_member(ctx: ServiceContext, member_id: int, *, expected_version: int | None = None) -> None:
    """Remove someone added by mistake; anyone with history in the case is kept and must be declined or
    excluded instead, so offers, letters and attendance never lose who they were about."""
    with ctx.write() as session:
        member, person, case = _member(ctx, member_id, write=True)
        check_version(member, f"Network member {person.full_name}", expected_version, {})
        history = member_history(ctx, member)
        if history:
            raise ValidationFailed.one("member", f"{person.full_name} cannot be removed: the case has "
                                       f"{', '.join(history)} about them. Record them as declined or excluded "
                                       "instead")
        people.unlink(session, member, person)
        search_index.refresh_case(session, case)


def move_member(ctx: ServiceContext, member_id: int, target: ContactStatus | str, *, reason: str = "",
                decided_by: str = "", consent_override_reason: str = "",
                expected_version: int | None = None) -> NetworkMember:
    """Move a member along the contact pipeline, applying every safety rule before anything is saved."""
    try:
        target = ContactStatus(target)
    except ValueError:
        choices = ", ".join(status.value for status in ContactStatus)
        raise ValidationFailed.one("contact_status", f"choose one of: {choices}") from None
    with ctx.write():
        member, person, case = _member(ctx, member_id, write=True)
        check_version(member, f"Network member {person.full_name}", expected_version,
                              {"contact_status": target})
        current = member.contact_status
        try:
            contact_pipeline.check_move(current, target)
        except contact_pipeline.PipelineError as error:
            raise ValidationFailed.one("contact_status", f"{person.full_name}: {error}") from None
        if target in contact_pipeline.INVITING and member.not_to_be_told:
            raise SafetyBreach.one("contact_status", f"{person.full_name} is marked not to be told of the "
                                   "meeting, so they can never be invited or attend. Offer a separate session "
                                   "or a written contribution instead")
        if member.not_to_be_told and contact_pipeline.reaches_out_anew(current, target):
            if not reason.strip():
                raise SafetyBreach.one("reason", f"{person.full_name} is marked not to be told of the meeting: "
                                                 f"give the reason for contacting them anyway")
            audit_trail.record_event(ctx.session, action="contacted_though_not_to_be_told", table_name="network_member",
                                     record_id=member.id, case_id=case.id,
                                     details={"from": current, "to": target, "reason": reason.strip()})
        if target is ContactStatus.EXCLUDED:
            _check_exclusion(reason, decided_by)
            member.excluded_reason, member.excluded_by = reason.strip(), decided_by.strip()
        if contact_pipeline.needs_consent(current, target) and case.network_contact_consent_on is None:
            if not consent_override_reason.strip():
                raise ValidationFailed.one("consent_override_reason", "the family's consent to contact their "
                                           "network is not recorded: record who consented and when on the case, "
                                           f"or give a reason for contacting {person.full_name} without it")
            member.consent_override_reason = consent_override_reason.strip()
        member.contact_status = target
        member.status_changed_on = ctx.today()
    return member


def _check_exclusion(reason: str, decided_by: str) -> None:
    errors = {}
    if not reason.strip():
        errors["reason"] = "say why the person is excluded (for example, their presence would put someone at risk)"
    if not decided_by.strip():
        errors["decided_by"] = "name who decided the exclusion (for example, the team manager)"
    if errors:
        raise ValidationFailed(errors)


def record_contact_consent(ctx: ServiceContext, case_id: int, *, consented_by: str, consented_on: date | str,
                           expected_version: int | None = None) -> Case:
    """Who in the family agreed that their network may be contacted, and when."""
    if not consented_by.strip():
        raise ValidationFailed.one("network_contact_consent_by", "name who gave consent (for example, the mother)")
    return cases.update_case(ctx, case_id, {"network_contact_consent_by": consented_by,
                                            "network_contact_consent_on": consented_on},
                             expected_version=expected_version)


def get_member(ctx: ServiceContext, member_id: int) -> tuple[NetworkMember, Person]:
    member, person, _case = _member(ctx, member_id, write=False)
    return member, person


def network_picture(ctx: ServiceContext, case_id: int) -> NetworkPicture:
    """The whole network as the coordinator sees it, contact details and safety markers included.

    Read as the columns drawn, not as records: building 80 records for a network of 40 cost more than the
    queries (the Network tab reads this on every opening of a case).
    """
    case = access.check_read(ctx, case_id, _CASE_SHOWN)
    session = ctx.session
    case_only = {"case_id": case_id}
    entries = [_child_entry(row) for row in columns(session, _CHILDREN_SHOWN, case_only)]
    entries += [_member_entry(row) for row in columns(session, _MEMBERS_SHOWN, case_only)]
    shown = {entry.person_id for entry in entries}
    # Ties are found by who they start from and kept if they end in the picture: given both lists, SQLite
    # probes the (from, to) key for every pair of people (1,849 for 43 people), five times slower. Who they start
    # from is named by the case (a subquery), not as a list of ids rendered into the statement on every run.
    ties = [tie for tie in columns(session, _TIES_FROM, case_only) if tie[1] in shown] if shown else []
    agencies = columns(session, _AGENCIES_SHOWN, case_only)
    return NetworkPicture(
        reference=case.reference, family_name=case.family_name, members=tuple(entries),
        ties=tuple(TieEntry(*tie) for tie in ties), agencies=tuple(AgencyEntry(*agency) for agency in agencies),
        consent_by=case.network_contact_consent_by, consent_on=case.network_contact_consent_on)


def shareable_network(ctx: ServiceContext, case_id: int, recipient_person_id: int | None = None) -> NetworkPicture:
    """The network as the disclosure rule lets the family (or one recipient) see it: what every shareable map,
    table and view is built from."""
    picture = network_picture(ctx, case_id)
    facts = disclosure_facts.case_facts(ctx.session, case_id)
    if recipient_person_id is not None and facts.person(recipient_person_id) is None:
        raise ValidationFailed.one("for", f"person {recipient_person_id} is not in the network of "
                                          f"{picture.reference}; `fgdm network list` shows who is")
    return make_shareable(picture, facts, disclosure.Recipient.family_or_person(recipient_person_id))


_PERSON_SHOWN = (col(Person.id).label("person_id"), Person.given_name, Person.family_name, Person.gender,
                 Person.deceased, Person.date_of_birth, Person.preferred_language, Person.interpreter_needed)
_CONTACT_SHOWN = (Person.phone, Person.email, Person.address, Person.address_confidential)
_MEMBER_SHOWN = (col(NetworkMember.id).label("member_id"), NetworkMember.relationship_to_child, NetworkMember.side,
                 NetworkMember.household, NetworkMember.is_parent, NetworkMember.parental_responsibility,
                 NetworkMember.contact_status, NetworkMember.not_to_be_told, NetworkMember.attends_separately,
                 NetworkMember.excluded_reason, NetworkMember.excluded_by, NetworkMember.tie, NetworkMember.notes)

# Built once, with the case and people as parameters: building a select of 25 columns took as long as running it.
_CHILDREN_SHOWN = (select(*_PERSON_SHOWN).join(CaseChild, Person.id == CaseChild.person_id)
                   .where(CaseChild.case_id == bindparam("case_id")).order_by(CaseChild.position, CaseChild.id))
_MEMBERS_SHOWN = (select(*_MEMBER_SHOWN, *_PERSON_SHOWN, *_CONTACT_SHOWN)
                  .join(Person, Person.id == NetworkMember.person_id)
                  .where(NetworkMember.case_id == bindparam("case_id")).order_by(NetworkMember.id))
_TIES_FROM = (select(Relationship.from_person_id, Relationship.to_person_id, Relationship.kind, Relationship.quality,
                     Relationship.id)
              .where(col(Relationship.from_person_id).in_(
                  select(CaseChild.person_id).where(CaseChild.case_id == bindparam("case_id"))
                  .union_all(select(NetworkMember.person_id).where(NetworkMember.case_id == bindparam("case_id")))))
              .order_by(Relationship.id))
_CASE_SHOWN = access.case_columns(Case.family_name, Case.network_contact_consent_by,
                                  Case.network_contact_consent_on)
_AGENCIES_SHOWN = (select(Agency.name, Agency.kind, Agency.tie, Agency.contact, Agency.id, Agency.sensitive)
                   .where(Agency.case_id == bindparam("case_id")).order_by(Agency.id))


# The rows are unpacked by position, in the order of the columns above: reading 25 fields of each of 40 rows
# by name cost more than the query.

def _child_entry(row: Any) -> MemberEntry:
    person_id, given, family, gender, deceased, born, language, interpreter = row
    return MemberEntry(person_id=person_id, name=person_name(given, family), is_child=True, gender=gender,
                       deceased=deceased, date_of_birth=born, language=language, interpreter_needed=interpreter)


def _member_entry(row: Any) -> MemberEntry:
    (member_id, relationship, side, household, is_parent, responsible, status, hidden, separately, excluded_reason,
     excluded_by, tie, notes, person_id, given, family, gender, deceased, born, language, interpreter, phone, email,
     address, confidential) = row
    return MemberEntry(
        person_id=person_id, name=person_name(given, family), member_id=member_id, gender=gender,
        deceased=deceased, date_of_birth=born, relationship_to_child=relationship, side=side, household=household,
        is_parent=is_parent, parental_responsibility=responsible, contact_status=status, language=language,
        interpreter_needed=interpreter, phone=phone, email=email, address=address, address_confidential=confidential,
        not_to_be_told=hidden, attends_separately=separately, excluded_reason=excluded_reason,
        excluded_by=excluded_by, tie=tie, notes=notes)


__all__ = ["MemberChanges", "MemberCreate", "PossibleDuplicate", "add_member", "get_member", "move_member",
           "network_picture", "record_contact_consent", "remove_member", "shareable_network", "update_member"]
