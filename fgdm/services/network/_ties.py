"""Ties drawn on the genogram and ecomap: relationships between people, and the agencies around the child."""

from __future__ import annotations

from typing import Any

from pydantic import Field
from sqlmodel import select

from fgdm.domain.enums import AgencyKind, RelationshipKind, TieQuality
from fgdm.models import Agency, CaseChild, NetworkMember, Person, Relationship
from fgdm.services.shared import access
from fgdm.services.shared.concurrency import check_version
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, ValidationFailed
from fgdm.services.shared.inputs import Input, RecordId, parse

SYMMETRIC = frozenset({RelationshipKind.PARTNER_OF, RelationshipKind.MARRIED_TO, RelationshipKind.FORMER_PARTNER_OF,
                       RelationshipKind.DIVORCED_FROM, RelationshipKind.SIBLING_OF,
                       RelationshipKind.HALF_SIBLING_OF, RelationshipKind.FRIEND_OF})
"""Kinds that read the same both ways: adding B partner of A when A partner of B exists is a duplicate."""


class RelationshipInput(Input):
    from_person_id: RecordId
    to_person_id: RecordId
    kind: RelationshipKind
    quality: TieQuality = TieQuality.ORDINARY
    notes: str = ""


class AgencyInput(Input):
    name: str = Field(min_length=1, max_length=200)
    kind: AgencyKind = AgencyKind.OTHER
    tie: TieQuality = TieQuality.ORDINARY
    contact: str = Field(default="", max_length=200)
    sensitive: bool = False
    """Left out of everything shareable (a police domestic abuse unit, a refuge)."""


class AgencyChanges(Input):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    kind: AgencyKind | None = None
    tie: TieQuality | None = None
    contact: str | None = Field(default=None, max_length=200)
    sensitive: bool | None = None


def _in_case(ctx: ServiceContext, case_id: int, person_id: int, field: str) -> Person:
    session = ctx.session
    member = session.exec(select(NetworkMember.id).where(NetworkMember.case_id == case_id,
                                                         NetworkMember.person_id == person_id)).first()
    child = session.exec(select(CaseChild.id).where(CaseChild.case_id == case_id,
                                                    CaseChild.person_id == person_id)).first()
    person = session.get(Person, person_id)
    if person is None or (member is None and child is None):
        raise ValidationFailed.one(field, "choose someone in this case's network or one of its children")
    return person


def add_relationship(ctx: ServiceContext, case_id: int, data: RelationshipInput | dict[str, Any]) -> Relationship:
    """A tie between two people of the case: 'from' is the parent in 'parent of'."""
    with ctx.write() as session:
        access.case_for_write(ctx, case_id)
        values = parse(RelationshipInput, data)
        start = _in_case(ctx, case_id, values.from_person_id, "from_person_id")
        end = _in_case(ctx, case_id, values.to_person_id, "to_person_id")
        if start.id == end.id:
            raise ValidationFailed.one("to_person_id", "choose two different people")
        pairs = [(start.id, end.id)] + ([(end.id, start.id)] if values.kind in SYMMETRIC else [])
        for a, b in pairs:
            if session.exec(select(Relationship.id).where(Relationship.from_person_id == a,
                                                          Relationship.to_person_id == b,
                                                          Relationship.kind == values.kind)).first():
                raise ValidationFailed.one("kind", f"{start.full_name} is already recorded as "
                                           f"{values.kind.label.lower()} {end.full_name}")
        tie = Relationship(**values.model_dump())
        session.add(tie)
    return tie


def _relationship(ctx: ServiceContext, case_id: int, relationship_id: int) -> Relationship:
    tie = ctx.session.get(Relationship, relationship_id)
    if tie is None:
        raise NotFound(f"there is no relationship with id {relationship_id}")
    _in_case(ctx, case_id, tie.from_person_id, "relationship_id")
    return tie


def set_relationship_quality(ctx: ServiceContext, case_id: int, relationship_id: int,
                             quality: TieQuality | str) -> Relationship:
    try:
        quality = TieQuality(quality)
    except ValueError:
        raise ValidationFailed.one("quality", "choose one of: " + ", ".join(q.value for q in TieQuality)) from None
    with ctx.write():
        access.case_for_write(ctx, case_id)
        tie = _relationship(ctx, case_id, relationship_id)
        tie.quality = quality
    return tie


def remove_relationship(ctx: ServiceContext, case_id: int, relationship_id: int) -> None:
    with ctx.write() as session:
        access.case_for_write(ctx, case_id)
        session.delete(_relationship(ctx, case_id, relationship_id))


def add_agency(ctx: ServiceContext, case_id: int, data: AgencyInput | dict[str, Any]) -> Agency:
    with ctx.write() as session:
        access.case_for_write(ctx, case_id)
        values = parse(AgencyInput, data)
        agency = Agency(case_id=case_id, **values.model_dump())
        session.add(agency)
    return agency


def _agency(ctx: ServiceContext, agency_id: int) -> Agency:
    agency = ctx.session.get(Agency, agency_id)
    if agency is None:
        raise NotFound(f"there is no agency with id {agency_id}")
    access.case_for_write(ctx, agency.case_id)
    return agency


def update_agency(ctx: ServiceContext, agency_id: int, data: AgencyChanges | dict[str, Any], *,
                  expected_version: int | None = None) -> Agency:
    changes = parse(AgencyChanges, data).model_dump(exclude_unset=True)
    with ctx.write():
        agency = _agency(ctx, agency_id)
        check_version(agency, f"Agency {agency.name}", expected_version, changes)
        for name, value in changes.items():
            if value is None and name == "name":
                raise ValidationFailed.one("name", "must not be empty")
            if name == "contact":
                agency.contact = value or ""
            elif value is not None:
                setattr(agency, name, value)
    return agency


def remove_agency(ctx: ServiceContext, agency_id: int) -> None:
    with ctx.write() as session:
        session.delete(_agency(ctx, agency_id))


__all__ = ["AgencyChanges", "AgencyInput", "RelationshipInput", "add_agency", "add_relationship",
           "remove_agency", "remove_relationship", "set_relationship_quality", "update_agency"]
