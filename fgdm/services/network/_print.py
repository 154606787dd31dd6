"""Printing the family network map: the coordinator's copy, or the shareable copy for the family."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fgdm.config import data_dir
from fgdm.documents.network_map import ShareableLeak, write_network_map
from fgdm.documents.pdf import PdfUnavailable, convert_to_pdf
from fgdm.services.network._members import network_picture, shareable_network
from fgdm.services.shared import access, audit_trail
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import SafetyBreach, ValidationFailed


@dataclass
class PrintedMap:
    docx: Path
    shareable: bool
    pdf: Path | None = None
    pdf_problem: str = ""


def default_map_path(ctx: ServiceContext, reference: str, *, shareable: bool, for_person_id: int | None = None) -> Path:
    folder = ctx.settings.output_dir or data_dir() / "network-maps"
    variant = f"person{for_person_id}" if for_person_id is not None else "shareable" if shareable else "coordinator"
    return folder / f"{reference}-network-map-{variant}-{ctx.today().isoformat()}.docx"


def print_network_map(ctx: ServiceContext, case_id: int, output: Path | None = None, *, shareable: bool = False,
                      pdf: bool = False, for_person_id: int | None = None) -> PrintedMap:
    """Write the map as .docx (and PDF when asked and LibreOffice is installed); the print is audited.

    A copy for one person (``for_person_id``) is shareable and shows what the disclosure rule lets them learn.
    """
    case = access.case_for_read(ctx, case_id)
    shareable = shareable or for_person_id is not None
    picture = shareable_network(ctx, case_id, for_person_id) if shareable else network_picture(ctx, case_id)
    default = default_map_path(ctx, case.reference, shareable=shareable, for_person_id=for_person_id)
    target = output if output is not None else default
    if target.is_dir():
        target = target / default.name
    if target.suffix.lower() != ".docx":
        raise ValidationFailed.one("output", f"{target} should end in .docx")
    try:
        path = write_network_map(picture, target, printed_on=ctx.today(), council_dir=ctx.settings.template_dir)
    except ShareableLeak as leak:
        raise SafetyBreach.one("shareable", f"{leak}. Check members' free text (relationship, agency names) "
                               "for the name or address of someone withheld") from None
    printed = PrintedMap(docx=path, shareable=shareable)
    if pdf:
        try:
            printed.pdf = convert_to_pdf(path)
        except PdfUnavailable as problem:
            printed.pdf_problem = f"{problem}; the .docx was written"
    with ctx.write() as session:
        audit_trail.record_event(session, action="network_map_printed", table_name="fgdm_case", record_id=case.id,
                                 case_id=case.id, details={"file": path.name, "shareable": shareable,
                                                           "for_person_id": for_person_id,
                                                           "pdf": printed.pdf is not None})
    return printed


__all__ = ["PrintedMap", "default_map_path", "print_network_map"]
