"""The coordinator's own record of a case's work: the contact log and the documents written for the case."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field

from fgdm.domain.enums import ContactMethod, DocumentKind
from fgdm.models.base import Record, enum_field, instant_field, text_field


class CaseNote(Record, table=True):
    """One contact with someone about the case: when, with whom, how, and what was agreed."""

    __tablename__ = "case_note"

    case_id: int = Field(foreign_key="fgdm_case.id", index=True, ondelete="CASCADE")
    noted_on: date = Field(index=True)
    """The day of the contact (not of typing it)."""
    who: str = Field(max_length=200)
    """Who the coordinator spoke to or wrote to, as they would say it ("Mother, Sarah", "Head of year")."""
    method: ContactMethod = enum_field(ContactMethod)
    agreed: str = text_field()
    """What was said and agreed."""
    follow_up_on: date | None = Field(default=None, index=True)
    """When the coordinator means to follow this up: it shows in their week from that day."""
    written_by: str = Field(default="", max_length=64)


class CaseDocument(Record, table=True):
    """A file fgdm wrote for a case: what it is, for whom, where it went, and how to write it again."""

    __tablename__ = "case_document"

    case_id: int = Field(foreign_key="fgdm_case.id", index=True, ondelete="CASCADE")
    kind: DocumentKind = enum_field(DocumentKind)
    title: str = Field(max_length=200)
    person_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    """The person it was written for, when it was one person (a letter, their invitation)."""
    recipient: str = Field(default="", max_length=200)
    """Who it is for when that is not one person on file ("Coordinator's copy", "The family")."""
    path: str = Field(max_length=1000)
    generated_at: datetime = instant_field(nullable=False, default_now=True, index=True)
    generated_by: str = Field(default="", max_length=64)
    reprint: str = text_field("{}")
    """What it was written from (as JSON: the letter's kind and language, the plan's version...), to write it
    again from the case as it stands."""
