"""The retention schedule: which closed cases are due for erasure, and erasing one.

Erasure removes personal data (names, contact details, free text, the values in the case's audit events)
but keeps the structured facts the quarterly returns already counted: dates, stages, offers' responses,
meetings held, amounts. Fully erased people stay as anonymous rows so past counts do not change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, update
from sqlmodel import Session, col, or_, select

from fgdm.domain.enums import CaseStatus, StaffRole
from fgdm.domain.retention import RetentionRule, case_keep_until, record_class
from fgdm.models import (
    Agency,
    AuditEvent,
    BestInterestsException,
    Case,
    CaseChild,
    CaseDocument,
    CaseNote,
    ChildOutcome,
    FamilyPlan,
    FgdmOffer,
    LetterRecord,
    Meeting,
    NetworkMember,
    Person,
    PlanAction,
    PlanDistribution,
    PlanQuestion,
    Relationship,
    SubjectAccessDraft,
    SupportItem,
)
from fgdm.services.shared import access, audit_trail
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import ValidationFailed

ERASED = "[erased]"


@dataclass(frozen=True)
class RetentionDue:
    case_id: int
    reference: str
    record_class: str
    keep_until: date
    closed_on: date | None


def _rule(ctx: ServiceContext) -> RetentionRule:
    return RetentionRule(years_after_18=ctx.settings.retention_years_after_18,
                         looked_after_age=ctx.settings.retention_looked_after_age)


def review(ctx: ServiceContext, *, as_of: date | None = None) -> list[RetentionDue]:
    """Closed, not yet erased cases whose every child is past their retention date."""
    access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="review retention")
    today = as_of or ctx.today()
    rows = ctx.session.exec(
        select(Case.id, Case.reference, Case.closed_on, CaseChild.legal_status, Person.date_of_birth,
               CaseChild.due_date)
        .join(CaseChild, CaseChild.case_id == Case.id).join(Person, Person.id == CaseChild.person_id)
        .where(Case.status == CaseStatus.CLOSED, col(Case.erased_at).is_(None))).all()
    children: dict[int, list] = {}
    meta: dict[int, tuple[str, date | None]] = {}
    for case_id, reference, closed_on, status, born, due in rows:
        meta[case_id] = (reference, closed_on)
        children.setdefault(case_id, []).append((born or due, status))
    due_cases = []
    for case_id, kids in children.items():
        if any(born is None for born, _ in kids):
            continue
        until = case_keep_until(kids, _rule(ctx))
        if until is not None and until <= today:
            reference, closed_on = meta[case_id]
            due_cases.append(RetentionDue(case_id, reference, record_class(s for _, s in kids), until, closed_on))
    return sorted(due_cases, key=lambda d: (d.keep_until, d.reference))


def erase(ctx: ServiceContext, case_id: int, *, confirm_reference: str) -> dict[str, int]:
    """Erase a due case's personal data; `confirm_reference` must repeat the case reference."""
    access.require_role(ctx, StaffRole.ADMINISTRATOR, doing="erase records under the retention schedule")
    case = access.case_for_write(ctx, case_id)
    if confirm_reference.strip() != case.reference:
        raise ValidationFailed.one("confirm", f"type the case reference {case.reference} to confirm the erasure")
    if case.erased_at is not None:
        raise ValidationFailed.one("case", f"{case.reference} was already erased")
    if case_id not in {d.case_id for d in review(ctx)}:
        raise ValidationFailed.one("case", f"{case.reference} is not due for erasure: it must be closed and past "
                                           "the retention date of every child (see `fgdm retention review`)")
    s = ctx.session
    with ctx.write():
        now = ctx.now()
        members = s.exec(select(NetworkMember.id, NetworkMember.person_id)
                         .where(NetworkMember.case_id == case_id)).all()
        member_ids = [m for m, _ in members]
        people = {p for _, p in members} | set(s.exec(select(CaseChild.person_id).where(CaseChild.case_id == case_id)))
        shared = set(s.exec(select(NetworkMember.person_id).join(Case, Case.id == NetworkMember.case_id).where(
            col(NetworkMember.person_id).in_(people), NetworkMember.case_id != case_id, col(Case.erased_at).is_(None))))
        shared |= set(s.exec(select(CaseChild.person_id).join(Case, Case.id == CaseChild.case_id).where(
            col(CaseChild.person_id).in_(people), CaseChild.case_id != case_id, col(Case.erased_at).is_(None))))
        erasable = sorted(people - shared)
        plan_ids = list(s.exec(select(FamilyPlan.id).where(FamilyPlan.case_id == case_id)))
        meeting_ids = list(s.exec(select(Meeting.id).where(Meeting.case_id == case_id)))
        for field in ("referral_reason", "desired_outcome", "consent_to_refer_by", "consent_to_share_by",
                      "network_contact_consent_by", "bottom_lines", "questions_for_family", "resources_on_offer",
                      "cultural_needs", "access_needs", "closure_note"):
            setattr(case, field, "")
        case.family_name = ERASED
        case.search_text = case.reference.casefold()
        case.erased_at = now
        s.flush()
        s.exec(update(Person).where(col(Person.id).in_(erasable)).values(
            given_name=ERASED, family_name="", known_as="", date_of_birth=None, phone="", email="", address="",
            address_confidential=False, access_needs="", erased_at=now, version=col(Person.version) + 1))
        s.exec(update(NetworkMember).where(NetworkMember.case_id == case_id).values(
            excluded_reason="", excluded_by="", consent_override_reason="", notes=""))
        touching = or_(col(Relationship.from_person_id).in_(erasable), col(Relationship.to_person_id).in_(erasable))
        relationship_ids = list(s.exec(select(Relationship.id).where(touching))) + _gone_relationships(s, erasable)
        redacted = s.exec(update(AuditEvent).where(or_(
            AuditEvent.case_id == case_id,
            (AuditEvent.table_name == "person") & col(AuditEvent.record_id).in_(erasable),
            (AuditEvent.table_name == "relationship") & col(AuditEvent.record_id).in_(relationship_ids))).values(
            changes=json.dumps({"redacted": "erased under the retention schedule"})))
        s.exec(delete(Relationship).where(touching))
        # A subject access draft copies the case's records: it goes with them, for everyone in the case.
        s.exec(delete(SubjectAccessDraft).where(col(SubjectAccessDraft.person_id).in_(people)))
        s.exec(delete(Agency).where(Agency.case_id == case_id))
        s.exec(update(Meeting).where(Meeting.case_id == case_id).values(
            notes="", location_note="", advocate_name="", status_reason=""))
        s.exec(update(FgdmOffer).where(FgdmOffer.case_id == case_id).values(notes=""))
        s.exec(update(BestInterestsException).where(BestInterestsException.case_id == case_id).values(
            reason=ERASED, decided_by=""))
        s.exec(update(LetterRecord).where(LetterRecord.case_id == case_id).values(filename=""))
        s.exec(delete(CaseNote).where(col(CaseNote.case_id) == case_id))
        s.exec(update(CaseDocument).where(col(CaseDocument.case_id) == case_id).values(
            title=ERASED, recipient="", path="", reprint="{}"))
        s.exec(update(FamilyPlan).where(FamilyPlan.case_id == case_id).values(
            bottom_lines="", child_views="", contingency="", not_agreed_detail="", decision_by=""))
        s.exec(delete(PlanQuestion).where(col(PlanQuestion.plan_id).in_(plan_ids)))
        s.exec(update(PlanAction).where(col(PlanAction.plan_id).in_(plan_ids)).values(
            what=ERASED, who_text="", checked_by=""))
        s.exec(update(PlanDistribution).where(col(PlanDistribution.plan_id).in_(plan_ids)).values(recipient_name=""))
        s.exec(update(SupportItem).where(SupportItem.case_id == case_id).values(
            description="", declined_reason="", approval_exception=""))
        s.exec(update(ChildOutcome).where(col(ChildOutcome.case_child_id).in_(
            select(CaseChild.id).where(CaseChild.case_id == case_id))).values(note=""))
        counts = {"people_erased": len(erasable), "people_kept_for_other_cases": len(shared),
                  "network_members": len(member_ids), "meetings": len(meeting_ids), "plans": len(plan_ids),
                  "audit_events_redacted": redacted.rowcount}
        audit_trail.record_event(s, action="retention_erase", table_name="fgdm_case", record_id=case_id,
                                 case_id=None, details={"reference": case.reference, **counts})
    _leave_no_copies(ctx)
    return counts


def _gone_relationships(session: Session, people: list[int]) -> list[int]:
    """Relationships of these people deleted before the erasure: their values live on only in audit events."""
    gone = []
    rows = session.exec(select(AuditEvent.record_id, AuditEvent.changes).where(
        AuditEvent.table_name == "relationship", AuditEvent.action == "delete"))
    for record_id, changes in rows:
        values = json.loads(changes or "{}")
        ends = set()
        for key in ("from_person_id", "to_person_id"):
            value = values.get(key)
            ends |= set(value) if isinstance(value, list) else {value}
        if record_id is not None and ends & set(people):
            gone.append(record_id)
    return gone


def _leave_no_copies(ctx: ServiceContext) -> None:
    """On SQLite, fold the write-ahead log into the file and empty it, so the old pages (which still hold what
    was erased) do not linger there; secure_delete has already zeroed them in the file itself."""
    bind = ctx.session.get_bind()
    if bind.dialect.name == "sqlite":
        ctx.session.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        ctx.session.commit()
