"""A case's history: the audit events of the case, newest first, in words a coordinator reads."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import bindparam
from sqlmodel import col, select

from fgdm.domain import enums
from fgdm.i18n import format_day, format_instant, format_money
from fgdm.models import AuditEvent, NetworkMember, Person, Staff
from fgdm.services.shared import access
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.lookups import columns, keyed

_RECORD_NAMES = {
    "fgdm_case": "case", "case_child": "child", "person": "person", "network_member": "network member",
    "relationship": "relationship", "agency": "agency", "meeting": "meeting", "meeting_attendee": "invitee",
    "fgdm_offer": "offer", "best_interests_exception": "best-interests decision", "letter_record": "letter",
    "family_plan": "family plan", "plan_action": "plan action", "plan_question": "plan question",
    "plan_distribution": "plan copy sent", "support_item": "support item", "child_outcome": "child outcome",
    "case_share": "case share", "warning_override": "accepted warning",
}
_VERBS = {"create": "added", "update": "changed", "delete": "removed"}
_HIDDEN_FIELDS = {"search_text", "version", "updated_at"}
_FIELD_LABELS = {
    "ical_sequence": "calendar version", "ical_uid": "calendar event", "lbp_date": "letter before proceedings",
    "la_child_id": "child's id in the case system", "starts_at": "starts", "ends_at": "ends",
    "moved_from_starts_at": "was to start", "moved_from_ends_at": "was to end",
    "venue_id": "venue", "network_member_id": "network member", "staff_id": "staff member",
    "recipient_member_id": "for whom", "who_member_id": "who", "plan_lead_member_id": "plan lead",
    "plan_action_id": "plan action", "approved_by_id": "approved by", "referrer_id": "referrer",
    "coordinator_id": "coordinator", "manager_id": "manager", "case_child_id": "child",
}
"""Columns whose name is not already the coordinator's word for them; any other reads as its name in words."""
_STAFF_FIELDS = frozenset({"approved_by_id", "referrer_id", "coordinator_id", "manager_id", "staff_id"})
_MEMBER_FIELDS = frozenset({"network_member_id", "recipient_member_id", "who_member_id", "plan_lead_member_id"})
_ENUM_LABELS = {member.value: member.label for enum in vars(enums).values()
                if isinstance(enum, type) and issubclass(enum, enums.LabelledEnum) and enum is not enums.LabelledEnum
                for member in enum}
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_UNSUMMARISED = frozenset(_VERBS) - {"update"}
"""Actions `_summary` says nothing more of: their changes need not be read."""


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str
    record: str
    summary: str


@dataclass(frozen=True)
class _Names:
    """Who an id names: staff and network members, read once for the whole history."""

    staff: dict[int, str]
    members: dict[int, str]


def _label(name: str) -> str:
    return _FIELD_LABELS.get(name, name.removesuffix("_id").replace("_", " "))


def _value(name: str, value: object, names: _Names) -> str:
    """A stored value as the coordinator knows it: a name for an id, a date in words, a label for a code."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) and name in _STAFF_FIELDS:
        return names.staff.get(value, "someone no longer on the staff list")
    if isinstance(value, int) and name in _MEMBER_FIELDS:
        return names.members.get(value, "someone no longer in the network")
    if isinstance(value, str):
        if _ISO_DAY.match(value):
            return format_day(date.fromisoformat(value))
        if _ISO_INSTANT.match(value):
            return format_instant(datetime.fromisoformat(value))
        if name == "amount":
            return format_money(Decimal(value))
        return _ENUM_LABELS.get(value, value)
    return str(value)


def _summary(action: str, changes: dict[str, object], names: _Names) -> str:
    """The changed fields (with old and new values for an update), or the event's own details, in words."""
    if action == "update":
        return "; ".join(f"{_label(name)}: {_value(name, old, names)} → {_value(name, new, names)}"
                         for name, (old, new) in ((name, value) for name, value in changes.items()
                                                  if name not in _HIDDEN_FIELDS and isinstance(value, list)
                                                  and len(value) == 2))
    if action in _VERBS:
        return ""
    return "; ".join(f"{_label(name)}: {_value(name, value, names)}" for name, value in changes.items()
                     if name not in _HIDDEN_FIELDS)


def _names(ctx: ServiceContext, events: list[dict[str, object]]) -> _Names:
    staff_ids, member_ids = set(), set()
    for changes in events:
        for name, value in changes.items():
            values = value if isinstance(value, list) else [value]
            ints = [item for item in values if isinstance(item, int) and not isinstance(item, bool)]
            if name in _STAFF_FIELDS:
                staff_ids.update(ints)
            elif name in _MEMBER_FIELDS:
                member_ids.update(ints)
    members = {member_id: person.full_name for member_id, person in keyed(
        ctx.session, select(NetworkMember.id, Person).join(Person, col(Person.id) == NetworkMember.person_id),
        NetworkMember.id, member_ids)}
    return _Names(staff=keyed(ctx.session, select(Staff.id, Staff.name), Staff.id, staff_ids), members=members)


def case_history(ctx: ServiceContext, case_id: int, *, limit: int = 500) -> list[HistoryEntry]:
    """Who did what to the case and everything in it, newest first; readable by whoever may open the case."""
    access.check_read(ctx, case_id)
    rows = []
    for at, actor, action, table_name, text in columns(ctx.session, _EVENTS, {"case_id": case_id, "limit": limit}):
        changes: object = {}
        if action not in _UNSUMMARISED:  # a record's whole first (or last) state is not shown, so not parsed
            try:
                changes = json.loads(text or "{}")
            except ValueError:
                changes = {}
        rows.append((at, actor, action, table_name, changes if isinstance(changes, dict) else {}))
    names = _names(ctx, [changes for *_, changes in rows])
    entries = []
    for at, actor, action, table_name, changes in rows:
        summary = "" if action in _UNSUMMARISED else _summary(action, changes, names)
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
