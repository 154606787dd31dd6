"""The s.31ZA duty to offer a family group decision making meeting, as pure rules over plain facts.

Children Act 1989 s.31ZA (inserted by the Children's Wellbeing and Schools Act 2026 s.1): before applying
for a care or supervision order the council must offer an FGDM meeting to the child's parents and every
other holder of parental responsibility, include the offer in the letter before proceedings, and, if at
least one accepts, hold the meeting before it applies; unless it decides that the offer, or the meeting,
is not in the child's best interests.

The rules read the statute safely, because a council's lawyers will check them:
- every parent (with or without parental responsibility) and every other PR holder *of the child* is a party
  to be offered; which children are whose comes from the recorded ties (`fgdm.domain.child_parties`), and
  where a parent's children are not recorded they are a party for every child (over-inclusive, never under);
- an offer counts only when it was in the letter before proceedings and made before any application;
- a meeting counts only when held strictly before the application date (same-day is not "before");
- a best-interests decision counts only when made on or before the application date; an *offer* decision
  excuses the whole duty for the child, a *holding* decision excuses the meeting but not the offers;
- a withdrawn acceptance is not an acceptance; an accepted offer obliges the meeting even if accepted late.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from fgdm.domain.enums import ExceptionScope, LabelledEnum, OfferResponse
from fgdm.i18n import format_day


class DutyState(LabelledEnum):
    MET = "met"
    PENDING = "pending"
    EXCEPTED = "excepted"
    BREACHED = "breached"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return {"met": "Met", "pending": "Pending", "excepted": "Excepted", "breached": "Breached",
                "not_applicable": "Not applicable"}[self.value]


@dataclass(frozen=True)
class Party:
    """A parent or other holder of parental responsibility: someone the offer must reach."""

    network_member_id: int
    name: str
    is_parent: bool
    parental_responsibility: bool

    @property
    def role(self) -> str:
        if self.is_parent and self.parental_responsibility:
            return "parent with parental responsibility"
        return "parent" if self.is_parent else "holder of parental responsibility"


@dataclass(frozen=True)
class OfferFacts:
    network_member_id: int
    offered_on: date
    in_lbp: bool
    response: OfferResponse
    response_on: date | None = None


@dataclass(frozen=True)
class ExceptionFacts:
    """A best-interests decision; case_child_id None covers every child of the case."""

    scope: ExceptionScope
    decided_by: str
    decided_on: date
    reason: str
    case_child_id: int | None = None

    def describe(self) -> str:
        what = "an offer" if self.scope is ExceptionScope.OFFER else "holding the meeting"
        return (f"{self.decided_by} decided on {format_day(self.decided_on)} that {what} is not in the child's "
                f"best interests: {self.reason}")


@dataclass(frozen=True)
class MissingStep:
    """One thing still to do for the duty, and the date it is due by where one can be named."""

    what: str
    by: date | None = None


@dataclass(frozen=True)
class DutyResult:
    state: DutyState
    reason: str
    missing: tuple[MissingStep, ...] = ()
    exception: ExceptionFacts | None = None
    accepted_by: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class DutyFacts:
    """Everything the rules need about one child; dates are the council's recorded ones."""

    case_child_id: int
    in_pre_proceedings: bool
    parties: Sequence[Party]
    offers: Sequence[OfferFacts]
    exceptions: Sequence[ExceptionFacts]
    fgdm_meetings_held_on: Sequence[date]
    lbp_date: date | None
    application_date: date | None
    today: date
    response_working_days: int = 5
    meeting_due: date | None = None


def separate_offer_warning(lbp_date: date) -> str:
    """Said wherever an offer letter written after its letter before proceedings shows (the letter, the duty):
    s.31ZA needs the offer *in* the letter before proceedings, so a later, separate offer does not count."""
    return (f"an offer letter written after the letter before proceedings of {format_day(lbp_date)} was sent is "
            "a separate offer, not an offer in the letter before proceedings, and does not meet the s.31ZA duty; "
            "include the offer in a letter before proceedings")


