"""The case's contact log: each phone call, visit, letter or email about the case, and what was agreed.

A coordinator's week is mostly contacts that never become a meeting; recording them on the case (not in a
notebook) lets a colleague pick the case up, and a date to follow up brings it back into the coordinator's
week. Every entry and every change is audited like any other record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import Field, model_validator
from sqlmodel import col, select

from fgdm.domain.enums import ContactMethod
from fgdm.models import CaseNote
from fgdm.services.shared import access
from fgdm.services.shared.concurrency import check_version
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, ValidationFailed
from fgdm.services.shared.inputs import Input, parse, unreal_date


class NoteInput(Input):
    noted_on: date | None = None
    """The day of the contact; today when left out."""
    who: str = Field(min_length=1, max_length=200)
    method: ContactMethod
    agreed: str = Field(min_length=1, max_length=10000)
    follow_up_on: date | None = None

    @model_validator(mode="after")
    def _real_days(self) -> NoteInput:
        for name in ("noted_on", "follow_up_on"):
            day = getattr(self, name)
            problem = unreal_date(day) if day is not None else None
            if problem is not None:
                raise ValueError(f"{name}: {problem}")
        return self


@dataclass(frozen=True)
class NoteView:
    id: int
    version: int
    noted_on: date
    who: str
    method: ContactMethod
    agreed: str
    follow_up_on: date | None
    written_by: str


def _view(note: CaseNote) -> NoteView:
    return NoteView(id=note.id, version=note.version, noted_on=note.noted_on,  # type: ignore[arg-type]
                    who=note.who, method=note.method, agreed=note.agreed, follow_up_on=note.follow_up_on,
                    written_by=note.written_by)


def _checked(ctx: ServiceContext, data: NoteInput | dict[str, Any]) -> tuple[NoteInput, date]:
    values = parse(NoteInput, data)
    noted_on = values.noted_on or ctx.today()
    if noted_on > ctx.today():
        raise ValidationFailed.one("noted_on", "the date of the contact cannot be in the future; record a contact "
                                               "once it has happened, and give a follow-up date for what is planned")
    if values.follow_up_on is not None and values.follow_up_on < noted_on:
        raise ValidationFailed.one("follow_up_on", "the follow-up date is before the contact; give a later date, "
                                                   "or leave it blank")
    return values, noted_on


def add_note(ctx: ServiceContext, case_id: int, data: NoteInput | dict[str, Any]) -> NoteView:
    """Record a contact on the case (audited); the contact's date defaults to today."""
    case = access.case_for_write(ctx, case_id)
    values, noted_on = _checked(ctx, data)
    with ctx.write() as session:
        note = CaseNote(case_id=case.id, noted_on=noted_on, who=values.who, method=values.method,  # type: ignore[arg-type]
                        agreed=values.agreed, follow_up_on=values.follow_up_on, written_by=ctx.actor.username)
        session.add(note)
        session.flush()
        return _view(note)


def update_note(ctx: ServiceContext, note_id: int, data: NoteInput | dict[str, Any], *,
                expected_version: int | None = None) -> NoteView:
    """Correct a contact, or change or clear its follow-up date once it is done (audited, field by field)."""
    with ctx.write() as session:
        note = session.get(CaseNote, note_id)
        if note is None:
            raise NotFound(f"there is no note {note_id}; `fgdm note list --case REF` shows each note's number")
        access.case_for_write(ctx, note.case_id)
        values, noted_on = _checked(ctx, data)
        changes = {"noted_on": noted_on, "who": values.who, "method": values.method, "agreed": values.agreed,
                   "follow_up_on": values.follow_up_on}
        check_version(note, "The note", expected_version, changes)
        for name, value in changes.items():
            setattr(note, name, value)
        session.flush()
        return _view(note)


def list_notes(ctx: ServiceContext, case_id: int) -> list[NoteView]:
    """The case's contacts, the latest first."""
    access.case_for_read(ctx, case_id)
    rows = ctx.session.exec(select(CaseNote).where(CaseNote.case_id == case_id)
                            .order_by(col(CaseNote.noted_on).desc(), col(CaseNote.id).desc())).all()
    return [_view(note) for note in rows]


__all__ = ["NoteInput", "NoteView", "add_note", "list_notes", "update_note"]
