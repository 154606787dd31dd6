"""The demo service generator: deterministic, complete (every stage and hard case), and coherent."""

from __future__ import annotations

import shutil
from datetime import UTC, date, time

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from fgdm import demo
from fgdm.config import Settings
from fgdm.domain.enums import (
    Attendance,
    CaseStatus,
    ContactStatus,
    Employer,
    ExceptionScope,
    Frequency,
    LegalStatus,
    MeetingKind,
    MeetingStatus,
    OfferResponse,
    PlanStatus,
    Qualification,
    StaffRole,
    SupportStatus,
)
from fgdm.domain.support_categories import DEFAULT_SUPPORT_CATEGORIES
from fgdm.models import (
    AuditEvent,
    BestInterestsException,
    Case,
    CaseChild,
    ChildOutcome,
    FamilyPlan,
    FgdmOffer,
    Meeting,
    MeetingAttendee,
    NetworkMember,
    Person,
    PreProceedingsEpisode,
    Relationship,
    Staff,
    SupportItem,
    Venue,
)
from fgdm.models.base import Record
from fgdm.services.shared import search_index
from fgdm.services.shared.clock import to_london
from fgdm.services.shared.context import Workspace
from fgdm.services.shared.errors import PermissionDenied, ValidationFailed
from tests.factories import make_case, make_staff

SIZE = 40
TODAY = date(2026, 11, 23)


@pytest.fixture
def generated(ctx):
    summary = demo.generate_service(ctx, seed=7, cases=SIZE)
    return ctx, summary


def _snapshot(ctx) -> list[tuple]:
    """Enough columns of enough tables that any difference in generation shows."""
    session = ctx.session
    rows: list[tuple] = []
    rows += session.exec(select(Case.id, Case.uid, Case.reference, Case.family_name, Case.status,
                                Case.referral_date, Case.search_text).order_by(Case.id)).all()
    rows += session.exec(select(Person.id, Person.uid, Person.given_name, Person.family_name, Person.address,
                                Person.date_of_birth).order_by(Person.id)).all()
    rows += session.exec(select(Meeting.id, Meeting.ical_uid, Meeting.starts_at, Meeting.status)
                         .order_by(Meeting.id)).all()
    rows += session.exec(select(SupportItem.id, SupportItem.amount, SupportItem.category)
                         .order_by(SupportItem.id)).all()
    rows += session.exec(select(PreProceedingsEpisode.id, PreProceedingsEpisode.pp_start_date,
                                PreProceedingsEpisode.initial_pp_meeting_date, PreProceedingsEpisode.pp_outcome)
                         .order_by(PreProceedingsEpisode.id)).all()
    rows += session.exec(select(Person.id, Person.la_child_id).where(col(Person.la_child_id).is_not(None))
                         .order_by(Person.id)).all()
    return rows


def test_same_seed_gives_identical_rows_and_another_seed_differs(sqlite_template, tmp_path, clock):
    snapshots = []
    for name, seed in (("first", 11), ("again", 11), ("other", 12)):
        path = tmp_path / f"{name}.sqlite3"
        shutil.copy(sqlite_template, path)
        workspace = Workspace(Settings(database_url=f"sqlite:///{path}"), clock=clock)
        with workspace.context() as ctx:
            demo.generate_service(ctx, seed=seed, cases=15)
            snapshots.append(_snapshot(ctx))
        workspace.dispose()
    first, again, other = snapshots
    assert len(first) > 200
    assert first == again
    assert first != other


