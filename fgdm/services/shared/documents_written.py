"""Every file fgdm writes for a case is recorded on the case, in the transaction that audits it, so the case's
Documents list can show it, open it and write it again from what it was written from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlmodel import Session

from fgdm.domain.enums import DocumentKind
from fgdm.models import CaseDocument
from fgdm.services.shared.audit_trail import plain


def record_document(session: Session, *, case_id: int, kind: DocumentKind, title: str, path: Path,
                    reprint: dict[str, Any], person_id: int | None = None, recipient: str = "") -> CaseDocument:
    """Add the document to the case's list; `reprint` holds what writing it again needs (kind, version...)."""
    document = CaseDocument(case_id=case_id, kind=kind, title=title[:200], person_id=person_id,
                            recipient=recipient[:200], path=str(path.absolute()), generated_at=session.info["clock"](),
                            generated_by=session.info.get("actor", ""),
                            reprint=json.dumps({key: plain(value) for key, value in reprint.items()}))
    session.add(document)
    session.flush()
    return document
