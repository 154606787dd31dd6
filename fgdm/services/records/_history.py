"""A case's history: the audit events of the case, newest first, in words a coordinator reads."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam
from sqlmodel import col, select

from fgdm.models import AuditEvent
from fgdm.services.shared import access
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.lookups import columns

_RECORD_NAMES = {
    "fgdm_case": "case", "case_child": "child", "person": "person", "network_member": "network member",
    "relationship": "relationship", "agency": "agency", "meeting": "meeting", "meeting_attendee": "invitee",
    "fgdm_offer": "offer", "best_interests_exception": "best-interests decision", "letter_record": "letter",
    "family_plan": "family plan", "plan_action": "plan action", "plan_question": "plan question",
    "plan_distribution": "plan copy sent", "support_item": "support item", "child_outcome": "child outcome",
    "case_share": "case share", "warning_override": "accepted warning",
}
_VERBS = {"create": "added", "update": "changed", "delete": "removed"}
_HIDDEN_FIELDS = {"search_text"}
_UNSUMMARISED = frozenset(_VERBS) - {"update"}
"""Actions `_summary` says nothing more of: their changes need not be read."""


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str
    record: str
    summary: str


def _summary(action: str, changes: dict[str, object]) -> str:
    """The changed fields (with old and new values for an update), or the event's own details."""
    if action == "update":
        return "; ".join(f"{name.replace('_', ' ')}: {old or '—'} → {new or '—'}" for name, (old, new) in
                         ((name, value) for name, value in changes.items()
                          if name not in _HIDDEN_FIELDS and isinstance(value, list) and len(value) == 2))
    if action in _VERBS:
        return ""
    return "; ".join(f"{name.replace('_', ' ')}: {value}" for name, value in changes.items()
                     if name not in _HIDDEN_FIELDS)


def case_history(ctx: ServiceContext, case_id: int, *, limit: int = 500) -> list[HistoryEntry]:
    """Who did what to the case and everything in it, newest first; readable by whoever may open the case."""
    access.check_read(ctx, case_id)
    entries = []
    for at, actor, action, table_name, text in columns(ctx.session, _EVENTS, {"case_id": case_id, "limit": limit}):
        if action in _UNSUMMARISED:
            summary = ""  # the record's whole first (or last) state: not shown, so not parsed
        else:
            try:
                changes = json.loads(text or "{}")
            except ValueError:
                changes = {}
            summary = _summary(action, changes if isinstance(changes, dict) else {})
        if action == "update" and not summary:
            continue  # only the search index changed: nothing a person did
        record = _RECORD_NAMES.get(table_name, table_name.replace("_", " "))
        verb = _VERBS.get(action, action.replace("_", " "))
        entries.append(HistoryEntry(at=at, actor=actor, action=verb, record=record, summary=summary))
    return entries


# The columns shown, not whole events, in a select built once: the History tab reads it on every opening of a case.
_EVENTS = (select(AuditEvent.at, AuditEvent.actor, AuditEvent.action, AuditEvent.table_name, AuditEvent.changes)
           .where(AuditEvent.case_id == bindparam("case_id"))
           .order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc()).limit(bindparam("limit")))


__all__ = ["HistoryEntry", "case_history"]
