"""Builds report scenarios by inserting model rows directly, so report tests need no other service."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from sqlmodel import select

from fgdm.domain.enums import (
    CaseStatus,
    Employer,
    ExceptionScope,
    LivingArrangement,
    MeetingKind,
    MeetingStatus,
    OfferResponse,
    PlanStatus,
    Qualification,
    RelationshipKind,
    StaffRole,
    SupportStatus,
)
from fgdm.models import (
    BestInterestsException,
    Case,
    CaseChild,
    ChildOutcome,
    FamilyPlan,
    FgdmOffer,
    Meeting,
    NetworkMember,
    Person,
    PreProceedingsEpisode,
    Relationship,
    Staff,
    SupportItem,
)
from fgdm.services.shared.context import ServiceContext


def day(value: str | date) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


class Builder:
    """One scenario's records; every method flushes so ids exist, and ``commit`` ends the scenario."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.session = ctx.session
        self._serial = len(ctx.session.exec(select(Case.id)).all()) + len(ctx.session.exec(select(Staff.id)).all())

    def _add(self, record: Any) -> Any:
        self.session.add(record)
        self.session.flush()
        return record

    def _next(self) -> int:
        self._serial += 1
        return self._serial

    def commit(self) -> None:
        self.session.commit()

    def person(self, given: str, family: str = "Nowak") -> Person:
        return self._add(Person(uid=str(uuid.uuid4()), given_name=given, family_name=family))

    def case(self, *, referred: str | date = "2026-04-01", children: int = 1, family: str = "Nowak",
             lbp: str | date | None = None, application: str | date | None = None,
             closed: str | date | None = None, status: CaseStatus = CaseStatus.PREPARING) -> Case:
        serial = self._next()
        case = self._add(Case(uid=str(uuid.uuid4()), reference=f"FG-{serial:04d}", family_name=family,
                              referral_date=day(referred), lbp_date=day(lbp) if lbp else None,
                              care_application_date=day(application) if application else None,
                              closed_on=day(closed) if closed else None,
                              status=CaseStatus.CLOSED if closed else status))
        for position in range(children):
            child = self.person(f"Child{serial}-{position + 1}", family)
            self._add(CaseChild(case_id=case.id, person_id=child.id, position=position))
        return case

    def children(self, case: Case) -> list[CaseChild]:
        return list(self.session.exec(select(CaseChild).where(CaseChild.case_id == case.id)
                                      .order_by(CaseChild.position)).all())

    def member(self, case: Case, *, parent: bool = True, pr: bool = True,
               relationship: str = "mother") -> NetworkMember:
        person = self.person(relationship.title(), case.family_name)
        return self._add(NetworkMember(case_id=case.id, person_id=person.id, is_parent=parent,
                                       parental_responsibility=pr, relationship_to_child=relationship))

    def offer(self, case: Case, member: NetworkMember | None = None, *, on: str | date,
              response: OfferResponse = OfferResponse.PENDING, in_lbp: bool = False) -> FgdmOffer:
        member = member or self.member(case)
        return self._add(FgdmOffer(case_id=case.id, network_member_id=member.id, offered_on=day(on),
                                   in_lbp=in_lbp, response=response))

    def tie(self, member: NetworkMember, child: CaseChild, kind: RelationshipKind = RelationshipKind.PARENT_OF,
            ) -> Relationship:
        """A recorded tie from a network member to a child: whose child the child is."""
        return self._add(Relationship(from_person_id=member.person_id, to_person_id=child.person_id, kind=kind))

    def episode(self, child: CaseChild, *, decided_on: str | date | None) -> PreProceedingsEpisode:
        return self._add(PreProceedingsEpisode(case_id=child.case_id, case_child_id=child.id,
                                               pp_start_date=day(decided_on) if decided_on else None))

    def exception(self, case: Case, *, scope: ExceptionScope, on: str | date,
                  child: CaseChild | None = None) -> BestInterestsException:
        return self._add(BestInterestsException(case_id=case.id, case_child_id=child.id if child else None,
                                                scope=scope, decided_by="Head of Service", decided_on=day(on),
                                                reason="Risk of harm from contact"))

    def meeting(self, case: Case, *, on: str | date, kind: MeetingKind = MeetingKind.FGDM_MEETING,
                status: MeetingStatus = MeetingStatus.HELD, record_held_on: bool = True,
                at: time = time(10, 0)) -> Meeting:
        starts = datetime.combine(day(on), at, tzinfo=UTC)
        return self._add(Meeting(case_id=case.id, kind=kind, status=status, starts_at=starts, ends_at=starts,
                                 held_on=day(on) if status is MeetingStatus.HELD and record_held_on else None,
                                 ical_uid=f"{uuid.uuid4()}@fgdm"))

    def plan(self, case: Case, *, on: str | date, status: PlanStatus = PlanStatus.AGREED,
             version: int = 1) -> FamilyPlan:
        return self._add(FamilyPlan(case_id=case.id, version_no=version, status=status, decision_on=day(on),
                                    decision_by="Social worker"))

    def support(self, case: Case, *, amount: str, category: str = "travel",
                status: SupportStatus = SupportStatus.APPROVED, approved: str | date | None = None,
                paid: str | date | None = None) -> SupportItem:
        requested = day(approved or paid or "2026-04-01")
        return self._add(SupportItem(case_id=case.id, category=category, description="Bus passes",
                                     amount=Decimal(amount), status=status, requested_on=requested,
                                     approved_on=day(approved) if approved else None,
                                     paid_on=day(paid) if paid else None))

    def outcome(self, child: CaseChild, *, months: int, living: LivingArrangement,
                recorded: str | date = "2026-11-01") -> ChildOutcome:
        return self._add(ChildOutcome(case_child_id=child.id, months_after=months, living=living,
                                      recorded_on=day(recorded)))

    def staff(self, *, role: StaffRole = StaffRole.COORDINATOR,
              qualification: Qualification = Qualification.SOCIAL_WORK_QUALIFIED,
              employer: Employer = Employer.LOCAL_AUTHORITY, started: str | date | None = None,
              left: str | date | None = None, active: bool = True) -> Staff:
        serial = self._next()
        return self._add(Staff(username=f"staff{serial}", name=f"Practitioner {serial}", role=role,
                               qualification=qualification, employer=employer,
                               started_on=day(started) if started else None, left_on=day(left) if left else None,
                               active=active))
