"""The Offers & letters tab of a case; a placeholder until the Offers & letters capability lands."""

from __future__ import annotations

from fgdm.tui.widgets.case_tab import UnavailableTab


class OffersTab(UnavailableTab):
    CAPABILITY = "Offers and letters"
