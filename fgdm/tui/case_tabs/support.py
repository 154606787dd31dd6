"""The Support tab of a case; a placeholder until the Support capability lands."""

from __future__ import annotations

from fgdm.tui.widgets.case_tab import UnavailableTab


class SupportTab(UnavailableTab):
    CAPABILITY = "The support package"
