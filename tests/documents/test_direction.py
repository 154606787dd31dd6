"""Right-to-left documents: every left-to-right stretch isolated so it keeps its own order, in the .docx, in
the PDF LibreOffice makes of it, and in the labels of fgdm's own drawings."""

from __future__ import annotations

import re
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image, ImageChops, ImageDraw, features

from fgdm.documents.direction import LRI, PDI, isolate_left_to_right
from fgdm.documents.drawing import direction_of, font
from fgdm.services import letters
from tests.conftest import need_external
from tests.documents.test_letters import build_family
from tests.documents.test_print_quality import ctx  # noqa: F401  (the fixture)


@pytest.mark.parametrize(("text", "isolated"), [
    ("ٹیلیفون: 01632 960944", "ٹیلیفون: ⁦01632 960944⁩"),
    ("48 Foundry Row, Ashby Vale, ZX3 3FX", "⁦48 Foundry Row, Ashby Vale, ZX3 3FX⁩"),
    ("کل: £747.01 ایک بار", "کل: ⁦£747.01⁩ ایک بار"),
    ("ای میل: ngozi@example.org", "ای میل: ⁦ngozi@example.org⁩"),
    ("تاریخ 23/11/2026 کو", "تاریخ ⁦23/11/2026⁩ کو"),
    ("محترم Siân O'Brien،", "محترم ⁦Siân O'Brien⁩،"),
    ("How will the family know?", "⁦How will the family know?⁩"),
    ("Joanne Ellison (referrer) نے", "⁦Joanne Ellison (referrer)⁩ نے"),
    ("صرف اردو", "صرف اردو"),
])
def test_left_to_right_stretches_are_isolated(text: str, isolated: str) -> None:
    assert isolate_left_to_right(text) == isolated
    assert isolate_left_to_right(isolated) == isolated


def _outside_isolates(text: str) -> str:
    return re.sub(f"{LRI}[^{PDI}]*{PDI}", "", text)


def test_every_latin_or_digit_in_an_urdu_letter_is_isolated(ctx, tmp_path) -> None:  # noqa: F811
    family = build_family(ctx)
    letter = letters.generate_letter(ctx, family.case.id, family.grandmother.person_id, "offer", language="ur",
                                     output=tmp_path / "ur.docx")
    document = docx.Document(str(letter.path))
    texts = [t.text or "" for t in document.element.body.iter(qn("w:t"))]
    assert any(LRI + "01632 960 123" + PDI in text for text in texts)
    # Outside the isolates: right-to-left text and lone numbers ("23 نومبر، 2026"), which keep their order anyway.
    assert not [text for text in texts if re.search(r"[A-Za-z£@]|\d[ ./:-]\d", _outside_isolates(text))]
    english = letters.generate_letter(ctx, family.case.id, family.grandmother.person_id, "offer",
                                      language="en_GB", output=tmp_path / "en.docx")
    assert LRI not in "\n".join(p.text for p in docx.Document(str(english.path)).paragraphs)


@pytest.mark.libreoffice
def test_the_urdu_pdf_reads_phone_numbers_and_addresses_in_order(ctx, tmp_path) -> None:  # noqa: F811
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        need_external("LibreOffice", "soffice and pdftotext are needed to convert and read back the PDF")
    family = build_family(ctx)
    letter = letters.generate_letter(ctx, family.case.id, family.grandmother.person_id, "offer", language="ur",
                                     output=tmp_path / "ur.docx", pdf=True)
    assert letter.pdf_path is not None, letter.notices
    shown = subprocess.run(["pdftotext", "-raw", str(letter.pdf_path), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "01632 960 123" in shown and "3 Park Row" in shown and "Exampleton EX2 9ZZ" in shown
    assert "rhiannon@example.org" in shown


def _ink(text: str, direction: str | None) -> Image.Image:
    image = Image.new("L", (400, 40), 255)
    ImageDraw.Draw(image).text((0, 5), text, fill=0, font=font(20), direction=direction, anchor="la")
    return image


@pytest.mark.skipif(not features.check("raqm"), reason="Pillow here has no libraqm to shape right-to-left text")
def test_a_mixed_script_label_is_drawn_in_its_reading_order() -> None:
    name = "طارق Butt"
    assert direction_of(name) == "rtl" and direction_of("Tariq بٹ") == "ltr" and direction_of("Ada") == "ltr"
    drawn = _ink(name, direction_of(name))
    latin = _ink("Butt", "ltr")
    width = int(font(20).getlength("Butt"))
    # Read right to left, the name shows its Latin surname on the left: the left of the drawing is "Butt".
    assert ImageChops.difference(drawn.crop((0, 0, width, 40)), latin.crop((0, 0, width, 40))).getbbox() is None
    assert ImageChops.difference(_ink(name, "ltr").crop((0, 0, width, 40)),
                                 latin.crop((0, 0, width, 40))).getbbox() is not None
