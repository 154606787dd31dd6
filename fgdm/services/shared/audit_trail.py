"""Writes an audit event for every change, inside the flush that makes it, so neither exists alone."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from fgdm.models import (
    AuditEvent,
    Case,
    CaseChild,
    ChildOutcome,
    FamilyPlan,
    Meeting,
    MeetingAttendee,
    PlanAction,
    PlanDistribution,
    PlanQuestion,
    WarningOverride,
)
from fgdm.models.base import Record

SKIPPED_FIELDS = {"version", "created_at", "updated_at"}
KEPT_OUT = {"subject_access_draft": {"document"}}
"""Columns whose value the trail does not copy: a subject access answer is a copy of records the trail already
covers, and a second copy here would outlive the draft's erasure."""

_PARENTS: dict[type, tuple[type, str]] = {
    PlanAction: (FamilyPlan, "plan_id"),
    PlanQuestion: (FamilyPlan, "plan_id"),
    PlanDistribution: (FamilyPlan, "plan_id"),
    MeetingAttendee: (Meeting, "meeting_id"),
    WarningOverride: (Meeting, "meeting_id"),
    ChildOutcome: (CaseChild, "case_child_id"),
}


def plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def case_id_of(session: Session, record: Any) -> int | None:
    if isinstance(record, Case):
        return record.id
    if hasattr(record, "case_id"):
        return record.case_id
    parent = _PARENTS.get(type(record))
    if parent is None:
        return None
    parent_class, key = parent
    with session.no_autoflush:
        owner = session.get(parent_class, getattr(record, key))
    return case_id_of(session, owner) if owner is not None else None


def _changes(record: Any, action: str) -> dict[str, Any]:
    state = inspect(record)
    changes: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in SKIPPED_FIELDS or attr.key in KEPT_OUT.get(record.__tablename__, ()):
            continue
        if action != "update":
            changes[attr.key] = plain(getattr(record, attr.key))
            continue
        history = state.attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if plain(old) != plain(new):
                changes[attr.key] = [plain(old), plain(new)]
    return changes


def _row(session: Session, record: Record, action: str, changes: dict[str, Any]) -> dict[str, Any]:
    return {"at": session.info["clock"](), "actor": session.info.get("actor", "unknown"), "action": action,
            "table_name": record.__tablename__, "record_id": record.id, "case_id": case_id_of(session, record),
            "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True)}


def _after_flush(session: Session, _flush_context: Any) -> None:
    rows = []
    for action, records in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for record in records:
            if not isinstance(record, Record):
                continue
            if action == "update" and not session.is_modified(record, include_collections=False):
                continue
            changes = _changes(record, action)
            if action == "update" and not changes:
                continue
            rows.append(_row(session, record, action, changes))
    if rows:
        session.connection().execute(insert(AuditEvent), rows)


def record_deleted(session: Session, *records: Record) -> None:
    """Audit records about to be deleted by a statement rather than a flush, exactly as a flush would."""
    rows = [_row(session, record, "delete", _changes(record, "delete")) for record in records]
    session.connection().execute(insert(AuditEvent), rows)


def _before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    now = session.info["clock"]()
    for record in session.dirty:
        if isinstance(record, Record) and session.is_modified(record, include_collections=False):
            record.updated_at = now
    for record in session.new:
        if isinstance(record, Record):
            record.created_at = record.updated_at = now


def record_event(session: Session, *, action: str, table_name: str, record_id: int | None,
                 case_id: int | None, details: dict[str, Any]) -> None:
    """An event that is not a row change: an export, a letter generated, a subject access request."""
    session.add(AuditEvent(at=session.info["clock"](), actor=session.info.get("actor", "unknown"),
                           action=action, table_name=table_name, record_id=record_id, case_id=case_id,
                           changes=json.dumps({k: plain(v) for k, v in details.items()}, ensure_ascii=False)))


def attach(session: Session) -> None:
    event.listen(session, "before_flush", _before_flush)
    event.listen(session, "after_flush", _after_flush)
