"""Home: which of my cases are at which stage, the meetings coming up and what needs action today; and my week.

What home shows (`_view`) is plain data and imported at once; the reads that fill it use the database layer and
are imported on first use, so the workbench's first frame (`glance`) can be drawn before that layer is loaded.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from fgdm.services.home._view import (
    PER_STAGE,
    UPCOMING_DAYS,
    ActionItem,
    CaseLine,
    HomeView,
    StageGroup,
    StageLines,
)

if TYPE_CHECKING:
    from fgdm.services.home._lists import (
        Contexts,
        cases_by_stage,
        duty_not_met,
        home,
        last_unanswered_day,
        needs_action,
        stage_cases,
        upcoming_meetings,
    )
    from fgdm.services.home._week import WeekSection, WeekView, my_week, week_of

_READS = {
    **dict.fromkeys(("Contexts", "cases_by_stage", "duty_not_met", "home", "last_unanswered_day", "needs_action",
                     "stage_cases", "upcoming_meetings"), "fgdm.services.home._lists"),
    **dict.fromkeys(("WeekSection", "WeekView", "my_week", "week_of"), "fgdm.services.home._week"),
}


def __getattr__(name: str) -> Any:
    """The reads, imported the first time one is asked for (PEP 562)."""
    if name not in _READS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_READS[name]), name)
    globals()[name] = value
    return value


__all__ = [
    "PER_STAGE",
    "UPCOMING_DAYS",
    "ActionItem",
    "CaseLine",
    "Contexts",
    "HomeView",
    "StageGroup",
    "StageLines",
    "WeekSection",
    "WeekView",
    "cases_by_stage",
    "duty_not_met",
    "home",
    "last_unanswered_day",
    "my_week",
    "needs_action",
    "stage_cases",
    "upcoming_meetings",
    "week_of",
]
