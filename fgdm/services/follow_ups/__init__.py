"""Follow-ups: where each child lives 3, 6 and 12 months after the first agreed plan, and which are due."""

from fgdm.services.follow_ups._follow_ups import due_follow_ups, outcomes_of, record_outcome

__all__ = [
    "due_follow_ups",
    "outcomes_of",
    "record_outcome",
]
