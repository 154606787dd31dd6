"""Every file written for a case is listed on it (what, for whom, where), opened from there or written again."""

from __future__ import annotations

from pathlib import Path

from fgdm.domain.enums import DocumentKind
from fgdm.services import case_documents, meetings, network
from fgdm.services.shared.context import ServiceContext
from tests.factories import make_case, make_staff
from tests.meetings_support import add_member, schedule


def test_a_map_and_an_invitation_are_listed_with_their_files_in_the_output_folder(
        ctx: ServiceContext, tmp_path: Path) -> None:
    coordinator = make_staff(ctx, "cdavies", name="Cerys Davies", email="cerys.davies@example.org")
    case = make_case(ctx, referral_date="2026-10-01", coordinator_id=coordinator.id)
    aunt = add_member(ctx, case, "Ngozi", email="ngozi@example.org")
    meeting = schedule(ctx, case, kind="baseline", network_member_ids=[aunt.id])
    printed = network.print_network_map(ctx, case.id, shareable=True)
    invitation = meetings.save_meeting_ics(ctx, meeting.id, meetings.default_ics_path(ctx, meeting.id, aunt.person_id),
                                           for_person_id=aunt.person_id)
    listed = case_documents.list_documents(ctx, case.id)
    assert [(d.kind, d.recipient, d.path) for d in listed] == [
        (DocumentKind.INVITATION, "Ngozi Okafor", invitation), (DocumentKind.NETWORK_MAP, "The family", printed.docx)]
    assert all(d.path.parent == tmp_path / "output" and d.exists for d in listed)


def test_a_reprint_writes_the_document_again_and_lists_it_again(ctx: ServiceContext) -> None:
    case = make_case(ctx)
    add_member(ctx, case, "Ngozi")
    printed = network.print_network_map(ctx, case.id)
    printed.docx.unlink()
    (document,) = case_documents.list_documents(ctx, case.id)
    assert not document.exists
    assert case_documents.reprint(ctx, document.id) == printed.docx
    assert printed.docx.is_file()
    assert [d.title for d in case_documents.list_documents(ctx, case.id)] == ["Network map, coordinator's copy"] * 2


def test_an_exported_case_file_is_listed(ctx: ServiceContext, tmp_path: Path) -> None:
    case = make_case(ctx)
    written = case_documents.write_case_file(ctx, case.id, tmp_path / "case.json")
    assert written.read_text(encoding="utf-8").startswith("{")
    assert case_documents.get_document(ctx, case_documents.list_documents(ctx, case.id)[0].id).path == written
