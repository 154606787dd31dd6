"""The s.31ZA offer of an FGDM meeting, best-interests exceptions, and the letters generated."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field

from fgdm.domain.enums import ExceptionScope, LetterKind, OfferMethod, OfferResponse
from fgdm.models.base import Record, enum_field, instant_field, text_field


class FgdmOffer(Record, table=True):
    """The offer to one parent or holder of parental responsibility."""

    __tablename__ = "fgdm_offer"

    case_id: int = Field(foreign_key="fgdm_case.id", index=True, ondelete="CASCADE")
    network_member_id: int = Field(foreign_key="network_member.id", index=True)
    offered_on: date = Field(index=True)
    method: OfferMethod = enum_field(OfferMethod, OfferMethod.LETTER)
    in_lbp: bool = False
    response: OfferResponse = enum_field(OfferResponse, OfferResponse.PENDING, index=True)
    response_on: date | None = None
    notes: str = text_field()


class BestInterestsException(Record, table=True):
    """The council's decision that an offer, or holding the meeting, is not in the child's best interests."""

    __tablename__ = "best_interests_exception"

    case_id: int = Field(foreign_key="fgdm_case.id", index=True, ondelete="CASCADE")
    case_child_id: int | None = Field(default=None, foreign_key="case_child.id")
    scope: ExceptionScope = enum_field(ExceptionScope)
    decided_by: str = Field(max_length=200)
    decided_on: date = Field(index=True)
    reason: str = text_field()


class LetterRecord(Record, table=True):
    """That a letter was generated: for whom, from which template version, in which language."""

    __tablename__ = "letter_record"

    case_id: int = Field(foreign_key="fgdm_case.id", index=True, ondelete="CASCADE")
    person_id: int = Field(foreign_key="person.id", index=True)
    kind: LetterKind = enum_field(LetterKind)
    template_name: str = Field(max_length=200)
    template_version: str = Field(max_length=64)
    language: str = Field(max_length=16)
    generated_at: datetime = instant_field(nullable=False, default_now=True)
    generated_by: str = Field(default="", max_length=64)
    filename: str = Field(default="", max_length=500)
