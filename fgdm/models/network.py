"""The family network: people stored once, their membership of each case, and the ties between them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from fgdm.domain.enums import AgencyKind, ConfidentialFact, ContactStatus, Gender, RelationshipKind, Side, TieQuality
from fgdm.domain.names import person_name
from fgdm.models.base import Record, enum_field, instant_field, text_field


class Person(Record, table=True):
    """Someone in one or more family networks; a grandmother of two sibling groups is one row."""

    __tablename__ = "person"
    # A person is added before their membership makes them visible under row-level security, so the new row is
    # not read back with RETURNING (its id is drawn from the sequence first).
    __table_args__ = {"implicit_returning": False}

    uid: str = Field(max_length=36, unique=True, index=True)
    given_name: str = Field(max_length=120)
    family_name: str = Field(default="", max_length=120, index=True)
    known_as: str = Field(default="", max_length=120)
    gender: Gender = enum_field(Gender, Gender.UNKNOWN)
    date_of_birth: date | None = None
    deceased: bool = False
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=254)
    address: str = text_field()
    address_confidential: bool = False
    preferred_language: str = Field(default="en_GB", max_length=16)
    interpreter_needed: bool = False
    access_needs: str = text_field()
    merged_into_id: int | None = Field(default=None, foreign_key="person.id")
    la_child_id: str | None = Field(default=None, max_length=10, unique=True, index=True)
    """A child's id in the council's case management system (the CIN census's LAchildID): one person's only."""
    erased_at: datetime | None = instant_field()

    @property
    def full_name(self) -> str:
        return person_name(self.given_name, self.family_name)


class NetworkMember(Record, table=True):
    """A person's place in one case's network, with the coordinator's safety and contact status."""

    __tablename__ = "network_member"
    __table_args__ = (UniqueConstraint("case_id", "person_id"),)

    case_id: int = Field(foreign_key="fgdm_case.id", index=True, ondelete="CASCADE")
    person_id: int = Field(foreign_key="person.id", index=True)
    relationship_to_child: str = Field(default="", max_length=120)
    side: Side = enum_field(Side, Side.FRIENDS_COMMUNITY)
    household: str = Field(default="", max_length=80)
    is_parent: bool = False
    parental_responsibility: bool = False
    contact_status: ContactStatus = enum_field(ContactStatus, ContactStatus.IDENTIFIED)
    status_changed_on: date | None = None
    excluded_reason: str = text_field()
    excluded_by: str = Field(default="", max_length=200)
    consent_override_reason: str = text_field()
    not_to_be_told: bool = False
    attends_separately: bool = False
    tie: TieQuality = enum_field(TieQuality, TieQuality.ORDINARY)
    notes: str = text_field()


class Relationship(Record, table=True):
    """A tie between two people (parent of, partner of...), kept as its own object as genealogy tools do."""

    __tablename__ = "relationship"
    __table_args__ = (UniqueConstraint("from_person_id", "to_person_id", "kind"),)

    from_person_id: int = Field(foreign_key="person.id", index=True)
    to_person_id: int = Field(foreign_key="person.id", index=True)
    kind: RelationshipKind = enum_field(RelationshipKind)
    quality: TieQuality = enum_field(TieQuality, TieQuality.ORDINARY)
    notes: str = text_field()


class Agency(Record, table=True):
    """An organisation around the child on the ecomap: school, GP, housing, faith group."""

    __tablename__ = "agency"

    case_id: int = Field(foreign_key="fgdm_case.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    kind: AgencyKind = enum_field(AgencyKind, AgencyKind.OTHER)
    tie: TieQuality = enum_field(TieQuality, TieQuality.ORDINARY)
    contact: str = Field(default="", max_length=200)
    sensitive: bool = False
    """A police domestic abuse unit, a refuge: left out of everything shareable."""


class ConfidentialFrom(Record, table=True):
    """A fact kept from one named member of a case's network: a person's address, or a meeting's venue or time.

    `person_id` names whose address it is (for an address); `meeting_id` the meeting (for a venue or time).
    """

    __tablename__ = "confidential_from"

    case_id: int = Field(foreign_key="fgdm_case.id", index=True, ondelete="CASCADE")
    fact: ConfidentialFact = enum_field(ConfidentialFact)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True, ondelete="CASCADE")
    hidden_from_person_id: int = Field(foreign_key="person.id", index=True)
    decided_by: str = Field(default="", max_length=200)
