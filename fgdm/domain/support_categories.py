"""The kinds of support a council funds: a list each council configures, not a closed set.

Councils fund different things (one adds "gym membership", another splits "travel" into fares and fuel),
so a support item stores a short code and the council's settings give each code its label. The default
list is the one the Families First guidance names. A code removed from the settings stays readable on old
items (its label is made from the code) but can no longer be chosen for a new request.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

DEFAULT_SUPPORT_CATEGORIES: dict[str, str] = {
    "travel": "Travel",
    "childcare": "Childcare",
    "beds_and_furniture": "Beds and furniture",
    "car_seat": "Car seat",
    "uniform": "Uniform",
    "appliances": "Appliances",
    "activities": "Activities",
    "bought_in_support": "Bought in support",
    "loss_of_earnings": "Loss of earnings",
    "housing_deposit": "Housing deposit",
    "other": "Other",
}
"""Labels are also the msgids of the plan catalogs, so a printed plan shows them in the family's language."""

CODE_PATTERN = r"^[a-z][a-z0-9_]{0,31}$"
"""Codes are stored in a 32-character column and appear in exports and the quarterly return's line ids."""

_CODE = re.compile(CODE_PATTERN)


def code_problem(code: str) -> str | None:
    """Why a code cannot name a category, or None when it can."""
    if not _CODE.match(code):
        return (f"{code!r} is not a usable code; use lower-case letters, digits and underscores, starting with "
                "a letter, at most 32 characters (for example gym_membership)")
    return None


def label_of(categories: Mapping[str, str], code: str) -> str:
    """The council's label for a code, or one made from the code for a category no longer offered."""
    return categories.get(code) or code.replace("_", " ").capitalize()


def choice_problem(categories: Mapping[str, str], code: str) -> str | None:
    """Why a code cannot be chosen for a request now, naming the choices, or None when it can."""
    if code in categories:
        return None
    return f"{code!r} is not a kind of support this service offers; choose one of: {', '.join(categories)}"
