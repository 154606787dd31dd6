"""Subject access requests: the draft answer kept until it is released, with who reviewed it and when.

A draft is made once and released as it stands, so what a manager reviewed is exactly what the person receives;
the records may change in between without changing an answer already checked.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field

from fgdm.models.base import Record, instant_field, text_field


class SubjectAccessDraft(Record, table=True):
    __tablename__ = "subject_access_draft"

    person_id: int = Field(foreign_key="person.id", index=True, ondelete="CASCADE")
    drafted_by: str = Field(max_length=64)
    document: str = text_field()
    """The answer as JSON: the readable document and the machine-readable values beside it."""
    for_review: bool = False
    review_reasons: str = text_field()
    """Why the draft needs a review, one reason a line: for the reviewer, never in the export."""
    reviewed_by: str = Field(default="", max_length=200)
    """Who reviewed the draft (name and role), as the manager who recorded the review gave it."""
    reviewed_on: date | None = None
    review_note: str = text_field()
    review_recorded_by: str = Field(default="", max_length=64)
    review_recorded_at: datetime | None = instant_field()
    released_at: datetime | None = instant_field()
    released_by: str = Field(default="", max_length=64)
