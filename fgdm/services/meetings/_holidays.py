"""England and Wales bank holidays as data: shipped with fgdm, and updatable from a file without a release.

The shipped list covers 2024 to 2028. A manager updates it from a GOV.UK ``bank-holidays.json`` download
(or a file in fgdm's own shape); the update is kept in the data folder and overrides the shipped years it
covers, so a later release's list and a local correction both hold.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from fgdm.config import data_dir
from fgdm.domain.enums import StaffRole
from fgdm.files import replacing, write_private_text
from fgdm.services.shared import access, audit_trail
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import ValidationFailed

DIVISION = "england-and-wales"
UPDATE_FILE = "bank_holidays.json"


def _shipped() -> dict[date, str]:
    text = resources.files("fgdm").joinpath("data", "bank_holidays.json").read_text(encoding="utf-8")
    return _parse(json.loads(text))


def update_path() -> Path:
    return data_dir() / UPDATE_FILE


def _parse(document: Any) -> dict[date, str]:
    """Read fgdm's shape ({"events": [...]}) or GOV.UK's ({"england-and-wales": {"events": [...]}})."""
    if isinstance(document, dict) and DIVISION in document:
        document = document[DIVISION]
    events = document.get("events") if isinstance(document, dict) else None
    if not isinstance(events, list) or not events:
        raise ValidationFailed.one("file", "has no bank holidays: expected GOV.UK's bank-holidays.json, "
                                           'or {"events": [{"date": "2029-01-01", "title": "New Year’s Day"}]}')
    holidays: dict[date, str] = {}
    for position, event in enumerate(events, start=1):
        try:
            day = date.fromisoformat(str(event["date"]))
            title = str(event["title"]).strip()
        except (KeyError, TypeError, ValueError):
            raise ValidationFailed.one(f"events.{position}", "needs a date written YYYY-MM-DD and a title, "
                                                             'for example {"date": "2029-01-01", '
                                                             '"title": "New Year’s Day"}') from None
        holidays[day] = title or "Bank holiday"
    return holidays


def bank_holidays() -> dict[date, str]:
    """Every known bank holiday: the shipped list, with the years of any local update replaced."""
    holidays = _shipped()
    path = update_path()
    if path.is_file():
        updated = _parse(json.loads(path.read_text(encoding="utf-8")))
        years = {day.year for day in updated}
        holidays = {day: title for day, title in holidays.items() if day.year not in years} | updated
    return dict(sorted(holidays.items()))


def update_bank_holidays(ctx: ServiceContext, source: Path) -> dict[date, str]:
    """Replace the years a file covers with its bank holidays; returns what the file held."""
    access.require_role(ctx, StaffRole.MANAGER, StaffRole.ADMINISTRATOR, doing="update the bank holiday list")
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationFailed.one("file", f"cannot read {source} as JSON ({error}); give GOV.UK's "
                                           "bank-holidays.json or a file in the same shape") from None
    incoming = _parse(document)
    path = update_path()
    kept: dict[date, str] = {}
    if path.is_file():
        kept = _parse(json.loads(path.read_text(encoding="utf-8")))
        years = {day.year for day in incoming}
        kept = {day: title for day, title in kept.items() if day.year not in years}
    merged = dict(sorted((kept | incoming).items()))
    with replacing(True):  # fgdm's own copy, kept up to date: not an output the user named
        write_private_text(path, json.dumps({"division": DIVISION, "events": [
            {"date": day.isoformat(), "title": title} for day, title in merged.items()]}, ensure_ascii=False,
            indent=2))
    with ctx.write() as session:
        audit_trail.record_event(session, action="update_bank_holidays", table_name="bank_holidays",
                                 record_id=None, case_id=None,
                                 details={"source": str(source), "count": len(incoming),
                                          "years": sorted({day.year for day in incoming})})
    return incoming


__all__ = ["bank_holidays", "update_bank_holidays", "update_path"]
