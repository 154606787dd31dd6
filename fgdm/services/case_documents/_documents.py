"""The case's Documents list: every letter, plan, map, invitation and export fgdm wrote for the case.

Each was recorded as it was written (`fgdm.services.shared.documents_written`), with what it was written from,
so it can be opened where it is, or written again from the case as it stands now (a reprint: a letter dated
today, the same plan version, the map as the network is now).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from fgdm import files
from fgdm.domain.enums import DocumentKind
from fgdm.models import CaseDocument, Person, person_name
from fgdm.services import case_file
from fgdm.services.shared import access, documents_written
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import NotFound, ValidationFailed


@dataclass(frozen=True)
class DocumentView:
    id: int
    case_id: int
    kind: DocumentKind
    title: str
    recipient: str
    path: Path
    generated_at: datetime
    generated_by: str

    @property
    def exists(self) -> bool:
        """Whether the file is still where it was written (it may have been moved or deleted since)."""
        return self.path.is_file()

    def why_not_opened(self) -> str | None:
        """Why the file is not handed to the desktop to open, or None. Only a file of the kind fgdm wrote is
        opened: a record changed outside fgdm (plain SQL on the team database) may name any file, and the
        desktop runs some kinds of file rather than showing them."""
        if not self.path.is_absolute() or self.path.suffix.lower() not in WRITTEN_AS[self.kind] \
                or self.path.is_symlink():
            return (f"{self.path} is not a {self.kind.label.lower()} as fgdm writes one, so fgdm does not open it; "
                    "reprint it (p) to write it again")
        return None


WRITTEN_AS = {DocumentKind.LETTER: (".docx", ".pdf"), DocumentKind.PLAN: (".docx", ".pdf"),
              DocumentKind.NETWORK_MAP: (".docx", ".pdf"), DocumentKind.INVITATION: (".ics",),
              DocumentKind.CASE_FILE: (".json",)}
"""The files fgdm writes for each kind of document."""


_LISTED = (select(CaseDocument, Person.given_name, Person.family_name)
           .join(Person, col(Person.id) == CaseDocument.person_id, isouter=True))


def _view(document: CaseDocument, given: str | None, family: str | None) -> DocumentView:
    recipient = person_name(given, family) if given is not None else document.recipient
    return DocumentView(id=document.id, case_id=document.case_id, kind=document.kind,  # type: ignore[arg-type]
                        title=document.title, recipient=recipient, path=Path(document.path),
                        generated_at=document.generated_at, generated_by=document.generated_by)


def list_documents(ctx: ServiceContext, case_id: int) -> list[DocumentView]:
    """The case's documents, the latest first."""
    access.case_for_read(ctx, case_id)
    rows = ctx.session.exec(_LISTED.where(CaseDocument.case_id == case_id)
                            .order_by(col(CaseDocument.generated_at).desc(), col(CaseDocument.id).desc())).all()
    return [_view(*row) for row in rows]


def _document(ctx: ServiceContext, document_id: int) -> tuple[CaseDocument, str | None, str | None]:
    row = ctx.session.exec(_LISTED.where(CaseDocument.id == document_id)).first()
    if row is None:
        raise NotFound(f"there is no document {document_id}; `fgdm documents list --case REF` shows each "
                       "document's number")
    access.case_for_read(ctx, row[0].case_id)
    return row  # type: ignore[return-value]


def get_document(ctx: ServiceContext, document_id: int) -> DocumentView:
    """One document, to open: its file and whether it is still there."""
    return _view(*_document(ctx, document_id))


def reprint(ctx: ServiceContext, document_id: int) -> Path:
    """Write the document again from the case as it stands, as the first time (recorded and audited again);
    the file it replaces, if any, is replaced, as writing it again means (a case file is written again into the
    output folder)."""
    document, _, _ = _document(ctx, document_id)
    case_id = document.case_id
    access.case_for_write(ctx, case_id)
    made: dict[str, Any] = json.loads(document.reprint)
    # The writers of each kind (and python-docx, Jinja and icalendar behind them) are imported only to reprint:
    # listing documents, and `fgdm export`/`import` which share this module, need none of them.
    from fgdm.services import letters, meetings, network, plans

    with files.replacing(True):
        if document.kind is DocumentKind.LETTER:
            if document.person_id is None:
                raise ValidationFailed.one("document", "the person this letter was for is no longer on file; "
                                                       "write a new letter from the Offers & letters tab")
            return letters.generate_letter(ctx, case_id, document.person_id, made["letter"],
                                           language=made.get("language"), meeting_id=made.get("meeting_id")).path
        if document.kind is DocumentKind.PLAN:
            version = made.get("version_no")
            return plans.print_plan(ctx, case_id, plans.default_output(ctx, case_id, version), version_no=version,
                                    language=made.get("language")).docx
        if document.kind is DocumentKind.NETWORK_MAP:
            return network.print_network_map(ctx, case_id, shareable=bool(made.get("shareable")),
                                             for_person_id=made.get("for_person_id")).docx
        if document.kind is DocumentKind.INVITATION:
            meeting_id = int(made["meeting_id"])
            return meetings.save_meeting_ics(ctx, meeting_id,
                                             meetings.default_ics_path(ctx, meeting_id, document.person_id),
                                             for_person_id=document.person_id)
        # Into the output folder, by the recorded file's name: the record may have been changed to name any file.
        name = Path(document.path).name
        return write_case_file(ctx, case_id, ctx.settings.output_folder() / (
            name if name.lower().endswith(".json") and not name.startswith(".") else f"case-{case_id}.json"))


def write_case_file(ctx: ServiceContext, case_id: int, path: Path) -> Path:
    """Export the whole case as a JSON case file to `path` and list it among the case's documents."""
    text = json.dumps(case_file.export_case(ctx, case_id), ensure_ascii=False, indent=2) + "\n"
    files.write_private_bytes(path, text.encode("utf-8"))
    with ctx.write() as session:
        documents_written.record_document(session, case_id=case_id, kind=DocumentKind.CASE_FILE,
                                          title="Case file (JSON)", path=path, recipient="Transfer", reprint={})
    return path.absolute()


__all__ = ["DocumentView", "get_document", "list_documents", "reprint", "write_case_file"]
