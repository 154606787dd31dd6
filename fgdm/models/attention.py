"""What needs a coordinator's attention about each child, kept beside the records it is worked out from.

Home lists the children whose s.31ZA duty is not yet met, the follow-ups that have fallen due and the plans
past their review. Working these out means reading every pre-proceedings case's offers and decisions, every
agreed plan's children and outcomes, or every agreed plan and whether a later version replaced it: half a
second for a large service's duties. `fgdm.services.shared.attention` works them out for a case
whenever its records change, in the same commit, and home reads them here through an index.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from fgdm.domain.duty import DutyState
from fgdm.models.base import enum_field, text_field


class ChildAttention(SQLModel, table=True):
    """One child's duty state, next follow-up and plan review, as the rules gave them at the last change to
    their case.

    Not a record a person edits: it has no version or audit trail of its own, since the changes it follows
    are audited where they are made.
    """

    __tablename__ = "child_attention"
    __table_args__ = (
        Index("ix_child_attention_duty_state_case_id", "duty_state", "case_id"),
        Index("ix_child_attention_follow_up_due_on_case_id", "follow_up_due_on", "case_id"),
        Index("ix_child_attention_plan_review_on_case_id", "plan_review_on", "case_id"),
    )

    case_child_id: int = Field(primary_key=True, foreign_key="case_child.id", ondelete="CASCADE")
    case_id: int = Field(foreign_key="fgdm_case.id", index=True, ondelete="CASCADE")
    duty_state: DutyState = enum_field(DutyState)
    duty_reason: str = text_field()
    """The rules' reason for the state, in the words the Offers tab gives."""
    follow_up_due_on: date | None = None
    """When the earliest follow-up without an outcome falls due (3, 6 or 12 months after the first agreed
    plan); None when there is no agreed plan or every follow-up is recorded."""
    plan_review_on: date | None = None
    """The review date of the agreed plan for the child's case that no later version has replaced (the
    earliest, should there be two); None when there is none."""
    rules: int = Field(index=True)
    """`fgdm.services.shared.attention.RULES` when worked out: a start finding an older number works it out again."""
