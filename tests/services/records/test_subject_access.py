"""A subject access export holds the person's own records and nobody else's details."""

from __future__ import annotations

import json
import os
import stat
import uuid

import pytest
from docx import Document
from sqlmodel import select

from fgdm.domain.enums import ContactStatus, Side
from fgdm.models import AuditEvent, FamilyPlan, NetworkMember, Person, PlanAction
from fgdm.services import records
from fgdm.services.shared.errors import PermissionDenied
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
    result = records.export(ctx, mother.id, tmp_path / "sar")
    document = json.loads(result.json_path.read_text(encoding="utf-8"))
    flat = json.dumps(document, ensure_ascii=False)
    assert document["person"]["address"] == "4 Willow Row, Exton"
    assert document["plan_actions"][0]["what"] == (
        "Siobhán drives [another person] to school; [another person] must not collect her")
    for secret in ("Darragh", "Quill", "9 Secret Lane", "07700 900123"):
        assert secret not in flat
        assert secret not in _docx_text(result.docx_path)
    assert "Siobhán" in _docx_text(result.docx_path)
    assert stat.S_IMODE(os.stat(result.json_path).st_mode) == 0o600
    assert hidden.id != mother.id
    recorded = ctx.session.exec(select(AuditEvent).where(AuditEvent.action == "subject_access")).one()
    assert recorded.record_id == mother.id


def test_only_managers_answer_subject_access(ctx, workspace, tmp_path):
    make_staff(ctx, "kofi", role="coordinator")
    case = make_case(ctx, coordinator_id=None)
    person, _ = _member(ctx, case, "Ama", "Mensah")
    with workspace.context("kofi") as coordinator, pytest.raises(PermissionDenied, match="subject access"):
        records.export(coordinator, person.id, tmp_path / "sar")
    assert not (tmp_path / "sar").exists()
