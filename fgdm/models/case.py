"""A case: one referral for one family, its children, and the follow-ups of where each child lives."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from fgdm.domain.enums import CaseStatus, ClosureReason, LegalStatus, LivingArrangement
from fgdm.models.base import Record, enum_field, instant_field, text_field


class Case(Record, table=True):
    __tablename__ = "fgdm_case"

    uid: str = Field(max_length=36, unique=True, index=True)
    reference: str = Field(max_length=40, unique=True, index=True)
    family_name: str = Field(max_length=200, index=True)
    status: CaseStatus = enum_field(CaseStatus, CaseStatus.REFERRED, index=True)
    closure_reason: ClosureReason | None = enum_field(ClosureReason, nullable=True)
    closure_note: str = text_field()
    closed_on: date | None = None
    status_changed_on: date | None = None

    referral_date: date = Field(index=True)
    referral_reason: str = text_field()
    desired_outcome: str = text_field()
    referrer_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    coordinator_id: int | None = Field(default=None, foreign_key="staff.id", index=True)

    consent_to_refer_by: str = Field(default="", max_length=200)
    consent_to_refer_on: date | None = None
    consent_to_share_by: str = Field(default="", max_length=200)
    consent_to_share_on: date | None = None
    network_contact_consent_by: str = Field(default="", max_length=200)
    network_contact_consent_on: date | None = None

    lbp_date: date | None = Field(default=None, index=True)
    care_application_date: date | None = None
    bottom_lines: str = text_field()
    questions_for_family: str = text_field()
    resources_on_offer: str = text_field()

    language: str = Field(default="en_GB", max_length=16)
    interpreter_needed: bool = False
    cultural_needs: str = text_field()
    access_needs: str = text_field()

    erased_at: datetime | None = instant_field()
    search_text: str = text_field()
    """Lower-case reference, family, children's and network members' names: one column to search."""


class CaseChild(Record, table=True):
    """A child the referral is about; the child is also a Person so they appear in the genogram."""

    __tablename__ = "case_child"
    __table_args__ = (UniqueConstraint("case_id", "person_id"),)

    case_id: int = Field(foreign_key="fgdm_case.id", index=True, ondelete="CASCADE")
    person_id: int = Field(foreign_key="person.id", index=True)
    legal_status: LegalStatus = enum_field(LegalStatus, LegalStatus.FAMILY_HELP)
    due_date: date | None = None
    position: int = 0


class ChildOutcome(Record, table=True):
    """Where a child lives 3, 6 or 12 months after the first agreed plan."""

    __tablename__ = "child_outcome"
    __table_args__ = (UniqueConstraint("case_child_id", "months_after"),)

    case_child_id: int = Field(foreign_key="case_child.id", index=True, ondelete="CASCADE")
    months_after: int
    recorded_on: date
    living: LivingArrangement = enum_field(LivingArrangement)
    note: str = text_field()
