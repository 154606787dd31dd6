"""The case lifecycle: the stages in order, what comes next, and the timescales coordinators work to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from fgdm.domain.enums import CaseStatus

STAGES: tuple[CaseStatus, ...] = (
    CaseStatus.REFERRED,
    CaseStatus.PREPARING,
    CaseStatus.MEETING_HELD,
    CaseStatus.PLAN_AGREED,
    CaseStatus.REVIEWING,
    CaseStatus.CLOSED,
)

NEXT_STEP: dict[CaseStatus, str] = {
    CaseStatus.REFERRED: "Hold the baseline with the referrer within 5 working days, then start preparation",
    CaseStatus.PREPARING: "Contact and prepare the network, then hold the FGDM meeting",
    CaseStatus.MEETING_HELD: "Record the family plan and the referrer's agreement",
    CaseStatus.PLAN_AGREED: "Hold the review meeting 6 to 13 weeks after the FGDM meeting",
    CaseStatus.REVIEWING: "Review progress; set the next review or close the case",
    CaseStatus.CLOSED: "Nothing: the case is closed. Reopen it if the family needs another meeting",
}


class LifecycleError(ValueError):
    pass


def next_stage(status: CaseStatus) -> CaseStatus:
    """The stage a case advances to; closing needs a reason, so it is not an ordinary advance."""
    if status in (CaseStatus.REVIEWING, CaseStatus.CLOSED):
        raise LifecycleError(f"a case at '{status.label}' cannot advance; close it with a reason instead"
                             if status is CaseStatus.REVIEWING else "a closed case cannot advance; reopen it first")
    return STAGES[STAGES.index(status) + 1]


def stage_number(status: CaseStatus) -> int:
    return STAGES.index(status) + 1


@dataclass(frozen=True)
class TimescaleWarning:
    code: str
    message: str


def timescale_warnings(*, status: CaseStatus, referral_date: date, today: date,
                       fgdm_meeting_held_on: date | None, target_weeks: int = 8,
                       baseline_held: bool = True) -> list[TimescaleWarning]:
    warnings: list[TimescaleWarning] = []
    if status is CaseStatus.CLOSED:
        return warnings
    age = today - referral_date
    if fgdm_meeting_held_on is None and age > timedelta(weeks=target_weeks):
        warnings.append(TimescaleWarning(
            "meeting_overdue",
            f"{age.days // 7} weeks since referral and no FGDM meeting held (target {target_weeks} weeks)"))
    if status is CaseStatus.REFERRED and not baseline_held and age > timedelta(days=7):
        warnings.append(TimescaleWarning("baseline_overdue",
                                         "no baseline with the referrer within 5 working days of referral"))
    return warnings
