"""A case that fills every table a case file carries, written with the ORM as the services would leave it.

The network, meeting and plan services belong to other areas; the case and its first child come from
the case service, everything else is written directly so the case file tests do not depend on them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st
from sqlmodel import select

from fgdm.domain.enums import (
    ActionStatus,
    AgencyKind,
    Attendance,
    ConfidentialFact,
    ContactStatus,
    Employer,
    ExceptionScope,
    Frequency,
    Gender,
    LetterKind,
    LivingArrangement,
    MeetingKind,
    MeetingStatus,
    OfferResponse,
    PlanStatus,
    Qualification,
    RelationshipKind,
    Side,
    StaffRole,
    SupportStatus,
    TieQuality,
)
from fgdm.models import (
    Agency,
    BestInterestsException,
    Case,
    CaseChild,
    CaseShare,
    ChildOutcome,
    ConfidentialFrom,
    FamilyPlan,
    FgdmOffer,
    LetterRecord,
    Meeting,
    MeetingAttendee,
    NetworkMember,
    Person,
    PlanAction,
    PlanDistribution,
    PlanQuestion,
    Relationship,
    Staff,
    SupportItem,
    Venue,
    WarningOverride,
)
from fgdm.services.shared.context import ServiceContext
from tests.factories import make_case

HOSTILE_TEXT = ["Zoë O'Brien-Núñez", "🦊 Fox", "مريم", "{{ 7*7 }}", "{% for x in y %}", "'; DROP TABLE person; --"]


def _staff(ctx: ServiceContext, username: str, role: StaffRole, **fields: object) -> Staff:
    found = ctx.session.exec(select(Staff).where(Staff.username == username)).first()
    if found is not None:
        return found
    staff = Staff(username=username, name=username.replace(".", " ").title(), role=role, **fields)
    ctx.session.add(staff)
    ctx.session.flush()
    return staff


def _person(ctx: ServiceContext, given: str, family: str, uid: str | None = None, **fields: object) -> Person:
    if uid is not None:
        found = ctx.session.exec(select(Person).where(Person.uid == uid)).first()
        if found is not None:
            return found
    person = Person(uid=uid or str(uuid.uuid4()), given_name=given, family_name=family, **fields)
    ctx.session.add(person)
    ctx.session.flush()
    return person


def build_full_case(ctx: ServiceContext, texts: list[str] | None = None, *, grandmother_uid: str | None = None,
                    amount: Decimal = Decimal("1250.00")) -> Case:
    """A pre-proceedings case with two children, a network, meetings, offers, two plan versions and support.

    ``texts`` feed names and free text (cycled), so a property test can push hostile values everywhere.
    """
    words = texts or HOSTILE_TEXT
    word = lambda index: words[index % len(words)]  # noqa: E731
    family = word(0)
    case = make_case(ctx, family_name=family, referral_reason=word(1), desired_outcome=word(2),
                     lbp_date="2026-10-20",
                     children=[{"given_name": word(3), "date_of_birth": "2018-05-04",
                                "legal_status": "pre_proceedings"},
                               {"given_name": word(4), "due_date": "2027-02-01", "legal_status": "child_in_need"}])
    with ctx.write() as session:
        coordinator = _staff(ctx, "c.adeyemi", StaffRole.COORDINATOR,
                             qualification=Qualification.SOCIAL_WORK_QUALIFIED)
        referrer = _staff(ctx, "r.kowalski", StaffRole.REFERRER, employer=Employer.LOCAL_AUTHORITY, team="Team 3")
        manager = _staff(ctx, "m.hughes", StaffRole.MANAGER, employer=Employer.OTHER)
        case.coordinator_id, case.referrer_id = coordinator.id, referrer.id
        case.bottom_lines, case.cultural_needs, case.language = word(5), word(6), "pl"
        session.add(CaseShare(case_id=case.id, staff_id=manager.id))
        children = session.exec(select(CaseChild).where(CaseChild.case_id == case.id)
                                .order_by(CaseChild.position)).all()
        session.add(ChildOutcome(case_child_id=children[0].id, months_after=3, recorded_on=date(2026, 11, 1),
                                 living=LivingArrangement.WITH_FAMILY_NETWORK, note=word(7)))
        mother = _person(ctx, word(8), family, gender=Gender.FEMALE, phone="01632 960 123",
                         email="mum@example.org", address=word(9), address_confidential=True,
                         preferred_language="pl", interpreter_needed=True)
        father = _person(ctx, word(10), family, gender=Gender.MALE, date_of_birth=date(1990, 1, 31))
        grandmother = _person(ctx, "Nain", word(11), uid=grandmother_uid, gender=Gender.FEMALE, known_as=word(12))
        members = {}
        for person, relation, side, extra in (
            (mother, "Mother", Side.MATERNAL, {"is_parent": True, "parental_responsibility": True,
                                                "contact_status": ContactStatus.ATTENDING}),
            (father, "Father", Side.PATERNAL, {"is_parent": True, "contact_status": ContactStatus.EXCLUDED,
                                                "excluded_reason": word(13), "excluded_by": word(14),
                                                "not_to_be_told": True, "attends_separately": True}),
            (grandmother, "Maternal grandmother", Side.MATERNAL, {"tie": TieQuality.CLOSE, "notes": word(15),
                                                                   "status_changed_on": date(2026, 10, 5)}),
        ):
            member = NetworkMember(case_id=case.id, person_id=person.id, relationship_to_child=relation, side=side,
                                   **extra)
            session.add(member)
            members[relation] = member
        session.flush()
        for from_id, to_id, kind in ((mother.id, children[0].person_id, RelationshipKind.PARENT_OF),
                                     (father.id, mother.id, RelationshipKind.FORMER_PARTNER_OF),
                                     (grandmother.id, mother.id, RelationshipKind.PARENT_OF)):
            exists = session.exec(select(Relationship.id).where(Relationship.from_person_id == from_id,
                                                                Relationship.to_person_id == to_id,
                                                                Relationship.kind == kind)).first()
            if exists is None:
                session.add(Relationship(from_person_id=from_id, to_person_id=to_id, kind=kind,
                                         quality=TieQuality.CONFLICTUAL if kind is RelationshipKind.FORMER_PARTNER_OF
                                         else TieQuality.ORDINARY, notes=word(16)))
        session.add(Agency(case_id=case.id, name=word(17), kind=AgencyKind.SCHOOL, contact="01632 960 999"))
        venue = session.exec(select(Venue).where(Venue.name == "Riverside Family Centre")).first()
        if venue is None:
            venue = Venue(name="Riverside Family Centre", address="1 Mill Lane", access_notes="Step-free")
            session.add(venue)
            session.flush()
        start = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
        held = Meeting(case_id=case.id, kind=MeetingKind.FGDM_MEETING, status=MeetingStatus.HELD, starts_at=start,
                       ends_at=start + timedelta(hours=3), coordinator_id=coordinator.id, venue_id=venue.id,
                       interpreter_languages="pl", interpreter_booked=True, advocate_name=word(18),
                       private_family_time=True, held_on=start.date(), ical_uid=f"{uuid.uuid4()}@fgdm",
                       invitations_sent_at=start - timedelta(days=10, microseconds=-123456), notes=word(19))
        session.add(held)
        session.flush()
        review = Meeting(case_id=case.id, kind=MeetingKind.REVIEW, starts_at=start + timedelta(days=60),
                         ends_at=start + timedelta(days=60, hours=2), linked_meeting_id=held.id,
                         location_note=word(20), ical_uid=f"{uuid.uuid4()}@fgdm", ical_sequence=2)
        session.add(review)
        session.add_all([
            MeetingAttendee(meeting_id=held.id, network_member_id=members["Mother"].id, role="Parent",
                            attendance=Attendance.ATTENDED),
            MeetingAttendee(meeting_id=held.id, network_member_id=members["Maternal grandmother"].id,
                            attendance=Attendance.WRITTEN_CONTRIBUTION),
            MeetingAttendee(meeting_id=held.id, staff_id=referrer.id, role="Referrer"),
            WarningOverride(meeting_id=held.id, code="weekend", reason=word(21), decided_by=word(22)),
            FgdmOffer(case_id=case.id, network_member_id=members["Mother"].id, offered_on=date(2026, 10, 20),
                      in_lbp=True, response=OfferResponse.ACCEPTED, response_on=date(2026, 10, 22), notes=word(23)),
            FgdmOffer(case_id=case.id, network_member_id=members["Father"].id, offered_on=date(2026, 10, 20)),
            BestInterestsException(case_id=case.id, case_child_id=children[1].id, scope=ExceptionScope.OFFER,
                                   decided_by=word(24), decided_on=date(2026, 10, 19), reason=word(25)),
            LetterRecord(case_id=case.id, person_id=mother.id, kind=LetterKind.OFFER, template_name="offer.docx",
                         template_version="3", language="pl", generated_at=start - timedelta(days=13),
                         generated_by="c.adeyemi", filename=f"{word(26)}.docx"),
        ])
        session.flush()
        first = FamilyPlan(case_id=case.id, version_no=1, meeting_id=held.id, status=PlanStatus.AGREED,
                           plan_lead_member_id=members["Maternal grandmother"].id, bottom_lines=word(27),
                           child_views=word(28), contingency=word(29), review_date=date(2027, 1, 5),
                           decision_by=word(30), decision_on=date(2026, 11, 3))
        session.add(first)
        session.flush()
        second = FamilyPlan(case_id=case.id, version_no=2, based_on_id=first.id, meeting_id=review.id,
                            plan_lead_member_id=members["Mother"].id, child_views=word(31))
        session.add(second)
        session.flush()
        session.add_all([PlanQuestion(plan_id=first.id, position=0, question=word(32), answer=word(33)),
                         PlanQuestion(plan_id=first.id, position=1, question=word(34), answer="")])
        school_run = PlanAction(plan_id=first.id, position=0, who_member_id=members["Maternal grandmother"].id,
                                what=word(35), by_when=date(2026, 12, 1), checked_by=word(36))
        counselling = PlanAction(plan_id=first.id, position=1, who_text=word(37), what=word(38),
                                 status=ActionStatus.IN_PROGRESS)
        session.add_all([school_run, counselling])
        session.flush()
        carried = PlanAction(plan_id=second.id, position=0, who_member_id=members["Maternal grandmother"].id,
                             what=word(35), carried_from_id=school_run.id, status=ActionStatus.DONE)
        session.add_all([carried, PlanDistribution(plan_id=first.id, person_id=mother.id, recipient_name=word(8),
                                                   sent_at=start + timedelta(days=1), method="email"),
                         PlanDistribution(plan_id=first.id, recipient_name=word(39), sent_at=start, method="post")])
        session.flush()
        session.add_all([
            SupportItem(case_id=case.id, category="travel", description=word(40),
                        recipient_member_id=members["Maternal grandmother"].id, plan_action_id=carried.id,
                        amount=amount, frequency=Frequency.WEEKLY, start_date=date(2026, 11, 9),
                        end_date=date(2027, 2, 1), status=SupportStatus.APPROVED, requested_on=date(2026, 11, 3),
                        approved_by_id=manager.id, approved_on=date(2026, 11, 4)),
            SupportItem(case_id=case.id, category="car_seat", amount=Decimal("0.01"),
                        requested_on=date(2026, 11, 3), status=SupportStatus.DECLINED, declined_reason=word(41)),
            ConfidentialFrom(case_id=case.id, fact=ConfidentialFact.ADDRESS, person_id=grandmother.id,
                             hidden_from_person_id=father.id, decided_by=word(42)),
            ConfidentialFrom(case_id=case.id, fact=ConfidentialFact.VENUE, meeting_id=held.id,
                             hidden_from_person_id=father.id, decided_by=word(43)),
        ])
    return case


def leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a case file (objects and lists included), for mutating one place at a time."""
    if isinstance(value, dict):
        return [path] + [leaf for key, item in value.items() for leaf in leaves(item, (*path, key))]
    if isinstance(value, list):
        return [path] + [leaf for index, item in enumerate(value) for leaf in leaves(item, (*path, index))]
    return [path]


def mutated(data: st.DataObject, document: Any, *, times: st.SearchStrategy[int],
            values: st.SearchStrategy[Any], whole: st.SearchStrategy[Any]) -> Any:
    """The document with a few drawn places replaced by drawn values, or deleted from their object."""
    for _ in range(data.draw(times, label="mutations")):
        path = data.draw(st.sampled_from(leaves(document)), label="path")
        if not path:
            document = data.draw(whole, label="whole")
            continue
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict) and data.draw(st.booleans(), label="delete"):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(values, label="value")
    return document
