"""Subject access: everything fgdm holds about one person, with everyone else's details redacted.

Plans and meetings involve several people, so the export keeps the person's own data whole and replaces
every other person's name (wherever it appears, free text included) with a neutral marker. The export
itself is recorded in the audit trail.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import col, or_, select

from fgdm.domain.enums import StaffRole
from fgdm.models import (
    AuditEvent,
    Case,
    CaseChild,
    FamilyPlan,
    FgdmOffer,
    LetterRecord,
    Meeting,
    MeetingAttendee,
    NetworkMember,
    Person,
    PlanAction,
    PlanDistribution,
    Relationship,
    SupportItem,
)
from fgdm.services.shared import access, audit_trail
from fgdm.services.shared.audit_trail import plain
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound

REDACTED = "[another person]"


@dataclass(frozen=True)
class SubjectAccessExport:
    person_id: int
    json_path: Path
    docx_path: Path
    sections: dict[str, int]


def _row(record: Any, *, skip: set[str] = frozenset({"version", "search_text"})) -> dict[str, Any]:
    return {name: plain(getattr(record, name)) for name in type(record).model_fields if name not in skip}


class Redactor:
    """Replaces other people's names in any text, longest first so a full name goes before its parts."""

    def __init__(self, others: list[Person], subject: Person) -> None:
        own = {subject.full_name, subject.given_name, subject.family_name, subject.known_as}
        names: set[str] = set()
        for person in others:
            names.update(part for part in (person.full_name, person.given_name, person.family_name,
                                           person.known_as, person.address, person.phone, person.email)
                         if part and len(part.strip()) > 1 and part not in own)
        ordered = sorted(names, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(n) for n in ordered)) if ordered else None

    def text(self, value: Any) -> Any:
        if isinstance(value, str) and self.pattern is not None:
            return self.pattern.sub(REDACTED, value)
        if isinstance(value, dict):
            return {key: self.text(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.text(item) for item in value]
        return value


def collect(ctx: ServiceContext, person_id: int) -> dict[str, Any]:
    """The person's data as one JSON-ready document, other people redacted."""
    access.require_role(ctx, StaffRole.MANAGER, StaffRole.ADMINISTRATOR, doing="answer a subject access request")
    session = ctx.session
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"there is no person with id {person_id}")
    memberships = session.exec(select(NetworkMember).where(NetworkMember.person_id == person_id)).all()
    as_child = session.exec(select(CaseChild).where(CaseChild.person_id == person_id)).all()
    case_ids = sorted({m.case_id for m in memberships} | {c.case_id for c in as_child})
    member_ids = [m.id for m in memberships]

    others = session.exec(
        select(Person).where(Person.id != person_id, or_(
            col(Person.id).in_(select(NetworkMember.person_id).where(col(NetworkMember.case_id).in_(case_ids))),
            col(Person.id).in_(select(CaseChild.person_id).where(col(CaseChild.case_id).in_(case_ids))))))
    redactor = Redactor(list(others.all()), person)

    cases = {case.id: case for case in session.exec(select(Case).where(col(Case.id).in_(case_ids)))}
    meetings = session.exec(
        select(Meeting, MeetingAttendee).join(MeetingAttendee, MeetingAttendee.meeting_id == Meeting.id)
        .where(col(MeetingAttendee.network_member_id).in_(member_ids))).all()
    plans_led = session.exec(select(FamilyPlan).where(col(FamilyPlan.plan_lead_member_id).in_(member_ids))).all()
    actions = session.exec(select(PlanAction, FamilyPlan).join(FamilyPlan, FamilyPlan.id == PlanAction.plan_id)
                           .where(col(PlanAction.who_member_id).in_(member_ids))).all()
    relationships = session.exec(select(Relationship).where(or_(Relationship.from_person_id == person_id,
                                                                Relationship.to_person_id == person_id))).all()
    own_records = [("person", person_id)] + [("network_member", m) for m in member_ids]
    events = session.exec(select(AuditEvent).where(or_(*(
        (AuditEvent.table_name == table) & (AuditEvent.record_id == record) for table, record in own_records))
    ).order_by(AuditEvent.id)).all()

    document: dict[str, Any] = {
        "format": "fgdm-subject-access", "version": 1, "produced_on": ctx.today().isoformat(),
        "note": f"Other people's names and contact details are replaced by {REDACTED!r}.",
        "person": _row(person, skip={"version", "merged_into_id"}),
        "cases": [{"reference": cases[c].reference, "status": cases[c].status.value,
                   "referral_date": cases[c].referral_date.isoformat()} for c in case_ids],
        "network_memberships": [{**_row(m), "case": cases[m.case_id].reference} for m in memberships],
        "as_a_child": [{**_row(c), "case": cases[c.case_id].reference} for c in as_child],
        "relationships": [{"kind": r.kind.value, "direction": "from" if r.from_person_id == person_id else "to",
                           "quality": r.quality.value, "other_person": REDACTED} for r in relationships],
        "meetings": [{"case": cases[m.case_id].reference, "kind": m.kind.value, "status": m.status.value,
                      "starts_at": m.starts_at.isoformat(), "attendance": a.attendance.value} for m, a in meetings],
        "offers": [_row(o) for o in session.exec(select(FgdmOffer)
                                                 .where(col(FgdmOffer.network_member_id).in_(member_ids)))],
        "letters": [_row(letter) for letter in session.exec(select(LetterRecord)
                                                              .where(LetterRecord.person_id == person_id))],
        "plans_led": [{"case": cases[p.case_id].reference, "version": p.version_no, "status": p.status.value}
                      for p in plans_led],
        "plan_actions": [{"case": cases[p.case_id].reference, "plan_version": p.version_no, "what": a.what,
                          "by_when": plain(a.by_when), "status": a.status.value} for a, p in actions],
        "plans_sent_to_them": [_row(d) for d in session.exec(select(PlanDistribution)
                                                              .where(PlanDistribution.person_id == person_id))],
        "support_items": [_row(s) for s in session.exec(select(SupportItem)
                                                        .where(col(SupportItem.recipient_member_id).in_(member_ids)))],
        "record_history": [{"at": e.at.isoformat(), "actor": e.actor, "action": e.action, "record": e.table_name,
                            "changes": json.loads(e.changes)} for e in events],
    }
    own = document.pop("person")
    redacted = redactor.text(document)
    redacted["person"] = own
    return redacted


def export(ctx: ServiceContext, person_id: int, out_dir: Path) -> SubjectAccessExport:
    """Write the JSON and .docx copies (owner-readable only) and record that the export happened."""
    from fgdm.documents.subject_access import write_docx
    from fgdm.files import write_private_text

    document = collect(ctx, person_id)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"subject-access-{document['person']['uid']}"
    json_path, docx_path = out_dir / f"{stem}.json", out_dir / f"{stem}.docx"
    write_private_text(json_path, json.dumps(document, ensure_ascii=False, indent=2))
    write_docx(document, docx_path)
    sections = {key: len(value) for key, value in document.items() if isinstance(value, list)}
    with ctx.write():
        audit_trail.record_event(ctx.session, action="subject_access", table_name="person", record_id=person_id,
                                 case_id=None, details={"files": [json_path.name, docx_path.name], **sections})
    return SubjectAccessExport(person_id=person_id, json_path=json_path, docx_path=docx_path, sections=sections)
