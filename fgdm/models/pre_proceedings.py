"""A child's pre-proceedings episodes: what the CIN census module 5 asks about each, as the coordinator recorded it.

fgdm derives the letter before proceedings, the offer in it, the meeting that followed and the court application
from the case's own records (`fgdm.domain.cin_module5`); a column here that is set is the coordinator's answer
and wins over what fgdm would derive, for an earlier episode whose letter is not the case's current one.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Field

from fgdm.domain.enums import PreProceedingsOutcome
from fgdm.models.base import Record, enum_field, text_field


class PreProceedingsEpisode(Record, table=True):
    __tablename__ = "pre_proceedings_episode"

    case_id: int = Field(foreign_key="fgdm_case.id", index=True, ondelete="CASCADE")
    case_child_id: int = Field(foreign_key="case_child.id", index=True, ondelete="CASCADE")
    pp_start_date: date | None = Field(default=None, index=True)
    """The legal planning meeting (or other forum) that decided to start pre-proceedings (PPStartDate)."""
    initial_pp_meeting_date: date | None = None
    review_meetings_count: int | None = None
    step_decision_date: date | None = None
    pp_outcome: PreProceedingsOutcome | None = enum_field(PreProceedingsOutcome, nullable=True)
    letter_init_cp_date: date | None = None
    lbp_sent_date: date | None = None
    """Set only where it is not the case's letter before proceedings (an earlier episode's)."""
    fgdm_meeting_offer: bool | None = None
    fgdm_meeting_fac: bool | None = None
    court_app_date: date | None = None
    override_reason: str = text_field()
    """Why a derived item recorded here differs from what the case's records say (required where one does)."""
    notes: str = text_field()
