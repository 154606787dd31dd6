"""A subject access answer holds the person's own records and nobody else's details, and one for a person at the
centre of a safety concern waits for a manager's review."""

from __future__ import annotations

import json
import os
import stat
import uuid

import pytest
from docx import Document
from sqlmodel import select

from fgdm.domain import disclosure
from fgdm.domain.enums import ContactStatus, Side
from fgdm.models import AuditEvent, FamilyPlan, NetworkMember, Person, PlanAction
from fgdm.services import network, records
from fgdm.services.shared.errors import PermissionDenied, ValidationFailed
from tests.factories import make_case, make_staff


def _member(ctx, case, given, family, **facts):
    with ctx.write() as session:
        person = Person(uid=str(uuid.uuid4()), given_name=given, family_name=family,
                        address=facts.pop("address", ""), address_confidential=facts.pop("confidential", False),
                        phone=facts.pop("phone", ""))
        session.add(person)
        session.flush()
        member = NetworkMember(case_id=case.id, person_id=person.id, side=Side.MATERNAL, **facts)
        session.add(member)
    return person, member


def _docx_text(path):
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_export_keeps_own_data_and_redacts_everyone_else(ctx, tmp_path):
    case = make_case(ctx, family_name="Ní Bhriain")
    mother, mother_member = _member(ctx, case, "Siobhán", "Ní Bhriain", is_parent=True,
                                    parental_responsibility=True, address="4 Willow Row, Exton",
                                    contact_status=ContactStatus.INVITED)
    hidden, _ = _member(ctx, case, "Darragh", "Quill", not_to_be_told=True, address="9 Secret Lane, Wyford",
                        confidential=True, phone="07700 900123")
    with ctx.write() as session:
        plan = FamilyPlan(case_id=case.id)
        session.add(plan)
        session.flush()
        session.add(PlanAction(plan_id=plan.id, who_member_id=mother_member.id,
                               what="Siobhán drives Ada to school; Darragh Quill must not collect her"))
    draft = records.draft_subject_access(ctx, mother.id)
    assert not draft.for_review
    result = records.release_subject_access(ctx, draft.id, tmp_path / "sar")
    document = json.loads(result.json_path.read_text(encoding="utf-8"))
    flat = json.dumps(document, ensure_ascii=False)
    sections = {section["key"]: section["records"] for section in document["sections"]}
    details = {entry["field"]: entry["text"] for entry in sections["your_details"][0]}
    assert details["Address"] == "4 Willow Row, Exton"
    assert [entry["text"] for entry in sections["plan_actions"][0] if entry["field"] == "What"] == [
        "Siobhán drives [another person] to school; [another person] must not collect her"]
    for secret in ("Darragh", "Quill", "9 Secret Lane", "07700 900123"):
        assert secret not in flat
        assert secret not in _docx_text(result.docx_path)
    assert "Siobhán" in _docx_text(result.docx_path)
    assert stat.S_IMODE(os.stat(result.json_path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(result.docx_path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "sar").st_mode) == 0o700
    assert hidden.id != mother.id
    released = ctx.session.exec(select(AuditEvent).where(AuditEvent.action == "subject_access_release")).one()
    assert json.loads(released.changes)["person_id"] == mother.id


def test_someone_named_in_anothers_safety_notes_waits_for_review_and_only_a_manager_records_it(
        ctx, workspace, tmp_path):
    make_staff(ctx, "ruth", role="administrator")
    make_staff(ctx, "priya", role="manager")
    case = make_case(ctx)
    mother, _ = _member(ctx, case, "Siobhán", "Ní Bhriain", is_parent=True)
    _member(ctx, case, "Darragh", "Quill", not_to_be_told=True,
            notes="Must not learn where Siobhán Ní Bhriain lives: history of violence towards her.")
    with workspace.context("ruth") as administrator:
        draft = records.draft_subject_access(administrator, mother.id)
        assert draft.for_review and draft.review_reasons == (
            f"The safety notes of another person in {case.reference} name Siobhán Ní Bhriain.",)
        with pytest.raises(ValidationFailed, match="held for review"):
            records.release_subject_access(administrator, draft.id, tmp_path / "sar")
        with pytest.raises(PermissionDenied, match="only a manager may record the review"):
            records.review_subject_access(administrator, draft.id, reviewed_by="Ruth", reviewed_on=None, note="Ok")
    assert not (tmp_path / "sar").exists()
    with workspace.context("priya") as manager:
        with pytest.raises(ValidationFailed) as refused:
            records.review_subject_access(manager, draft.id, reviewed_by=" ", reviewed_on="2099-01-01", note="")
        assert set(refused.value.errors) == {"reviewed by", "note", "reviewed on"}
        reviewed = records.review_subject_access(manager, draft.id, reviewed_by="Priya Shah, service manager",
                                                 reviewed_on=None, note="Nothing of his is in it.")
        assert reviewed.state == "reviewed, ready to release"
        result = records.release_subject_access(manager, draft.id, tmp_path / "sar")
    text = _docx_text(result.docx_path)
    assert "violence" not in text and "Darragh" not in text and "Must not learn" not in text


def test_the_history_of_a_record_says_each_change_in_words(ctx):
    case = make_case(ctx)
    person, member = _member(ctx, case, "Rhiannon", "Idris")
    network.update_member(ctx, member.id, {"preferred_language": "cy", "date_of_birth": "1979-03-02"})
    draft = records.draft_subject_access(ctx, person.id)
    _summary, document = records.subject_access_document(ctx, draft.id)
    [history] = [section["records"] for section in document["sections"] if section["key"] == "record_history"]
    changed = {entry["field"]: (entry["text"], entry["value"]) for record in history for entry in record}
    assert changed["Preferred language"] == ("Welsh", "cy")
    assert changed["Date of birth"] == ("2 March 1979", "1979-03-02")
    assert changed["When"][0] == "23 November 2026, 10:00"


def test_the_answer_asks_the_disclosure_rule_what_the_person_may_learn(ctx, monkeypatch):
    case = make_case(ctx)
    mother, _ = _member(ctx, case, "Siobhán", "Ní Bhriain", is_parent=True,
                        notes="Needs calls after five", excluded_reason="")
    monkeypatch.setattr(disclosure, "may_learn", lambda *_args: False)  # the rule refuses everything
    draft = records.draft_subject_access(ctx, mother.id)
    _summary, document = records.subject_access_document(ctx, draft.id)
    flat = json.dumps(document, ensure_ascii=False)
    assert case.reference not in flat and "Needs calls after five" not in flat
    assert "Siobhán" in flat  # her own details are hers whatever the rule says of the case


def test_only_managers_answer_subject_access(ctx, workspace, tmp_path):
    make_staff(ctx, "kofi", role="coordinator")
    case = make_case(ctx, coordinator_id=None)
    person, _ = _member(ctx, case, "Ama", "Mensah")
    with workspace.context("kofi") as coordinator, pytest.raises(PermissionDenied, match="subject access"):
        records.draft_subject_access(coordinator, person.id)
    assert not (tmp_path / "sar").exists()
