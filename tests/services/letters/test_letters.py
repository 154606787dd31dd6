"""Letters through the services on both back ends: generated, recorded on the case, audited."""

from __future__ import annotations

from sqlmodel import select

from fgdm.domain.enums import LetterKind
from fgdm.models import AuditEvent
from fgdm.services import letters
from tests.documents.test_letters import build_family, docx_text


def test_offer_letters_are_recorded_and_audited(ctx, tmp_path) -> None:
    family = build_family(ctx)
    made = letters.generate_pending_offers(ctx, family.case.id, output_dir=tmp_path)
    assert sorted(m.language for m in made) == ["cy", "pl", "ur"]
    assert all("Zoë O'Connor-Nowak" in docx_text(m.path) for m in made)
    listed = letters.list_letters(ctx, family.case.id)
    assert {(row.kind, row.person_id) for row in listed} == {(LetterKind.OFFER, m.person_id) for m in made}
    events = ctx.session.exec(select(AuditEvent).where(AuditEvent.action == "letter",
                                                       AuditEvent.case_id == family.case.id)).all()
    assert len(events) == 3 and all(event.actor == "owner" for event in events)
