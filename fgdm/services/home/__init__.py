"""Home: which of my cases are at which stage, the meetings coming up and what needs action today."""

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

__all__ = [
    "PER_STAGE",
    "UPCOMING_DAYS",
    "ActionItem",
    "CaseLine",
    "Contexts",
    "HomeView",
    "StageLines",
    "cases_by_stage",
    "duty_not_met",
    "home",
    "last_unanswered_day",
    "needs_action",
    "stage_cases",
    "upcoming_meetings",
]
