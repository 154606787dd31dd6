"""The append-only audit trail: who changed which record, when, from what to what."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from fgdm.models.base import instant_field, text_field


class AuditEvent(SQLModel, table=True):
    """Written in the same transaction as the change it records; never updated or deleted."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = instant_field(nullable=False, default_now=True, index=True)
    actor: str = Field(max_length=64)
    action: str = Field(max_length=32)
    table_name: str = Field(max_length=64)
    record_id: int | None = None
    case_id: int | None = Field(default=None, index=True)
    changes: str = text_field("{}")
    login: str | None = Field(default=None, max_length=64)
    """The database login that wrote the event (set by the server on PostgreSQL; none on SQLite)."""
