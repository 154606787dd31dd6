"""Family plans, versioned: each review starts a new version and earlier ones stay as they were agreed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from fgdm.domain.enums import ActionStatus, NotAgreedReason, PlanStatus
from fgdm.models.base import Record, enum_field, instant_field, text_field


class FamilyPlan(Record, table=True):
    __tablename__ = "family_plan"
    __table_args__ = (UniqueConstraint("case_id", "version_no"),
                      Index("ix_family_plan_status_review_date", "status", "review_date",
                            postgresql_include=["case_id", "version_no", "id"]),
                      Index("ix_family_plan_status_case_id_decision_on", "status", "case_id", "decision_on"))

    case_id: int = Field(foreign_key="fgdm_case.id", index=True, ondelete="CASCADE")
    version_no: int = 1
    based_on_id: int | None = Field(default=None, foreign_key="family_plan.id", index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    status: PlanStatus = enum_field(PlanStatus, PlanStatus.DRAFT, index=True)
    plan_lead_member_id: int | None = Field(default=None, foreign_key="network_member.id")
    bottom_lines: str = text_field()
    child_views: str = text_field()
    contingency: str = text_field()
    review_date: date | None = Field(default=None, index=True)
    decision_by: str = Field(default="", max_length=200)
    decision_on: date | None = Field(default=None, index=True)
    not_agreed_reason: NotAgreedReason | None = enum_field(NotAgreedReason, nullable=True)
    not_agreed_detail: str = text_field()


class PlanQuestion(Record, table=True):
    """A question the family was asked at the meeting, and their answer."""

    __tablename__ = "plan_question"

    plan_id: int = Field(foreign_key="family_plan.id", index=True, ondelete="CASCADE")
    position: int = 0
    question: str = text_field()
    answer: str = text_field()


class PlanAction(Record, table=True):
    """Who does what, by when, and who checks it."""

    __tablename__ = "plan_action"

    plan_id: int = Field(foreign_key="family_plan.id", index=True, ondelete="CASCADE")
    position: int = 0
    who_member_id: int | None = Field(default=None, foreign_key="network_member.id")
    who_text: str = Field(default="", max_length=200)
    what: str = text_field()
    by_when: date | None = None
    checked_by: str = Field(default="", max_length=200)
    status: ActionStatus = enum_field(ActionStatus, ActionStatus.NOT_STARTED)
    carried_from_id: int | None = Field(default=None, foreign_key="plan_action.id")


class PlanDistribution(Record, table=True):
    """That a copy of a plan version went to someone, and when."""

    __tablename__ = "plan_distribution"

    plan_id: int = Field(foreign_key="family_plan.id", index=True, ondelete="CASCADE")
    person_id: int | None = Field(default=None, foreign_key="person.id")
    recipient_name: str = Field(default="", max_length=200)
    sent_at: datetime = instant_field(nullable=False, default_now=True)
    method: str = Field(default="post", max_length=40)
