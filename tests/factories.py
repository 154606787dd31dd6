"""Small builders for test data through the services, so tests exercise the same paths users do."""

from __future__ import annotations

from typing import Any

from fgdm.models import Case, Staff
from fgdm.services import cases
from fgdm.services.shared.context import ServiceContext


def make_case(ctx: ServiceContext, **overrides: Any) -> Case:
    data: dict[str, Any] = {
        "family_name": "Okafor",
        "referral_date": "2026-10-01",
        "referral_reason": "Concerns about neglect; family wants to help",
        "children": [{"given_name": "Ada", "date_of_birth": "2018-05-04", "legal_status": "pre_proceedings"}],
    }
    data.update(overrides)
    return cases.create_case(ctx, data)


def make_staff(ctx: ServiceContext, username: str, role: str = "coordinator", **fields: Any) -> Staff:
    with ctx.write() as session:
        staff = Staff(username=username, name=fields.pop("name", username.title()), role=role, **fields)
        session.add(staff)
    return staff