def test_every_stage_over_the_last_five_quarters(generated):
    ctx, summary = generated
    cases = ctx.session.exec(select(Case)).all()
    assert len(cases) == SIZE == summary.cases
    assert {case.status for case in cases} == set(CaseStatus)
    assert summary.first_day == date(2025, 10, 1)
    assert all(summary.first_day <= case.referral_date <= TODAY for case in cases)
    quarters = {(case.referral_date.year, (case.referral_date.month - 1) // 3) for case in cases}
    assert len(quarters) == 5
    closed = [case for case in cases if case.status is CaseStatus.CLOSED]
    assert all(case.closure_reason and case.closed_on and case.closed_on <= TODAY for case in closed)
    references = [case.reference for case in sorted(cases, key=lambda c: (c.referral_date, c.id))]
    assert references == sorted(references)


def test_every_hard_case_is_present(generated):
    ctx, _ = generated
    session = ctx.session
    members = session.exec(select(NetworkMember, Person).join(Person, Person.id == NetworkMember.person_id)).all()
    assert any(person.address_confidential and person.address for _, person in members)
    assert any(member.not_to_be_told for member, _ in members)
    excluded = [member for member, _ in members if member.contact_status is ContactStatus.EXCLUDED]
    assert excluded and all(member.excluded_reason and member.excluded_by for member in excluded)
    assert any(member.attends_separately for member, _ in members)
    interpreted = {person.preferred_language for _, person in members if person.interpreter_needed}
    assert {"cy", "pl", "ur", "ro", "pa", "so"} <= interpreted
    assert session.exec(select(Meeting.id).where(Meeting.interpreter_languages != "")).first() is not None

    pr_holders: dict[int, list[NetworkMember]] = {}
    for member, _ in members:
        if member.parental_responsibility:
            pr_holders.setdefault(member.case_id, []).append(member)
    assert any(len(holders) >= 3 and any(not h.is_parent for h in holders) for holders in pr_holders.values())
    assert session.exec(select(Relationship.id).where(Relationship.kind == "guardian_of")).first() is not None

    grandmothers: dict[int, set[int]] = {}
    for member, person in members:
        if member.relationship_to_child == "Maternal grandmother":
            grandmothers.setdefault(person.id, set()).add(member.case_id)
    shared = [cases for cases in grandmothers.values() if len(cases) >= 2]
    assert shared
    first, second = sorted(shared[0])[:2]
    children = [set(session.exec(select(CaseChild.person_id).where(CaseChild.case_id == case_id)).all())
                for case_id in (first, second)]
    assert children[0] and children[1] and not children[0] & children[1]

    names = [f"{p.given_name} {p.family_name} {p.known_as}" for p in session.exec(select(Person)).all()]
    assert any("'" in name for name in names)
    assert any(any(ch in "ąęłńóśźżćăâîșțéíóúáâŷ" for ch in name.lower()) for name in names)
    assert any(any("\u0600" <= ch <= "\u06ff" for ch in name) for name in names)

    assert set(session.exec(select(FgdmOffer.response)).all()) == set(OfferResponse)
    assert set(session.exec(select(BestInterestsException.scope)).all()) == set(ExceptionScope)
    assert session.exec(select(Case.id).where(col(Case.care_application_date).is_not(None))).first()
    assert session.exec(select(CaseChild.id).where(col(CaseChild.due_date).is_not(None))).first()


def test_meetings_plans_support_and_outcomes_cover_their_variety(generated):
    ctx, _ = generated
    session = ctx.session
    assert {MeetingKind.BASELINE, MeetingKind.PREPARATION_VISIT, MeetingKind.FGDM_MEETING, MeetingKind.REVIEW} \
        <= set(session.exec(select(Meeting.kind)).all())
    assert set(session.exec(select(Meeting.status)).all()) == set(MeetingStatus)
    assert Attendance.ATTENDED in set(session.exec(select(MeetingAttendee.attendance)).all())
    assert set(session.exec(select(FamilyPlan.status)).all()) == set(PlanStatus)
    assert session.exec(select(func.max(FamilyPlan.version_no))).one() >= 2
    assert set(session.exec(select(SupportItem.category)).all()) == set(DEFAULT_SUPPORT_CATEGORIES)
    assert set(session.exec(select(SupportItem.status)).all()) == set(SupportStatus)
    assert {Frequency.ONE_OFF, Frequency.WEEKLY, Frequency.MONTHLY} <= set(session.exec(select(SupportItem.frequency)))
    assert {3, 6, 12} <= set(session.exec(select(ChildOutcome.months_after)).all())


def test_the_generated_records_obey_the_rules(generated):
    ctx, _ = generated
    session = ctx.session
    pre_proceedings = set(session.exec(select(CaseChild.case_id).where(
        CaseChild.legal_status == LegalStatus.PRE_PROCEEDINGS)).all())
    for offer, member in session.exec(select(FgdmOffer, NetworkMember)
                                      .join(NetworkMember, NetworkMember.id == FgdmOffer.network_member_id)):
        assert offer.case_id in pre_proceedings
        assert member.case_id == offer.case_id and (member.is_parent or member.parental_responsibility)
    for case in session.exec(select(Case).where(col(Case.care_application_date).is_not(None))):
        assert case.lbp_date is not None and case.care_application_date >= case.lbp_date

    for meeting in session.exec(select(Meeting)):
        assert meeting.starts_at.tzinfo is UTC and meeting.ends_at > meeting.starts_at
        if meeting.status is MeetingStatus.HELD:
            assert meeting.held_on is not None and meeting.held_on < TODAY
        if meeting.status is MeetingStatus.PLANNED:
            assert meeting.starts_at.date() >= TODAY
    assert len(set(session.exec(select(Meeting.ical_uid)).all())) == len(session.exec(select(Meeting.id)).all())

    held_fgdm = set(session.exec(select(Meeting.case_id).where(Meeting.kind == MeetingKind.FGDM_MEETING,
                                                               Meeting.status == MeetingStatus.HELD)).all())
    for plan, status in session.exec(select(FamilyPlan, Case.status).join(Case, Case.id == FamilyPlan.case_id)):
        assert status not in (CaseStatus.REFERRED, CaseStatus.PREPARING) and plan.case_id in held_fgdm
    assert all(amount > 0 for amount in session.exec(select(SupportItem.amount)))

    unsafe = session.exec(select(MeetingAttendee.id).join(NetworkMember, NetworkMember.id ==
                                                          MeetingAttendee.network_member_id)
                          .where((NetworkMember.not_to_be_told == True)  # noqa: E712
                                 | (NetworkMember.contact_status == ContactStatus.EXCLUDED))).all()
    assert unsafe == []
    deceased_attending = session.exec(
        select(MeetingAttendee.id).join(NetworkMember, NetworkMember.id == MeetingAttendee.network_member_id)
        .join(Person, Person.id == NetworkMember.person_id).where(Person.deceased == True)).all()  # noqa: E712
    assert deceased_attending == []
    assert all(day <= TODAY for day in session.exec(select(ChildOutcome.recorded_on)))
    for case in session.exec(select(Case)):
        wording = f"{case.referral_reason} {case.desired_outcome} {case.bottom_lines} {case.questions_for_family}"
        assert "{" not in wording and "  " not in wording
        assert sorted(case.search_text.split()) == sorted(search_index.search_text_for(session, case).split())


def test_one_audit_event_and_the_services_carry_on_afterwards(generated):
    ctx, _ = generated
    events = ctx.session.exec(select(AuditEvent).where(AuditEvent.action == "demo_generated")).all()
    assert len(events) == 1 and '"seed": 7' in events[0].changes
    case = make_case(ctx, family_name="Nowak")
    assert case.id == SIZE + 1
    assert case.reference.startswith("FG-2026-")


def _row_counts(ctx) -> dict[str, int]:
    return {model.__tablename__: ctx.session.exec(select(func.count()).select_from(model)).one()
            for model in Record.__subclasses__() if hasattr(model, "__tablename__")}


def test_a_database_with_cases_is_refused_and_left_unchanged(ctx):
    make_case(ctx)
    before = _row_counts(ctx)
    with pytest.raises(ValidationFailed) as caught:
        demo.generate_service(ctx, seed=1, cases=10)
    assert "empty database" in caught.value.errors["database"]
    ctx.session.rollback()
    assert _row_counts(ctx) == before


def test_only_an_administrator_may_generate(workspace):
    with workspace.context() as owner:
        make_staff(owner, "coord", role="coordinator")
    with workspace.context("coord") as ctx, pytest.raises(PermissionDenied):
        demo.generate_service(ctx, seed=1, cases=5)


def test_staff_venues_network_sizes_and_london_meeting_times(generated):
    ctx, _ = generated
    session = ctx.session
    staff = session.exec(select(Staff)).all()
    coordinators = [s for s in staff if s.role is StaffRole.COORDINATOR]
    assert len(coordinators) >= 6
    assert {s.qualification for s in coordinators} == set(Qualification)
    assert {s.employer for s in coordinators} == set(Employer)
    leavers = [s for s in coordinators if s.left_on is not None]
    assert len(leavers) == 1 and not leavers[0].active and leavers[0].left_on.year == TODAY.year - 1
    assert {StaffRole.MANAGER, StaffRole.ADMINISTRATOR, StaffRole.REFERRER} <= {s.role for s in staff}
    titles = {s.job_title for s in staff if s.role is StaffRole.REFERRER}
    assert {"Social worker", "Health visitor", "Designated safeguarding lead"} <= titles
    assert all(s.team for s in staff if s.role is StaffRole.REFERRER)
    venues = session.exec(select(Venue)).all()
    assert len(venues) >= 6 and all(v.address and v.access_notes for v in venues)

    sizes = session.exec(select(func.count()).select_from(NetworkMember).group_by(NetworkMember.case_id)).all()
    assert len(sizes) == SIZE and min(sizes) >= 6 and max(sizes) <= 30
    assert session.exec(select(FgdmOffer.id).where(FgdmOffer.in_lbp == False)).first()  # noqa: E712
    assert session.exec(select(FgdmOffer.id).where(FgdmOffer.in_lbp == True)).first()  # noqa: E712

    wall_clock = {to_london(start).time() for start in session.exec(select(Meeting.starts_at))}
    assert wall_clock <= {time(10, 0), time(11, 0), time(13, 30), time(17, 30)}
    offsets = {to_london(start).utcoffset() for start in session.exec(select(Meeting.starts_at))}
    assert len(offsets) == 2, "meetings on both sides of a clock change keep their London wall-clock time"


def test_the_pre_proceedings_children_make_a_census_with_no_errors_and_every_query(generated):
    """The census year of the frozen day: every pre-proceedings child has an LAchildID and exports with no error,
    and the children the census would query (9000Q, 9010Q, 9015Q) are there for the checks screen to show."""
    from fgdm.services import reports

    ctx, _summary = generated
    found = reports.cin_module5(ctx, reports.census_year("2026-27"))
    assert found.blocks and found.without_id == []
    assert found.errors == [], found.errors
    assert {finding.code for finding in found.queries} == {"9000Q", "9010Q", "9015Q"}
    last_year = reports.cin_module5(ctx, reports.census_year("2025-26"))
    assert last_year.errors == []
    assert [finding.code for finding in reports.cin_module5(ctx, reports.census_year("2024-25")).queries] == [
        "8995Q"]
