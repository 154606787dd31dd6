"""The CIN census module 5 items of one pre-proceedings episode, derived from what fgdm knows.

The coordinator records the decision to start pre-proceedings, the initial and review meetings, the step
decision, the outcome and the letter initiating proceedings. fgdm knows the rest from the case: the letter
before proceedings and the care application (where their dates fall in the episode), whether one of this child's
own parents or PR holders was offered an FGDM meeting in the letter, and whether a meeting was held after that
offer. Anything the coordinator recorded for one of those wins: an earlier episode's letter is not the case's.
An episode runs from its decision date to the next episode's (of the same child).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from fgdm.domain.enums import OfferResponse, PreProceedingsOutcome


@dataclass(frozen=True)
class EpisodeRecord:
    """What the coordinator recorded of one episode; None is "not recorded"."""

    pp_start_date: date | None
    initial_pp_meeting_date: date | None = None
    review_meetings_count: int | None = None
    step_decision_date: date | None = None
    pp_outcome: PreProceedingsOutcome | None = None
    letter_init_cp_date: date | None = None
    lbp_sent_date: date | None = None
    fgdm_meeting_offer: bool | None = None
    fgdm_meeting_fac: bool | None = None
    court_app_date: date | None = None


@dataclass(frozen=True)
class Offer:
    """An offer to one of this child's own parents or PR holders."""

    offered_on: date
    in_lbp: bool
    response: OfferResponse


@dataclass(frozen=True)
class CaseKnows:
    """What the case's records say, for the episode's child."""

    lbp_date: date | None
    application_date: date | None
    offers: Sequence[Offer]
    meetings_held: Sequence[date]


@dataclass(frozen=True)
class Module5:
    """One <PreProceedingsandFGDM> block's values, in the census's order; None is left out of the block."""

    pp_start_date: date | None
    lbp_sent_date: date | None
    fgdm_meeting_offer: bool | None
    fgdm_meeting_fac: bool | None
    initial_pp_meeting_date: date | None
    review_meetings_count: int | None
    step_decision_date: date | None
    pp_outcome: PreProceedingsOutcome | None
    court_app_date: date | None
    letter_init_cp_date: date | None
    derived: frozenset[str] = frozenset()
    """Which items fgdm derived from the case (the rest were recorded or are blank)."""
    overridden: Mapping[str, date | bool | None] = field(default_factory=dict)
    """The items the coordinator recorded over what the records say, by element, with what the records say."""

    def values(self) -> tuple[date | bool | int | PreProceedingsOutcome | None, ...]:
        return (self.pp_start_date, self.lbp_sent_date, self.fgdm_meeting_offer, self.fgdm_meeting_fac,
                self.initial_pp_meeting_date, self.review_meetings_count, self.step_decision_date, self.pp_outcome,
                self.court_app_date, self.letter_init_cp_date)


def _within(day: date | None, start: date | None, until: date | None) -> bool:
    return day is not None and (start is None or day >= start) and (until is None or day < until)


DERIVABLE = {"LBPSentDate": "lbp_sent_date", "FGDMMeetingOffer": "fgdm_meeting_offer",
             "FGDMMeetingFac": "fgdm_meeting_fac", "CourtAppDate": "court_app_date"}
"""The items fgdm derives from the case, by element, with the episode's field that overrides each."""


def module5(record: EpisodeRecord, knows: CaseKnows, *, next_start: date | None) -> Module5:
    """The block for one episode: recorded items as recorded, the four fgdm knows derived where not recorded,
    and the recorded ones that differ from what the records say marked as overridden."""
    block = _module5(record, knows, next_start)
    recorded = {element: getattr(record, name) for element, name in DERIVABLE.items()
                if getattr(record, name) is not None}
    if not recorded:
        return block
    says = _module5(replace(record, **dict.fromkeys(DERIVABLE.values())), knows, next_start)
    overridden = {element: getattr(says, name) for element, name in DERIVABLE.items()
                  if element in recorded and getattr(says, name) is not None
                  and getattr(says, name) != recorded[element]}
    return replace(block, overridden=overridden)


def _module5(record: EpisodeRecord, knows: CaseKnows, next_start: date | None) -> Module5:
    start, derived = record.pp_start_date, set()
    lbp = record.lbp_sent_date
    if lbp is None and _within(knows.lbp_date, start, next_start):
        lbp, derived = knows.lbp_date, derived | {"LBPSentDate"}
    court = record.court_app_date
    if court is None and _within(knows.application_date, start, next_start):
        court, derived = knows.application_date, derived | {"CourtAppDate"}
    in_letter = sorted((o for o in knows.offers if o.in_lbp and o.response is not OfferResponse.WITHDRAWN
                        and _within(o.offered_on, start, next_start)), key=lambda o: o.offered_on)
    offer = record.fgdm_meeting_offer
    if offer is None and lbp is not None:
        offer, derived = bool(in_letter), derived | {"FGDMMeetingOffer"}
    facilitated = record.fgdm_meeting_fac
    if facilitated is None and offer and in_letter:
        facilitated = _facilitated(record, knows, in_letter, court, next_start)
        if facilitated is not None:
            derived |= {"FGDMMeetingFac"}
    return Module5(pp_start_date=start, lbp_sent_date=lbp, fgdm_meeting_offer=offer, fgdm_meeting_fac=facilitated,
                   initial_pp_meeting_date=record.initial_pp_meeting_date,
                   review_meetings_count=record.review_meetings_count, step_decision_date=record.step_decision_date,
                   pp_outcome=record.pp_outcome, court_app_date=court,
                   letter_init_cp_date=record.letter_init_cp_date, derived=frozenset(derived))


def _facilitated(record: EpisodeRecord, knows: CaseKnows, in_letter: list[Offer], court: date | None,
                 next_start: date | None) -> bool | None:
    """1 if a meeting was held after the first offer in the letter, within the episode and before any court
    application; 0 once that can no longer happen (the episode ended, or every offer was answered and none
    accepted); unknown (None) while it still can."""
    first = in_letter[0].offered_on
    ends = min((day for day in (court, next_start) if day is not None), default=None)
    if any(first <= held and (ends is None or held < ends) for held in knows.meetings_held):
        return True
    ended = record.step_decision_date is not None or court is not None or next_start is not None
    answered = all(o.response in (OfferResponse.DECLINED, OfferResponse.NO_RESPONSE) for o in in_letter)
    return False if ended or answered else None
