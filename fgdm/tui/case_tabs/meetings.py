"""The Meetings tab of a case; a placeholder until the Meetings capability lands."""

from __future__ import annotations

from fgdm.tui.widgets.case_tab import UnavailableTab


class MeetingsTab(UnavailableTab):
    CAPABILITY = "Meetings"
