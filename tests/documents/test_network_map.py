"""The printed network map, both variants, read back with python-docx and, where installed, LibreOffice."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image, ImageChops
from sqlmodel import select

from fgdm.documents import drawing
from fgdm.documents.network_map import ShareableLeak, document_text, write_network_map
from fgdm.documents.pdf import soffice_path
from fgdm.domain import ecomap, genogram
from fgdm.domain.network_picture import MemberEntry, NetworkPicture, make_shareable
from fgdm.models import AuditEvent
from fgdm.services import network
from fgdm.services.shared.errors import SafetyBreach
from tests.conftest import need_external
from tests.documents.test_network_map_safety import facts_of
from tests.domain.test_genogram import family
from tests.services.network.test_network_family import CONFIDENTIAL_ADDRESS, MOTHER_PHONE, NOT_TO_BE_TOLD, build_family


@pytest.fixture
def family_ctx(sqlite_workspace):  # type: ignore[no-untyped-def]
    with sqlite_workspace.context() as ctx:
        yield ctx, build_family(ctx)


def read_back(path: Path) -> str:
    return document_text(Document(str(path)))


def test_coordinators_copy_has_contact_details_and_safety_markers(family_ctx, tmp_path):
    ctx, family = family_ctx
    printed = network.print_network_map(ctx, family.case.id, tmp_path / "map.docx")
    document = Document(str(printed.docx))
    text = document_text(document)
    assert len(document.inline_shapes) == 2, "the genogram and the ecomap are drawn as images"
    assert "Coordinator's copy" in text
    assert "Consent to contact the network: Joy Okafor (mother), 1 October 2026" in text
    for expected in (CONFIDENTIAL_ADDRESS, MOTHER_PHONE, NOT_TO_BE_TOLD, "Not to be told", "Address confidential",
                     "Excluded: Threatened the mother in October (decided by Priya Shah with the team manager)",
                     "Yoruba, interpreter needed", "English", "Grace Okafor", "Attending", "office@riverside.example"):
        assert expected in text, expected
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    assert header[:2] == ["Name", "Relationship to the child"] and "Phone and email" in header
    assert len(document.tables[0].rows) == 1 + 23
    assert stat.S_IMODE(printed.docx.stat().st_mode) == 0o600


def test_shareable_copy_leaks_nothing(family_ctx, tmp_path):
    ctx, family = family_ctx
    printed = network.print_network_map(ctx, family.case.id, tmp_path, shareable=True)
    assert printed.docx.name == f"{family.case.reference}-network-map-shareable-2026-11-23.docx"
    document = Document(str(printed.docx))
    text = document_text(document)
    assert "Shareable copy" in text and len(document.inline_shapes) == 2
    for withheld in (NOT_TO_BE_TOLD, "Tunde", CONFIDENTIAL_ADDRESS, "Larkspur Close", MOTHER_PHONE, "07700",
                     "Threatened", "Not to be told", "Excluded", "Mother's home", "Grandparents' home",
                     "office@riverside.example", "Consent to contact"):
        assert withheld not in text, withheld
    assert "Household A" in text and "Household B" in text
    assert len(document.tables[0].rows) == 1 + 22
    events = ctx.session.exec(select(AuditEvent).where(AuditEvent.action == "network_map_printed")).all()
    assert len(events) == 1 and '"shareable": true' in events[0].changes


def test_map_converts_to_pdf_showing_the_member_table(family_ctx, tmp_path):
    if soffice_path() is None:
        need_external("LibreOffice", "install libreoffice-writer to convert the network map to PDF")
    if shutil.which("pdftotext") is None:
        need_external("pdftotext", "install poppler-utils to read the PDF back")
    ctx, family = family_ctx
    printed = network.print_network_map(ctx, family.case.id, tmp_path / "shared.docx", shareable=True,
                                              pdf=True)
    assert printed.pdf is not None, printed.pdf_problem
    text = subprocess.run(["pdftotext", "-layout", str(printed.pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Network members" in text and "Relationship to the" in text
    for word in ("Relationship", "Parental", "responsibility", "Household"):   # whole: no word broken mid-way
        assert re.search(rf"\b{word}\b", text), word
    assert "Grace Okafor" in text and "Maternal grandmother" in text
    assert NOT_TO_BE_TOLD not in text and CONFIDENTIAL_ADDRESS not in text


def test_a_shareable_map_carrying_withheld_text_is_refused_and_not_saved(tmp_path):
    picture = NetworkPicture("FG-1", "Okafor", (MemberEntry(1, "Ada Okafor", is_child=True),), shareable=True,
                             forbidden=("Okafor",))
    target = tmp_path / "leaky.docx"
    with pytest.raises(ShareableLeak):
        write_network_map(picture, target, printed_on=date(2026, 11, 23))
    assert not target.exists()


def test_the_service_reports_a_leak_as_a_safety_breach(family_ctx, tmp_path):
    """A withheld name that is also a word the map prints itself cannot be redacted: printing is refused."""
    ctx, family = family_ctx
    network.update_member(ctx, family.member_ids["Tunde"], {"given_name": "Maternal", "family_name": ""})
    with pytest.raises(SafetyBreach, match="not saved"):
        network.print_network_map(ctx, family.case.id, tmp_path / "x.docx", shareable=True)
    assert not (tmp_path / "x.docx").exists()


def test_genogram_and_ecomap_are_drawn_as_png():
    for png in (drawing.draw_genogram(genogram.layout(family())), drawing.draw_ecomap(ecomap.layout(family()))):
        image = Image.open(BytesIO(png))
        assert image.format == "PNG" and image.width > 300 and image.height > 200
        blank = Image.new(image.mode, image.size, drawing.PAPER)
        assert ImageChops.difference(image, blank).getbbox() is not None, "something is drawn"


def four_generations() -> NetworkPicture:
    """The Okafor family with great-grandparents above and cousins beside: a wide, tall genogram."""
    base = family()
    extra = [MemberEntry(20, "Adaeze Nwosu-Okonkwo", member_id=20, gender=genogram.Gender.FEMALE,
                         relationship_to_child="Great-grandmother"),
             MemberEntry(21, "Chukwuemeka Okonkwo", member_id=21, gender=genogram.Gender.MALE, deceased=True,
                         relationship_to_child="Great-grandfather")]
    ties = [genogram.TieEntry(20, 5, genogram.K.PARENT_OF), genogram.TieEntry(21, 5, genogram.K.PARENT_OF),
            genogram.TieEntry(20, 21, genogram.K.MARRIED_TO)]
    for index in range(6):
        extra.append(MemberEntry(30 + index, f"Cousin Number{index} Okafor-Whitfield", member_id=30 + index,
                                 relationship_to_child="Cousin"))
        extra.append(MemberEntry(40 + index, f"Aunt Number{index} Okafor", member_id=40 + index,
                                 gender=genogram.Gender.FEMALE, relationship_to_child="Maternal aunt"))
        ties += [genogram.TieEntry(5, 40 + index, genogram.K.PARENT_OF),
                 genogram.TieEntry(6, 40 + index, genogram.K.PARENT_OF),
                 genogram.TieEntry(40 + index, 30 + index, genogram.K.PARENT_OF)]
    return NetworkPicture(base.reference, base.family_name, base.members + tuple(extra), base.ties + tuple(ties))


WIDE = four_generations()


@pytest.mark.parametrize("picture", [family(), WIDE], ids=["three generations", "four generations and cousins"])
def test_the_genograms_names_never_print_below_8_points(picture: NetworkPicture, tmp_path: Path) -> None:
    path = write_network_map(picture, tmp_path / "map.docx", printed_on=date(2026, 11, 23))
    document = Document(str(path))
    shape = document.inline_shapes[0]
    with Image.open(BytesIO(shape._inline.graphic.graphicData.pic.blipFill.blip.embed and
                            document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed]
                            .blob)) as image:
        pixels_wide = image.width
    points = drawing.LABEL_SIZE * shape.width / 12700 / pixels_wide
    assert points >= 8, f"names print at {points:.1f} pt"
    pages = [(round(s.page_width.cm), round(s.page_height.cm)) for s in document.sections]
    assert pages == ([(30, 21)] if picture is not WIDE else [(30, 21), (42, 30), (30, 21)]), "A3 only when needed"
    assert "Genogram of the Okafor family. Row 1:" in document_text(document)


ENGLISH_PHRASES = ["Family network map", "Printed", "Children:", "Shareable copy", "Network members",
                   "Relationship to the child", "Parental responsibility", "Household", "Language", "Maternal",
                   "Paternal", "Friends and community", "interpreter needed", "male", "female", "deceased",
                   "married", "separated", "divorced", "Row 1", "Children of", "Neighbour", "friend of",
                   "Mother", "Father", "grandmother", "grandfather", "Agencies", "School", "Close", "shareable copy"]


@pytest.mark.parametrize("language", ["cy", "pl", "ur"])
def test_the_familys_copy_is_in_their_language_with_no_english_left(language: str, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import ImageDraw

    drawn: list[str] = []
    write = ImageDraw.ImageDraw.text
    monkeypatch.setattr(ImageDraw.ImageDraw, "text", lambda self, xy, text, *args, **kwargs: (
        drawn.append(text), write(self, xy, text, *args, **kwargs))[1])
    shared = make_shareable(family(), facts_of(family()))
    path = write_network_map(shared, tmp_path / "map.docx", printed_on=date(2026, 11, 23), language=language)
    born = [line for line in drawn if re.fullmatch(r"\S+ \d{4}", line)]
    assert born and not [line for line in born if line.startswith("b. ")], f"the genogram says {born} in {language}"
    text = document_text(Document(str(path)))
    names = [member.name for member in shared.members] + [agency.name for agency in shared.agencies]
    for name in names:
        text = text.replace(name, "")
    left = [phrase for phrase in ENGLISH_PHRASES if re.search(rf"\b{re.escape(phrase)}\b", text)]
    assert left == [], f"{language} map still says {left}"
    if language == "pl":
        assert "Sąsiad, przyjaciel: " in text and "Babcia ze strony matki" in text and "23 listopada 2026" in text
    if language == "ur":
        normal = Document(str(path)).styles["Normal"].element
        assert normal.pPr.find(qn("w:bidi")) is not None, "right to left"
        assert "\u2066" in text, "names and numbers in Latin letters keep their own order (isolated)"


def test_the_shareable_copy_follows_the_family_and_the_coordinators_stays_english() -> None:
    assert network.map_language("pl", None, shareable=True) == ("pl", "")
    assert network.map_language("pl", None, shareable=False) == ("en_GB", "")
    assert network.map_language("pl", "cy", shareable=False) == ("cy", "")
    chosen, note = network.map_language("ti", None, shareable=True)
    assert chosen == "en_GB" and "no translation for ti" in note
