"""Each pre-proceedings episode's CIN census module 5 items, read from the records for many cases at once.

The Offers tab's pre-proceedings panel and the census export both read through here, so the coordinator sees
exactly what the census will say. Whose offer counts for a child comes from the same per-child rule as the
duty (`fgdm.domain.child_parties`, through `duty_facts.DutyRead`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from fgdm.domain.cin_module5 import CaseKnows, EpisodeRecord, Module5, Offer, module5
from fgdm.models import Case, CaseChild, Person, PreProceedingsEpisode, person_name
from fgdm.services.shared.duty_facts import DutyRead


@dataclass(frozen=True)
class EpisodeFacts:
    """One episode with its child, its case, and the census block fgdm makes of it."""

    episode: PreProceedingsEpisode
    case_id: int
    case_reference: str
    case_child_id: int
    child_name: str
    la_child_id: str | None
    block: Module5


def _record(row: PreProceedingsEpisode) -> EpisodeRecord:
    return EpisodeRecord(pp_start_date=row.pp_start_date, initial_pp_meeting_date=row.initial_pp_meeting_date,
                         review_meetings_count=row.review_meetings_count, step_decision_date=row.step_decision_date,
                         pp_outcome=row.pp_outcome, letter_init_cp_date=row.letter_init_cp_date,
                         lbp_sent_date=row.lbp_sent_date, fgdm_meeting_offer=row.fgdm_meeting_offer,
                         fgdm_meeting_fac=row.fgdm_meeting_fac, court_app_date=row.court_app_date)


def _episode_order(row: PreProceedingsEpisode) -> tuple[date, int]:
    return row.pp_start_date or date.min, row.id or 0


def episodes_of(session: Session, case_ids: Sequence[int]) -> list[EpisodeFacts]:
    """Every episode of these cases' children, in each child's order, with its census block."""
    if not case_ids:
        return []
    rows = list(session.exec(select(PreProceedingsEpisode)
                             .where(col(PreProceedingsEpisode.case_id).in_(sorted(set(case_ids))))).all())
    if not rows:
        return []
    cases = {case.id: case for case in session.exec(select(Case).where(col(Case.id).in_(sorted(set(case_ids)))))}
    children = {child_id: (name, la_child_id) for child_id, name, la_child_id in (
        (child_id, person_name(given, family), la_child_id) for child_id, given, family, la_child_id in session.exec(
            select(CaseChild.id, Person.given_name, Person.family_name, Person.la_child_id)
            .join(Person, Person.id == CaseChild.person_id)
            .where(col(CaseChild.case_id).in_(sorted(set(case_ids))))))}
    read = DutyRead.of(session, sorted({row.case_id for row in rows}))
    per_child = read.per_child
    by_child: defaultdict[int, list[PreProceedingsEpisode]] = defaultdict(list)
    for row in rows:
        by_child[row.case_child_id].append(row)
    found = []
    for child_id, episodes in by_child.items():
        episodes.sort(key=_episode_order)
        case = cases[episodes[0].case_id]
        own = set(per_child[child_id].member_ids) if child_id in per_child else set()
        knows = CaseKnows(lbp_date=case.lbp_date, application_date=case.care_application_date,
                          offers=[Offer(o.offered_on, o.in_lbp, o.response) for o in read.offers
                                  if o.case_id == case.id and o.network_member_id in own],
                          meetings_held=read.held[case.id])
        starts = [row.pp_start_date for row in episodes[1:]] + [None]
        name, la_child_id = children[child_id]
        for row, next_start in zip(episodes, starts, strict=True):
            found.append(EpisodeFacts(row, case.id, case.reference, child_id, name, la_child_id,
                                      module5(_record(row), knows, next_start=next_start)))
    return found


def cases_with_episodes(session: Session) -> list[int]:
    """Every case any child of which has a pre-proceedings episode recorded."""
    return sorted(set(session.exec(select(PreProceedingsEpisode.case_id).distinct())))


__all__ = ["EpisodeFacts", "cases_with_episodes", "episodes_of"]