def add_working_days(start: date, days: int) -> date:
    """Monday to Friday only: bank holidays vary by nation and year, so they are not guessed here."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def _before_application(day: date, application: date | None, *, strictly: bool) -> bool:
    if application is None:
        return True
    return day < application if strictly else day <= application


def _applicable_exception(facts: DutyFacts, scope: ExceptionScope) -> ExceptionFacts | None:
    """The earliest decision of this scope covering the child and made in time to count."""
    found = [e for e in facts.exceptions
             if e.scope is scope and e.case_child_id in (None, facts.case_child_id)
             and _before_application(e.decided_on, facts.application_date, strictly=False)]
    return min(found, key=lambda e: e.decided_on) if found else None


def _late_exceptions(facts: DutyFacts) -> list[ExceptionFacts]:
    return [e for e in facts.exceptions if e.case_child_id in (None, facts.case_child_id)
            and not _before_application(e.decided_on, facts.application_date, strictly=False)]


def _counting_offer(facts: DutyFacts, party: Party) -> OfferFacts | None:
    """The latest offer to this party that was in the LBP and made before any application."""
    offers = [o for o in facts.offers if o.network_member_id == party.network_member_id and o.in_lbp
              and _before_application(o.offered_on, facts.application_date, strictly=False)]
    return max(offers, key=lambda o: o.offered_on) if offers else None


def _offer_gap(facts: DutyFacts, party: Party) -> MissingStep:
    made = [o for o in facts.offers if o.network_member_id == party.network_member_id]
    if made and not any(o.in_lbp for o in made):
        what = f"include the offer to {party.name} ({party.role}) in the letter before proceedings"
    elif made:
        what = f"offer to {party.name} ({party.role}) in the letter before proceedings before the application"
    else:
        what = f"offer an FGDM meeting to {party.name} ({party.role}) in the letter before proceedings"
    by = facts.lbp_date if facts.lbp_date is not None and facts.lbp_date >= facts.today else None
    return MissingStep(what, by)


def child_duty(facts: DutyFacts) -> DutyResult:
    """Met, pending (with what is missing and by when), excepted (with the decision) or breached."""
    applied = facts.application_date
    if not facts.in_pre_proceedings and applied is None and facts.lbp_date is None:
        return DutyResult(DutyState.NOT_APPLICABLE,
                          "the child is not in pre-proceedings and no letter before proceedings is recorded")
    late = "; ".join(f"a decision dated {format_day(e.decided_on)} came after the application and does not count"
                     for e in _late_exceptions(facts))
    offer_exception = _applicable_exception(facts, ExceptionScope.OFFER)
    if offer_exception is not None:
        return DutyResult(DutyState.EXCEPTED, offer_exception.describe(), exception=offer_exception)
    if not facts.parties:
        step = MissingStep("record the child's parents and anyone with parental responsibility in the network")
        if applied is not None:
            return DutyResult(DutyState.BREACHED, _join(f"the care application on {format_day(applied)} was "
                                                        "recorded with no parent or PR holder offered", late),
                              (step,))
        return DutyResult(DutyState.PENDING, "no parent or holder of parental responsibility is recorded", (step,))

    counting = {p.network_member_id: _counting_offer(facts, p) for p in facts.parties}
    gaps = tuple(_offer_gap(facts, p) for p in facts.parties if counting[p.network_member_id] is None)
    accepted = tuple(p.name for p in facts.parties
                     if (o := counting[p.network_member_id]) is not None and o.response is OfferResponse.ACCEPTED)
    if gaps:
        if applied is not None:
            return DutyResult(DutyState.BREACHED, _join(f"the care application on {format_day(applied)} was made "
                                                        f"before every parent and PR holder was offered an FGDM "
                                                        f"meeting in the letter before proceedings", late), gaps)
        return DutyResult(DutyState.PENDING, f"{len(gaps)} of {len(facts.parties)} parents and PR holders still "
                                             "to be offered in the letter before proceedings", gaps)

    holding_exception = _applicable_exception(facts, ExceptionScope.HOLDING)
    if holding_exception is not None:
        return DutyResult(DutyState.EXCEPTED, "offered to every parent and PR holder; "
                          + holding_exception.describe(), exception=holding_exception, accepted_by=accepted)
    if accepted:
        return _holding(facts, accepted, late)
    waiting = [(p, o) for p in facts.parties
               if (o := counting[p.network_member_id]) is not None and o.response is OfferResponse.PENDING]
    if applied is None and waiting:
        steps = tuple(MissingStep(f"record {p.name}'s answer to the offer of {format_day(o.offered_on)}",
                                  add_working_days(o.offered_on, facts.response_working_days))
                      for p, o in waiting)
        return DutyResult(DutyState.PENDING, "offered to every parent and PR holder in the letter before "
                                             "proceedings; waiting for answers", steps)
    return DutyResult(DutyState.MET, "offered to every parent and PR holder in the letter before proceedings; "
                                     "nobody accepted")


def _holding(facts: DutyFacts, accepted: tuple[str, ...], late: str) -> DutyResult:
    applied = facts.application_date
    held = sorted(d for d in facts.fgdm_meetings_held_on if _before_application(d, applied, strictly=True))
    who = ", ".join(accepted)
    if held:
        when = f" before the care application on {format_day(applied)}" if applied else ""
        return DutyResult(DutyState.MET, f"offered to every parent and PR holder; accepted by {who}; the FGDM "
                                         f"meeting was held on {format_day(held[0])}{when}", accepted_by=accepted)
    if applied is not None:
        return DutyResult(DutyState.BREACHED, _join(f"accepted by {who}, but no FGDM meeting was held before the "
                                                    f"care application on {format_day(applied)}", late),
                          accepted_by=accepted)
    step = MissingStep("hold the FGDM meeting before any care application", facts.meeting_due)
    return DutyResult(DutyState.PENDING, f"accepted by {who}; the FGDM meeting must be held before any care "
                                         "application", (step,), accepted_by=accepted)


def _join(reason: str, late: str) -> str:
    return f"{reason}; {late}" if late else reason
