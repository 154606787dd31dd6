"""Decisions in a case file arrive as requests and drafts unless an administrator imports them as records.

A case file is text anyone can write. Taken at its word, a file could bring in a support item already
approved by a manager and paid, a plan the referrer never agreed, an answer a parent never gave or a
best-interests decision nobody made. So an import keeps the facts and the wording but not the decisions:
approvals and payments become requests, agreed or not-agreed plans become drafts, offer answers become
awaiting an answer, and best-interests decisions are left out to be recorded again by a manager. An
administrator moving a council's own records between its databases imports them as records instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

_SUPPORT_DECISIONS = ("approved_by", "approved_on", "paid_on", "approval_exception")
_PLAN_DECISIONS = ("decision_by", "decision_on", "not_agreed_reason", "not_agreed_detail")


def _items(document: dict[str, Any], key: str) -> list[dict[str, Any]]:
    found = document.get(key)
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []


def _changed(document: dict[str, Any], key: str, change: Callable[[dict[str, Any]], dict[str, Any] | None]) -> None:
    """The document's list under ``key`` with each object that ``change`` changes replaced by the copy it returns.

    Nothing the caller handed in is changed, and only what changes is copied: copying whole case files took a
    tenth of a 1,000-file import, and copying their decided parts whole a twentieth.
    """
    found = document.get(key)
    if not isinstance(found, list):
        return
    copied = []
    for item in found:
        replaced = change(item) if isinstance(item, dict) else None
        copied.append(item if replaced is None else replaced)
    document[key] = copied


def _without(item: dict[str, Any], keys: tuple[str, ...], **values: Any) -> dict[str, Any]:
    """A copy of the item without ``keys`` and with ``values``, in the item's own order of keys."""
    copied = {key: value for key, value in item.items() if key not in keys}
    copied.update(values)
    return copied


def _latest_plan_as_draft(document: dict[str, Any], changed: Counter[str]) -> None:
    """Only the latest plan version comes in, as a draft: a case has one draft at most, and it is the latest, so
    the versions decided before it cannot be kept without keeping their decisions."""
    plans = _items(document, "plans")
    if not any(plan.get("status") in ("agreed", "not_agreed") for plan in plans):
        return
    latest = max(plans, key=lambda plan: plan.get("version_no") or 0)
    dropped = [plan for plan in plans if plan is not latest]
    gone = {action.get("id") for plan in dropped for action in _items(plan, "actions")}
    if latest.get("status") != "draft":
        latest = _without(latest, _PLAN_DECISIONS, status="draft")
        changed["the latest plan version is now a draft for the referrer to decide"] += 1
    latest = {**latest, "version_no": 1, "based_on_id": None}
    _changed(latest, "actions", lambda action: {**action, "carried_from_id": None}
             if action.get("carried_from_id") in gone else None)
    document["plans"] = [latest]
    _changed(document, "support", lambda item: {**item, "plan_action_id": None}
             if item.get("plan_action_id") in gone else None)
    if dropped:
        changed["earlier plan versions were left out with their decisions"] += len(dropped)


def as_requests(document: dict[str, Any]) -> tuple[dict[str, Any], Counter[str]]:
    """A copy of a checked case file with its decisions made undecided, and a count of each kind changed; what
    it does not change it shares with the file given."""
    changed: Counter[str] = Counter()
    document = dict(document)

    def requested(item: dict[str, Any]) -> dict[str, Any] | None:
        if item.get("status") not in ("approved", "paid"):
            return None
        changed["support approvals and payments are now requests"] += 1
        return _without(item, _SUPPORT_DECISIONS, status="requested")

    def pending(offer: dict[str, Any]) -> dict[str, Any] | None:
        if offer.get("response") in (None, "pending"):
            return None
        changed["offer answers are now awaiting an answer"] += 1
        return _without(offer, ("response_on",), response="pending")

    _changed(document, "support", requested)
    _latest_plan_as_draft(document, changed)
    _changed(document, "offers", pending)
    exceptions = _items(document, "exceptions")
    if exceptions:
        document["exceptions"] = []
        changed["best-interests decisions were left out, for a manager to record"] += len(exceptions)
    return document, changed
