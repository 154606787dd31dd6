"""Kinds of support come from the council's settings: offered in forms, checked on save and import, labelled
everywhere, and broken down in the budget view and the quarterly return."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from fgdm.config import Settings
from fgdm.domain.support_categories import CODE_PATTERN, DEFAULT_SUPPORT_CATEGORIES
from fgdm.domain.support_money import Quarter
from fgdm.services import case_file, reports, support
from fgdm.services.case_file import case_file_schema
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import ValidationFailed
from tests.factories import make_case
from tests.services.plans.test_plans_fixtures import hold_meeting

COUNCIL = {"travel": "Travel", "gym_membership": "Gym membership", "other": "Something else"}


@pytest.fixture
def council(ctx: ServiceContext) -> ServiceContext:
    """The ``ctx`` of a council that funds gym memberships and calls "other" by its own name."""
    ctx.settings = Settings(database_url=ctx.settings.database_url, support_categories=COUNCIL,
                            support_budget_per_quarter=Decimal("1000.00"),
                            support_budget_by_quarter={"2026-q2": Decimal("5000")})
    return ctx


def _item(ctx: ServiceContext, case_id: int, category: str, amount: str = "40.00") -> int:
    return support.add_item(ctx, case_id, {"category": category, "description": "Membership for the aunt",
                                           "amount": amount}).id  # type: ignore[return-value]


def test_the_default_list_is_the_guidance_list(ctx: ServiceContext) -> None:
    assert support.categories(ctx) == list(DEFAULT_SUPPORT_CATEGORIES.items())
    assert len(DEFAULT_SUPPORT_CATEGORIES) == 11


def test_a_council_category_is_offered_saved_and_labelled(council: ServiceContext) -> None:
    case = make_case(council)
    assert support.categories(council) == list(COUNCIL.items())
    _item(council, case.id, "gym_membership")
    _item(council, case.id, "other")
    assert [view.category for view in support.list_items(council, case.id)] == ["Gym membership",
                                                                               "Something else"]


def test_a_category_the_council_does_not_offer_is_refused_with_the_choices(council: ServiceContext) -> None:
    case = make_case(council)
    with pytest.raises(ValidationFailed) as caught:
        _item(council, case.id, "childcare")
    assert caught.value.errors["category"] == ("'childcare' is not a kind of support this service offers; "
                                               "choose one of: travel, gym_membership, other")
    assert support.list_items(council, case.id) == []


def test_an_item_keeps_a_category_the_council_has_since_retired(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    item_id = _item(ctx, case.id, "car_seat")
    ctx.settings = Settings(database_url=ctx.settings.database_url, support_categories=COUNCIL)
    [view] = support.list_items(ctx, case.id)
    assert view.category == "Car seat"
    changed = support.update_item(ctx, item_id, {"category": "car_seat", "description": "Two car seats",
                                                 "amount": "80.00"})
    assert (changed.category, changed.description) == ("car_seat", "Two car seats")
    with pytest.raises(ValidationFailed, match="category"):
        support.update_item(ctx, item_id, {"category": "uniform", "description": "Shoes", "amount": "20"})


@pytest.mark.parametrize(("categories", "message"), [
    ({}, "at least one kind of support"),
    ({"Gym Membership": "Gym"}, "lower-case letters"),
    ({"gym": "  "}, "has no label"),
    ({"x" * 33: "Too long"}, "at most 32 characters"),
])
def test_a_bad_category_setting_is_refused_naming_the_fix(categories: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Settings(support_categories=categories)


def test_a_quarter_can_have_its_own_budget() -> None:
    settings = Settings(support_budget_per_quarter=Decimal("1000"), support_budget_by_quarter={"2026-q3": 5000})
    assert settings.support_budget(Quarter(2026, 3)) == Decimal("5000")
    assert settings.support_budget(Quarter(2026, 4)) == Decimal("1000")
    with pytest.raises(ValidationError, match="YEAR-QN"):
        Settings(support_budget_by_quarter={"autumn": 5000})


def test_the_budget_view_breaks_spend_down_by_the_council_categories(council: ServiceContext) -> None:
    case = make_case(council)
    hold_meeting(council, case.id)
    gym = _item(council, case.id, "gym_membership", "40.00")
    support.approve_item(council, gym)
    _item(council, case.id, "travel", "12.50")
    view = support.budget_view(council, Quarter.of(date(2026, 11, 23)))
    assert view.budget == Decimal("1000.00")
    assert [(k.category, k.approved, k.requested) for k in view.categories] == [
        ("Travel", Decimal("0.00"), Decimal("12.50")), ("Gym membership", Decimal("40.00"), Decimal("0.00"))]
    assert support.budget_view(council, "2026-Q2").budget == Decimal("5000")


def test_the_quarterly_return_breaks_support_down_by_the_council_categories(council: ServiceContext) -> None:
    ids = [measure.id for measure in reports.list_measures(council)]
    assert "support_approved.gym_membership" in ids
    assert "support_approved.childcare" not in ids


def test_an_import_naming_a_category_the_service_does_not_offer_is_refused(
        council: ServiceContext, tmp_path: Path) -> None:
    case = make_case(council, reference="FG-CAT-1")
    _item(council, case.id, "gym_membership")
    exported = case_file.export_case(council, case.id)
    exported["case"]["reference"] = "FG-CAT-2"
    exported["case"]["uid"] = "00000000-0000-4000-8000-00000000cafe"
    exported["support"][0]["category"] = "yacht"
    with pytest.raises(ValidationFailed) as caught:
        case_file.import_case_files(council, [exported], as_records=True)
    [(path, message)] = [(p, m) for p, m in caught.value.errors.items() if "category" in p]
    assert path.endswith("$.support[0].category")
    assert "'yacht' is not a kind of support this service offers" in message
    assert "[support_categories] in config.toml" in message


def test_the_case_file_schema_accepts_the_same_codes_as_the_settings() -> None:
    rule = case_file_schema()["$defs"]["SupportCategory"]
    assert (rule["type"], rule["pattern"], rule["maxLength"]) == ("string", CODE_PATTERN, 32)
    assert all(code in rule["description"] for code in DEFAULT_SUPPORT_CATEGORIES)
