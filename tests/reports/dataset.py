"""A deterministic service of a few dozen cases spread over two financial years, for goldens and CLI tests."""

from __future__ import annotations

import random
from datetime import date, timedelta

from fgdm.domain.enums import (
    Employer,
    ExceptionScope,
    LivingArrangement,
    MeetingKind,
    MeetingStatus,
    OfferResponse,
    Qualification,
    StaffRole,
    SupportStatus,
)
from fgdm.domain.support_categories import DEFAULT_SUPPORT_CATEGORIES
from fgdm.services.shared.context import ServiceContext
from tests.reports.builder import Builder

FAMILIES = ("D'Souza", "Ó Briain", "Nowak", "Okafor", "Ślusarczyk", "Haddad", "Kowalczyk", "Abubakar",
            "{{ family }}", "Robert'); DROP TABLE fgdm_case;--", "אברהם", "Chen")
START = date(2025, 4, 1)


def build_sample(ctx: ServiceContext, *, seed: int = 7, cases: int = 40) -> None:
    rng = random.Random(seed)
    b = Builder(ctx)
    for index in range(cases):
        referred = START + timedelta(days=rng.randrange(0, 560))
        lbp = referred + timedelta(days=rng.randrange(0, 30)) if rng.random() < 0.5 else None
        application = lbp + timedelta(days=rng.randrange(20, 120)) if lbp and rng.random() < 0.4 else None
        case = b.case(referred=referred, children=rng.randint(1, 3), family=FAMILIES[index % len(FAMILIES)],
                      lbp=lbp, application=application)
        children = b.children(case)
        offered_on = (lbp or referred) + timedelta(days=rng.randrange(0, 10))
        for relationship, parent, pr in (("mother", True, True), ("father", True, rng.random() < 0.6)):
            response = rng.choice([OfferResponse.ACCEPTED, OfferResponse.ACCEPTED, OfferResponse.DECLINED,
                                   OfferResponse.NO_RESPONSE, OfferResponse.PENDING, OfferResponse.WITHDRAWN])
            b.offer(case, b.member(case, parent=parent, pr=pr, relationship=relationship),
                    on=offered_on + timedelta(days=rng.randrange(0, 5)), response=response,
                    in_lbp=lbp is not None and rng.random() < 0.7)
        if rng.random() < 0.1:
            b.exception(case, scope=rng.choice(list(ExceptionScope)), on=referred + timedelta(days=7))
        held = referred + timedelta(days=rng.randrange(25, 90))
        if rng.random() < 0.2:
            b.meeting(case, on=held - timedelta(days=7), status=MeetingStatus.POSTPONED)
        if rng.random() < 0.8:
            b.meeting(case, on=held)
            agreed = held + timedelta(days=rng.randrange(0, 10))
            b.plan(case, on=agreed)
            if rng.random() < 0.6:
                b.meeting(case, on=held + timedelta(days=rng.randrange(45, 95)), kind=MeetingKind.REVIEW)
            for _ in range(rng.randint(0, 2)):
                approved = agreed + timedelta(days=rng.randrange(1, 40))
                paid = approved + timedelta(days=rng.randrange(1, 30)) if rng.random() < 0.6 else None
                b.support(case, amount=f"{rng.randrange(2000, 90000) / 100:.2f}",
                          category=rng.choice(list(DEFAULT_SUPPORT_CATEGORIES)),
                          status=SupportStatus.PAID if paid else SupportStatus.APPROVED, approved=approved, paid=paid)
            for months in (3, 6, 12):
                if rng.random() < 0.5:
                    b.outcome(children[0], months=months, living=rng.choice(list(LivingArrangement)))
    for index in range(8):
        b.staff(role=StaffRole.MANAGER if index == 0 else StaffRole.COORDINATOR,
                qualification=rng.choice(list(Qualification)), employer=rng.choice(list(Employer)),
                started=START + timedelta(days=rng.randrange(0, 400)),
                left=START + timedelta(days=rng.randrange(300, 700)) if rng.random() < 0.3 else None)
    b.commit()
