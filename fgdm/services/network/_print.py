"""Printing the family network map: the coordinator's copy, or the shareable copy for the family."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fgdm.documents.network_map import ShareableLeak, write_network_map
from fgdm.documents.pdf import PdfUnavailable, convert_to_pdf
from fgdm.domain.enums import DocumentKind
from fgdm.i18n import DEFAULT_LOCALE, has_translation
from fgdm.services.network._members import network_picture, shareable_network
from fgdm.services.shared import access, audit_trail, documents_written
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import SafetyBreach, ValidationFailed


@dataclass
class PrintedMap:
    docx: Path
    shareable: bool
    pdf: Path | None = None
    pdf_problem: str = ""
    language: str = DEFAULT_LOCALE
    language_note: str = ""
    """Said when the language asked for has no translation of the map, so it was printed in English."""


def map_language(case_language: str | None, language: str | None, *, shareable: bool) -> tuple[str, str]:
    """The language asked for, else the family's for their shareable copy (the coordinator's copy is in
    English); English, and a note saying so, where the map has no translation for it."""
    wanted = (language or (case_language if shareable else None) or DEFAULT_LOCALE).strip()
    if has_translation(wanted, "maps"):
        return wanted, ""
    return DEFAULT_LOCALE, (f"the network map has no translation for {wanted}; it was printed in English: "
                            "arrange an interpreter or a translated copy")


def default_map_path(ctx: ServiceContext, reference: str, *, shareable: bool, for_person_id: int | None = None) -> Path:
    folder = ctx.settings.output_folder()
    variant = f"person{for_person_id}" if for_person_id is not None else "shareable" if shareable else "coordinator"
    return folder / f"{reference}-network-map-{variant}-{ctx.today().isoformat()}.docx"


def print_network_map(ctx: ServiceContext, case_id: int, output: Path | None = None, *, shareable: bool = False,
                      pdf: bool = False, language: str | None = None, for_person_id: int | None = None) -> PrintedMap:
    """Write the map as .docx (and PDF when asked and LibreOffice is installed); the print is audited. The
    shareable copy is in the family's language unless `language` says otherwise.

    A copy for one person (``for_person_id``) is shareable and shows what the disclosure rule lets them learn.
    """
    case = access.case_for_read(ctx, case_id)
    shareable = shareable or for_person_id is not None
    chosen, note = map_language(case.language, language, shareable=shareable)
    picture = shareable_network(ctx, case_id, for_person_id) if shareable else network_picture(ctx, case_id)
    default = default_map_path(ctx, case.reference, shareable=shareable, for_person_id=for_person_id)
    target = output if output is not None else default
    if target.is_dir():
        target = target / default.name
    if target.suffix.lower() != ".docx":
        raise ValidationFailed.one("output", f"{target} should end in .docx")
    try:
        path = write_network_map(picture, target, printed_on=ctx.today(), council_dir=ctx.settings.template_dir,
                                 language=chosen)
    except ShareableLeak as leak:
        raise SafetyBreach.one("shareable", f"{leak}. Check members' free text (relationship, agency names) "
                               "for the name or address of someone withheld") from None
    printed = PrintedMap(docx=path, shareable=shareable, language=chosen, language_note=note)
    if pdf:
        try:
            printed.pdf = convert_to_pdf(path)
        except PdfUnavailable as problem:
            printed.pdf_problem = f"{problem}; the .docx was written"
    with ctx.write() as session:
        audit_trail.record_event(session, action="network_map_printed", table_name="fgdm_case", record_id=case.id,
                                 case_id=case.id, details={"file": path.name, "shareable": shareable,
                                                           "for_person_id": for_person_id,
                                                           "pdf": printed.pdf is not None, "language": chosen})
        documents_written.record_document(
            session, case_id=case_id, kind=DocumentKind.NETWORK_MAP,
            title=("Network map, a person's own copy" if for_person_id is not None
                   else "Network map, shareable copy" if shareable else "Network map, coordinator's copy"),
            path=path, person_id=for_person_id,
            recipient="The family" if shareable else "Coordinator",
            reprint={"shareable": shareable, "for_person_id": for_person_id})
    return printed


__all__ = ["PrintedMap", "default_map_path", "map_language", "print_network_map"]
