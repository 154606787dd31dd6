"""Decisions in a case file arrive as requests and drafts unless an administrator imports them as records.

A case file is text anyone can write. Taken at its word, a file could bring in a support item already
approved by a manager and paid, a plan the referrer never agreed, an answer a parent never gave or a
best-interests decision nobody made. So an import keeps the facts and the wording but not the decisions:
approvals and payments become requests, agreed or not-agreed plans become drafts, offer answers become
awaiting an answer, and best-interests decisions are left out to be recorded again by a manager. An
administrator moving a council's own records between its databases imports them as records instead.
"""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any

_SUPPORT_DECISIONS = ("approved_by", "approved_on", "paid_on", "approval_exception")
_PLAN_DECISIONS = ("decision_by", "decision_on", "not_agreed_reason", "not_agreed_detail")


def _items(document: dict[str, Any], key: str) -> list[dict[str, Any]]:
    found = document.get(key)
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []


def _latest_plan_as_draft(document: dict[str, Any], changed: Counter[str]) -> None:
    """Only the latest plan version comes in, as a draft: a case has one draft at most, and it is the latest, so
    the versions decided before it cannot be kept without keeping their decisions."""
    plans = _items(document, "plans")
    if not any(plan.get("status") in ("agreed", "not_agreed") for plan in plans):
        return
    latest = max(plans, key=lambda plan: plan.get("version_no") or 0)
    dropped = [plan for plan in plans if plan is not latest]
    gone = {action.get("id") for plan in dropped for action in _items(plan, "actions")}
    document["plans"] = [latest]
    if latest.get("status") != "draft":
        latest["status"] = "draft"
        for key in _PLAN_DECISIONS:
            latest.pop(key, None)
        changed["the latest plan version is now a draft for the referrer to decide"] += 1
    latest["version_no"], latest["based_on_id"] = 1, None
    for action in _items(latest, "actions"):
        if action.get("carried_from_id") in gone:
            action["carried_from_id"] = None
    for item in _items(document, "support"):
        if item.get("plan_action_id") in gone:
            item["plan_action_id"] = None
    if dropped:
        changed["earlier plan versions were left out with their decisions"] += len(dropped)


_DECIDED = ("support", "plans", "offers")
"""The parts of a case file that hold decisions: the only parts `as_requests` changes."""


def _with_decisions_copied(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of the document that can be changed where decisions are, sharing the rest (people, the network,
    meetings) with the caller's: copying whole case files took a tenth of a 1,000-file import."""
    copied = dict(document)
    for key in _DECIDED:
        if isinstance(copied.get(key), list):
            copied[key] = copy.deepcopy(copied[key])
    return copied


def as_requests(document: dict[str, Any]) -> tuple[dict[str, Any], Counter[str]]:
    """A copy of a checked case file with its decisions made undecided, and a count of each kind changed."""
    changed: Counter[str] = Counter()
    document = _with_decisions_copied(document)
    for item in _items(document, "support"):
        if item.get("status") in ("approved", "paid"):
            item["status"] = "requested"
            for key in _SUPPORT_DECISIONS:
                item.pop(key, None)
            changed["support approvals and payments are now requests"] += 1
    _latest_plan_as_draft(document, changed)
    for offer in _items(document, "offers"):
        if offer.get("response") not in (None, "pending"):
            offer["response"] = "pending"
            offer.pop("response_on", None)
            changed["offer answers are now awaiting an answer"] += 1
    exceptions = _items(document, "exceptions")
    if exceptions:
        document["exceptions"] = []
        changed["best-interests decisions were left out, for a manager to record"] += len(exceptions)
    return document, changed
