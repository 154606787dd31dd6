"""The Network tab of a case; a placeholder until the Network capability lands."""

from __future__ import annotations

from fgdm.tui.widgets.case_tab import UnavailableTab


class NetworkTab(UnavailableTab):
    CAPABILITY = "The family network"
