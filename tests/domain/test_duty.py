"""The s.31ZA duty rules over plain facts: one row per situation a council's lawyer would ask about."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from fgdm.domain.duty import (
    DutyFacts,
    DutyState,
    ExceptionFacts,
    OfferFacts,
    Party,
    add_working_days,
    child_duty,
)
from fgdm.domain.enums import ExceptionScope, OfferResponse

TODAY = date(2026, 11, 23)
LBP = date(2026, 11, 2)
MOTHER = Party(1, "Grace Okafor", is_parent=True, parental_responsibility=True)
FATHER = Party(2, "Seán O'Brien", is_parent=True, parental_responsibility=False)
GUARDIAN = Party(3, "Zofia Wójcik", is_parent=False, parental_responsibility=True)
A, D, N, P, W = (OfferResponse.ACCEPTED, OfferResponse.DECLINED, OfferResponse.NO_RESPONSE,
                 OfferResponse.PENDING, OfferResponse.WITHDRAWN)


def offer(party: Party, response: OfferResponse = P, *, on: date = LBP, in_lbp: bool = True) -> OfferFacts:
    return OfferFacts(party.network_member_id, on, in_lbp, response, None if response is P else on)


def decision(scope: ExceptionScope, on: date = date(2026, 11, 10), child: int | None = None) -> ExceptionFacts:
    return ExceptionFacts(scope, "Priya Shah, Head of Service", on, "risk of serious harm from contact", child)


@dataclass
class Row:
    name: str
    parties: list[Party]
    offers: list[OfferFacts]
    expected: DutyState
    exceptions: list[ExceptionFacts] = field(default_factory=list)
    held: list[date] = field(default_factory=list)
    applied: date | None = None
    in_pre_proceedings: bool = True
    lbp_date: date | None = LBP
    reason_has: str = ""
    missing_has: str = ""


ROWS = [
    Row("one PR holder offered in the LBP, declined", [MOTHER], [offer(MOTHER, D)], DutyState.MET,
        reason_has="nobody accepted"),
    Row("one PR holder offered, still no answer", [MOTHER], [offer(MOTHER)], DutyState.PENDING,
        missing_has="record Grace Okafor's answer"),
    Row("one PR holder accepted, meeting held, no application yet", [MOTHER], [offer(MOTHER, A)], DutyState.MET,
        held=[date(2026, 11, 20)], reason_has="held on 20 November 2026"),
    Row("one PR holder accepted, no meeting yet", [MOTHER], [offer(MOTHER, A)], DutyState.PENDING,
        missing_has="hold the FGDM meeting"),
    Row("several parties, all offered, none accepted", [MOTHER, FATHER, GUARDIAN],
        [offer(MOTHER, D), offer(FATHER, N), offer(GUARDIAN, D)], DutyState.MET),
    Row("several parties, one not yet offered", [MOTHER, FATHER, GUARDIAN],
        [offer(MOTHER, D), offer(GUARDIAN, D)], DutyState.PENDING,
        missing_has="offer an FGDM meeting to Seán O'Brien (parent)"),
    Row("several parties, one accepted, meeting before the application", [MOTHER, FATHER],
        [offer(MOTHER, D), offer(FATHER, A)], DutyState.MET, held=[date(2026, 11, 16)],
        applied=date(2026, 11, 20), reason_has="before the care application on 20 November 2026"),
    Row("several parties, one accepted, meeting after the application", [MOTHER, FATHER],
        [offer(MOTHER, D), offer(FATHER, A)], DutyState.BREACHED, held=[date(2026, 11, 21)],
        applied=date(2026, 11, 20), reason_has="no FGDM meeting was held before"),
    Row("meeting on the very day of the application is not before it", [MOTHER], [offer(MOTHER, A)],
        DutyState.BREACHED, held=[date(2026, 11, 20)], applied=date(2026, 11, 20)),
    Row("offer made but not in the LBP", [MOTHER], [offer(MOTHER, D, in_lbp=False)], DutyState.PENDING,
        missing_has="include the offer to Grace Okafor"),
    Row("offer not in the LBP and application made", [MOTHER], [offer(MOTHER, D, in_lbp=False)],
        DutyState.BREACHED, applied=date(2026, 11, 20)),
    Row("exception for the offer", [MOTHER, FATHER], [], DutyState.EXCEPTED,
        exceptions=[decision(ExceptionScope.OFFER)], reason_has="Priya Shah, Head of Service decided"),
    Row("exception for the offer for another child only", [MOTHER], [], DutyState.PENDING,
        exceptions=[decision(ExceptionScope.OFFER, child=99)]),
    Row("exception for holding, offers all made, one accepted", [MOTHER, FATHER],
        [offer(MOTHER, A), offer(FATHER, D)], DutyState.EXCEPTED, exceptions=[decision(ExceptionScope.HOLDING)],
        applied=date(2026, 11, 20), reason_has="holding the meeting"),
    Row("exception for holding does not excuse the offers", [MOTHER, FATHER], [offer(MOTHER, A)],
        DutyState.PENDING, exceptions=[decision(ExceptionScope.HOLDING)], missing_has="Seán O'Brien"),
    Row("exception decided after the application does not count", [MOTHER], [], DutyState.BREACHED,
        exceptions=[decision(ExceptionScope.OFFER, on=date(2026, 11, 21))], applied=date(2026, 11, 20),
        reason_has="came after the application"),
    Row("application with nobody offered", [MOTHER, FATHER], [], DutyState.BREACHED,
        applied=date(2026, 11, 20)),
    Row("offer made after the application does not count", [MOTHER],
        [offer(MOTHER, D, on=date(2026, 11, 21))], DutyState.BREACHED, applied=date(2026, 11, 20)),
    Row("acceptance withdrawn is not an acceptance", [MOTHER], [offer(MOTHER, W)], DutyState.MET,
        applied=date(2026, 11, 20)),
    Row("no parent or PR holder recorded", [], [], DutyState.PENDING, missing_has="record the child's parents"),
    Row("child not in pre-proceedings and no LBP", [MOTHER], [], DutyState.NOT_APPLICABLE,
        in_pre_proceedings=False, lbp_date=None),
    Row("pending answers but application made: nobody accepted before it", [MOTHER], [offer(MOTHER)],
        DutyState.MET, applied=date(2026, 11, 20)),
]


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_duty_status(row: Row) -> None:
    result = child_duty(DutyFacts(
        case_child_id=7, in_pre_proceedings=row.in_pre_proceedings, parties=row.parties, offers=row.offers,
        exceptions=row.exceptions, fgdm_meetings_held_on=row.held, lbp_date=row.lbp_date,
        application_date=row.applied, today=TODAY, meeting_due=date(2026, 12, 1)))
    assert result.state is row.expected, result.reason
    assert row.reason_has in result.reason
    if row.missing_has:
        assert any(row.missing_has in step.what for step in result.missing), result.missing
    if row.expected is DutyState.PENDING:
        assert result.missing, "a pending duty must say what is missing"
    if row.expected is DutyState.EXCEPTED:
        assert result.exception is not None


def test_answer_due_counts_working_days_only() -> None:
    friday = date(2026, 11, 20)
    assert add_working_days(friday, 5) == date(2026, 11, 27)
    assert add_working_days(friday, 1) == date(2026, 11, 23)


def test_pending_answer_is_due_five_working_days_after_the_offer() -> None:
    result = child_duty(DutyFacts(7, True, [MOTHER], [offer(MOTHER, on=date(2026, 11, 20))], [], [], LBP, None,
                                  TODAY))
    assert result.missing[0].by == date(2026, 11, 27)
