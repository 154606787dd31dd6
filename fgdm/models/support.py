"""Family network support package items: the practical and financial help behind a plan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Index, String
from sqlmodel import Field

from fgdm.domain.enums import Frequency, SupportStatus
from fgdm.models.base import Record, enum_field, money_field, text_field


class SupportItem(Record, table=True):
    __tablename__ = "support_item"
    # On PostgreSQL the index carries the rest of home's line, so home's oldest 50 requests are read from it alone.
    __table_args__ = (Index("ix_support_item_status_requested_on", "status", "requested_on",
                            postgresql_include=["case_id", "category", "amount"]),)

    case_id: int = Field(foreign_key="fgdm_case.id", index=True, ondelete="CASCADE")
    category: str = Field(sa_type=String(32), index=True)
    """A code from the council's configured list (``Settings.support_categories``), which holds its label."""
    description: str = text_field()
    recipient_member_id: int | None = Field(default=None, foreign_key="network_member.id")
    plan_action_id: int | None = Field(default=None, foreign_key="plan_action.id")
    amount: Decimal = money_field()
    frequency: Frequency = enum_field(Frequency, Frequency.ONE_OFF)
    start_date: date | None = None
    end_date: date | None = None
    status: SupportStatus = enum_field(SupportStatus, SupportStatus.REQUESTED, index=True)
    requested_on: date = Field(index=True)
    approved_by_id: int | None = Field(default=None, foreign_key="staff.id")
    approved_on: date | None = Field(default=None, index=True)
    paid_on: date | None = Field(default=None, index=True)
    declined_reason: str = text_field()
    approval_exception: str = text_field()
