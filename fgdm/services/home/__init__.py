"""Home: which of my cases are at which stage, the meetings coming up and what needs action today; and my week."""

from fgdm.services.home._lists import (
    PER_STAGE,
    UPCOMING_DAYS,
    ActionItem,
    CaseLine,
    Contexts,
    HomeView,
    StageLines,
    cases_by_stage,
    duty_not_met,
    home,
    last_unanswered_day,
    needs_action,
    stage_cases,
    upcoming_meetings,
)
from fgdm.services.home._week import WeekSection, WeekView, my_week, week_of

__all__ = [
    "PER_STAGE",
    "UPCOMING_DAYS",
    "ActionItem",
    "CaseLine",
    "Contexts",
    "HomeView",
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
