"""Reading and changing the council's policy: every member of staff may read it, only an administrator sets it.

Values are typed as an administrator would write them (``750``, ``£1,250.00``, a JSON object for the support
categories) and checked by the same rules as fgdm's defaults before anything is saved; the change is a record,
so the audit trail keeps who changed it, when, and the old and new value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlmodel import col, select

from fgdm.config import POLICY, Settings, setting_descriptions
from fgdm.domain.enums import StaffRole
from fgdm.i18n import format_money
from fgdm.models import AuditEvent, CouncilSetting
from fgdm.services.shared import access
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.council_policy import as_json, with_setting
from fgdm.services.shared.errors import ValidationFailed

LABELS = {
    "service_name": "Service name", "council_name": "Council name", "template_dir": "Template folder",
    "support_budget_per_quarter": "Quarterly support budget", "support_budget_by_quarter": "Budgets of quarters",
    "support_categories": "Support categories", "support_approval_threshold": "Approval threshold",
    "offer_response_working_days": "Days to answer an offer", "meeting_target_weeks": "Weeks to the meeting",
    "retention_years_after_18": "Years kept after 18", "retention_looked_after_age": "Looked after: kept to age",
    "local_solicitors": "Local solicitors", "la_code": "Local authority number",
}
"""Each setting's short name, as a column or a form's field shows it; its description says the rest."""


@dataclass(frozen=True)
class SettingView:
    key: str
    label: str
    description: str
    value: Any
    """The value as plain JSON data (amounts as text), for scripts."""
    text: str
    chosen: bool
    """True when an administrator chose the value; False when it is fgdm's default."""
    changed_at: datetime | None
    changed_by: str


def _description(key: str) -> str:
    return " ".join(setting_descriptions().get(key, "").replace("``", "").split())


def _text(value: Any) -> str:
    """The value as a person reads and types it: money as £1,250.00, lists of pairs in braces."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps({str(k): str(v) if isinstance(v, Decimal) else v for k, v in value.items()},
                          ensure_ascii=False)
    return str(value)


def list_settings(ctx: ServiceContext) -> list[SettingView]:
    """Every policy setting with its value now, whether chosen or fgdm's default, in a fixed order."""
    chosen = {row.key: row for row in ctx.session.exec(select(CouncilSetting))}
    by = dict(ctx.session.exec(select(AuditEvent.record_id, AuditEvent.actor)
                               .where(AuditEvent.table_name == CouncilSetting.__tablename__)
                               .order_by(col(AuditEvent.id))).all())
    return [SettingView(key=key, label=LABELS[key], description=_description(key),
                        value=json.loads(as_json(getattr(ctx.settings, key))),
                        text=_text(getattr(ctx.settings, key)), chosen=key in chosen,
                        changed_at=chosen[key].updated_at if key in chosen else None,
                        changed_by=by.get(chosen[key].id, "") if key in chosen else "") for key in POLICY]


def _typed(key: str, text: str) -> Any:
    """What an administrator typed, as the value the setting holds (checked afterwards by its own rules)."""
    kind = Settings.model_fields[key].annotation
    cleaned = text.strip()
    if kind is Decimal:
        return cleaned.replace("£", "").replace(",", "")
    if "dict" in str(kind) or "list" in str(kind):
        try:
            return json.loads(cleaned)
        except json.JSONDecodeError:
            raise ValidationFailed.one(key, 'write it as JSON, e.g. {"travel": "Travel"} for the categories or '
                                            '["Name, address, 01632 960000"] for the solicitors') from None
    if key == "template_dir":
        if cleaned and not Path(cleaned).expanduser().is_dir():
            raise ValidationFailed.one(key, f"there is no folder {cleaned}; give the folder that holds the "
                                            "council's own letter and plan templates, or nothing for fgdm's own")
        return cleaned or None
    return cleaned


_KIND_WORDS = {Decimal: "give an amount in pounds, e.g. 500", int: "give a whole number, e.g. 6"}


def _plain_words(key: str, item: Any) -> str:
    """A rule's own message, or for a value of the wrong kind what kind is wanted (not the validator's words)."""
    if item["type"] == "value_error":
        return str(item["msg"]).removeprefix("Value error, ")
    return _KIND_WORDS.get(Settings.model_fields[key].annotation, "give a value of the kind shown by "
                                                                   "fgdm settings show")


def set_setting(ctx: ServiceContext, key: str, text: str) -> SettingView:
    """Choose a policy value for the whole service (administrators only); audited with old and new value."""
    access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="change the council's settings")
    if key not in POLICY:
        raise ValidationFailed.one("setting", f"there is no council setting {key!r}; the settings are: "
                                   + ", ".join(POLICY))
    try:
        settings = with_setting(ctx.settings, key, _typed(key, text))
    except ValidationError as error:
        message = "; ".join(_plain_words(key, item) for item in error.errors())
        raise ValidationFailed.one(key, f"{message} (you wrote {text!r})") from None
    value = as_json(getattr(settings, key))
    with ctx.write() as session:
        row = session.exec(select(CouncilSetting).where(CouncilSetting.key == key)).first()
        if row is None:
            session.add(CouncilSetting(key=key, value=value))
        elif row.value != value:
            row.value = value
    ctx.settings = settings
    return next(view for view in list_settings(ctx) if view.key == key)


def reset_setting(ctx: ServiceContext, key: str) -> SettingView:
    """Go back to fgdm's default for one setting (administrators only); audited."""
    access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="change the council's settings")
    if key not in POLICY:
        raise ValidationFailed.one("setting", f"there is no council setting {key!r}")
    with ctx.write() as session:
        row = session.exec(select(CouncilSetting).where(CouncilSetting.key == key)).first()
        if row is not None:
            session.delete(row)
    ctx.settings = ctx.settings.model_copy(update={key: Settings.model_fields[key].get_default(
        call_default_factory=True)})
    return next(view for view in list_settings(ctx) if view.key == key)
