"""Family network support packages: items requested, approved, paid or declined, and the spend against the budget."""

from fgdm.services.support._support import (
    BudgetView,
    SupportItemInput,
    SupportItemView,
    SupportTotals,
    add_item,
    approve_item,
    budget_view,
    case_support,
    case_support_with_choices,
    categories,
    decline_item,
    list_items,
    need_identified,
    pay_item,
    schedule_of,
    update_item,
)

__all__ = [
    "BudgetView",
    "SupportItemInput",
    "SupportItemView",
    "SupportTotals",
    "add_item",
    "approve_item",
    "budget_view",
    "case_support",
    "case_support_with_choices",
    "categories",
    "decline_item",
    "list_items",
    "need_identified",
    "pay_item",
    "schedule_of",
    "update_item",
]
