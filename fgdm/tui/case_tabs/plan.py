"""The Plan tab of a case; a placeholder until the Plan capability lands."""

from __future__ import annotations

from fgdm.tui.widgets.case_tab import UnavailableTab


class PlanTab(UnavailableTab):
    CAPABILITY = "The family plan"
