"""Each pre-proceedings child's id in the case system and their pre-proceedings episode, for the CIN census.

Drawn from a generator of the case's own (seeded by the case id), so adding them leaves every other row of a
seed's service as it was. A few hard cases leave an item unrecorded (`CaseSpec.census_gaps`) so that the
census's queries have something to show: no decision date (9000Q), no count of review meetings (9015Q); an
offer accepted and no meeting yet is 9010Q on its own.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from fgdm.demo.casework import CaseSpec, Timeline
from fgdm.demo.family import Family
from fgdm.demo.rows import Rows
from fgdm.domain.enums import CaseStatus, ClosureReason, PreProceedingsOutcome
from fgdm.models import Person, PreProceedingsEpisode

STEPPED_DOWN = (ClosureReason.PLAN_COMPLETED, ClosureReason.FAMILY_DECLINED, ClosureReason.REFERRAL_WITHDRAWN,
                ClosureReason.NOT_IN_BEST_INTERESTS, ClosureReason.OTHER)


def la_child_id(person_id: int) -> str:
    """A fictional case-system id: within the census's 10 characters and one person's only."""
    return f"DEMO{person_id:06d}"


def add_episodes(rows: Rows, case_id: int, spec: CaseSpec, family: Family, line: Timeline, today: date) -> None:
    """Every child of a pre-proceedings case: an LAchildID and one episode, dated in the order the census
    checks (decision, letter, initial meeting, step decision, court application, letter initiating it)."""
    if spec.lbp_date is None:
        return
    rng = random.Random(case_id)
    lbp = spec.lbp_date
    decided = lbp - timedelta(days=rng.randint(3, 14))
    initial = lbp + timedelta(days=rng.randint(10, 25))
    ended = line.closed_on
    if initial > (ended or today):
        initial = None
    step, outcome, letter = _ending(rng, spec, ended, decided, today)
    reviews = None
    if initial is not None and "reviews" not in spec.census_gaps:
        reviews = min(3, ((step or today) - initial).days // 42)
    for child in family.children:
        rows.update(Person, child.person_id, la_child_id=la_child_id(child.person_id))
        rows.add(PreProceedingsEpisode, case_id=case_id, case_child_id=child.case_child_id,
                 pp_start_date=None if "decision" in spec.census_gaps else decided,
                 initial_pp_meeting_date=initial, review_meetings_count=reviews, step_decision_date=step,
                 pp_outcome=outcome, letter_init_cp_date=letter, notes="")


def _ending(rng: random.Random, spec: CaseSpec, ended: date | None, decided: date, today: date,
            ) -> tuple[date | None, PreProceedingsOutcome | None, date | None]:
    """The step decision, the outcome and the letter initiating proceedings, for a case that has ended."""
    if spec.stage is not CaseStatus.CLOSED or ended is None:
        return None, None, None
    if spec.closure is ClosureReason.PROCEEDINGS_ISSUED:
        step = max(decided, ended - timedelta(days=rng.randint(3, 15)))
        return step, PreProceedingsOutcome.A, min(today, ended + timedelta(days=rng.randint(0, 5)))
    outcome = PreProceedingsOutcome.B if spec.closure in STEPPED_DOWN else PreProceedingsOutcome.C
    return max(decided, ended), outcome, None
