"""The council's letterhead: letters, plans, maps and the quarterly report are written into the council's own
Word document (its header with the logo and address, its footer, its fonts), and a plain one is shipped."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from fgdm.documents.letterhead import letterhead_path
from fgdm.domain.periods import parse_quarter
from fgdm.services import letters, network, plans, reports
from fgdm.services.shared.context import ServiceContext
from tests.documents.test_family_plan import _agreed_plan
from tests.documents.test_letters import build_family
from tests.documents.test_print_quality import ctx, has_page_numbers  # noqa: F401  (the fixture)
from tests.services.network.test_network_family import build_family as build_network

ADDRESS = "Exampleshire County Council, County Hall, Exampleton EX1 1AA"


def council_letterhead(folder: Path) -> Path:
    """A council's letterhead as Word would save it: address in the header, a footer line, its own font."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = ADDRESS
    document.sections[0].footer.paragraphs[0].text = "Exampleshire: working with families"
    document.styles["Normal"].font.name = "Georgia"
    document.add_paragraph("Body text in the letterhead file is not carried into documents.")
    folder.mkdir(parents=True, exist_ok=True)
    document.save(str(folder / "letterhead.docx"))
    return folder


def test_a_plain_letterhead_is_shipped() -> None:
    shipped = docx.Document(str(letterhead_path(None)))
    section = shipped.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert shipped.styles["Normal"].font.size == Pt(11) and not any(p.text for p in shipped.paragraphs)


@pytest.mark.parametrize("kind", ["letter", "plan", "map", "quarterly report"])
def test_every_document_is_written_into_the_councils_letterhead(ctx: ServiceContext, tmp_path, kind) -> None:  # noqa: F811
    ctx.settings = ctx.settings.model_copy(update={"template_dir": council_letterhead(tmp_path / "council")})
    if kind == "letter":
        family = build_family(ctx)
        path = letters.generate_letter(ctx, family.case.id, family.mother.person_id, "offer",
                                       output=tmp_path / "letter.docx").path
    elif kind == "plan":
        path = plans.print_plan(ctx, _agreed_plan(ctx).id, tmp_path / "plan.docx").docx
    elif kind == "map":
        path = network.print_network_map(ctx, build_network(ctx).case.id, tmp_path / "map.docx").docx
    else:
        build_network(ctx)
        report = reports.quarterly_return(ctx, parse_quarter("2026-Q2"))
        path = reports.write_summary(ctx, report, tmp_path / "report.docx")
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == ADDRESS
    assert section.footer.paragraphs[0].text == "Exampleshire: working with families"
    assert has_page_numbers(document) and len(section.footer.paragraphs) >= 2
    assert document.styles["Normal"].font.name == "Georgia"
    assert "Body text in the letterhead file" not in "\n".join(p.text for p in document.paragraphs)
    assert any(p.style.style_id in ("Heading1", "Title") for p in document.paragraphs)
    assert document.core_properties.comments == ""
    if kind == "quarterly report":
        assert any(p.text == "FGDM quarterly return: 2026-Q2" for p in section.footer.paragraphs)
        assert all(table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for table in document.tables)
    if kind == "map":
        assert section.page_width > section.page_height and abs(section.left_margin - Cm(1.5)) < Cm(0.01)
