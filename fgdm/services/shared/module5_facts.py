"""Each pre-proceedings episode's CIN census module 5 items, read from the records for many cases at once.

The Offers tab's pre-proceedings panel and the census export both read through here, so the coordinator sees
exactly what the census will say. Whose offer counts for a child comes from the same per-child rule as the
duty (`fgdm.domain.child_parties`, through `duty_facts.DutyRead`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Protocol

from sqlmodel import Session, col, select

from fgdm.domain.cin_module5 import CaseKnows, EpisodeRecord, Module5, Offer, module5
from fgdm.models import Case, CaseChild, Person, PreProceedingsEpisode, person_name
from fgdm.services.shared.duty_facts import OF_CASES, DutyRead, of_cases


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
    warnings: tuple[str, ...] = ()
    """What the coordinator must correct for the block to say what the records mean: a network member a
    ``parent_of`` tie calls this child's parent but the network does not mark (their offers are not counted)."""


def _record(row: PreProceedingsEpisode) -> EpisodeRecord:
    """The recorded items: the episode's columns of the same names."""
    return EpisodeRecord(**{item.name: getattr(row, item.name) for item in fields(EpisodeRecord)})


def _episode_order(row: PreProceedingsEpisode) -> tuple[date, int]:
    return row.pp_start_date or date.min, row.id or 0


class CaseFacts(Protocol):
    """What an episode's block reads of its case: a case record, or just these columns of it."""

    id: Any
    reference: str
    lbp_date: date | None
    care_application_date: date | None


_EPISODES = {by: select(PreProceedingsEpisode, Person.la_child_id)
             .join(CaseChild, CaseChild.id == PreProceedingsEpisode.case_child_id)
             .join(Person, Person.id == CaseChild.person_id)
             .where(of(PreProceedingsEpisode.case_id)) for by, of in OF_CASES.items()}
"""Built once, as the duty's selects are: building one took as long as running it for one case."""


def read_episodes(session: Session, case_ids: Sequence[int]) -> list[tuple[PreProceedingsEpisode, str | None]]:
    """These cases' episodes, each with its child's LAchildID, in one statement."""
    if not case_ids:
        return []
    by, params = of_cases(sorted(set(case_ids)))
    return [(row, la_child_id) for row, la_child_id in session.exec(_EPISODES[by], params=params).all()]


def blocks_of(episodes: Sequence[tuple[PreProceedingsEpisode, str | None]], cases: Mapping[int, CaseFacts],
              read: DutyRead) -> list[EpisodeFacts]:
    """Each episode's census block, from the episodes read, their cases and the duty's facts of those cases
    (whose offers count for which child, the meetings held)."""
    per_child = read.per_child
    names = {child_id: person_name(given, family) for child_id, _case, _status, _person, given, family
             in read.children}
    offers_by_case: defaultdict[int, list[tuple[int, Offer]]] = defaultdict(list)
    for o in read.offers:
        offers_by_case[o.case_id].append((o.network_member_id, Offer(o.offered_on, o.in_lbp, o.response)))
    by_child: defaultdict[int, list[tuple[PreProceedingsEpisode, str | None]]] = defaultdict(list)
    for row, la_child_id in episodes:
        by_child[row.case_child_id].append((row, la_child_id))
    found = []
    for child_id, own_episodes in by_child.items():
        own_episodes.sort(key=lambda pair: _episode_order(pair[0]))
        case = cases[own_episodes[0][0].case_id]
        parties = per_child.get(child_id)
        own = set(parties.member_ids) if parties is not None else set()
        warning = parties.unmarked_warning(names.get(child_id, "")) if parties is not None else ""
        knows = CaseKnows(lbp_date=case.lbp_date, application_date=case.care_application_date,
                          offers=[offer for member_id, offer in offers_by_case[case.id] if member_id in own],
                          meetings_held=read.held[case.id])
        starts = [row.pp_start_date for row, _id in own_episodes[1:]] + [None]
        for (row, la_child_id), next_start in zip(own_episodes, starts, strict=True):
            found.append(EpisodeFacts(row, case.id, case.reference, child_id, names.get(child_id, ""), la_child_id,
                                      module5(_record(row), knows, next_start=next_start),
                                      (warning,) if warning else ()))
    return found


def episodes_of(session: Session, case_ids: Sequence[int]) -> list[EpisodeFacts]:
    """Every episode of these cases' children, in each child's order, with its census block."""
    episodes = read_episodes(session, case_ids)
    if not episodes:
        return []
    with_episodes = sorted({row.case_id for row, _id in episodes})
    cases = {case.id: case for case in session.exec(select(Case).where(col(Case.id).in_(with_episodes)))}
    return blocks_of(episodes, cases, DutyRead.of(session, with_episodes))


def cases_with_episodes(session: Session) -> list[int]:
    """Every case any child of which has a pre-proceedings episode recorded."""
    return sorted(set(session.exec(select(PreProceedingsEpisode.case_id).distinct())))


__all__ = ["CaseFacts", "EpisodeFacts", "blocks_of", "cases_with_episodes", "episodes_of", "read_episodes"]
