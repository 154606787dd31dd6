"""Every document kind in every shipped language, read back as a printer and a family would meet it: headings
that are real headings with their exact words, no placeholder or template syntax, page numbers on every page,
table header rows that repeat, pictures with alternative text, and no English left in a translated document."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from babel.messages.pofile import read_po
from docx.oxml.ns import qn

from fgdm.domain.enums import LetterKind
from fgdm.i18n import locales_dir, translations
from fgdm.services import letters, network, plans
from fgdm.services.shared.context import ServiceContext, Workspace
from tests.conftest import need_external
from tests.documents.test_family_plan import _agreed_plan, as_read
from tests.documents.test_letters import LANGUAGES, Family, build_family
from tests.services.network.test_network_family import build_family as build_network

LETTER_HEADINGS = {
    LetterKind.OFFER: [("Heading1", "An offer of a family group decision making meeting"),
                       ("Heading2", "What is a family group decision making meeting?"),
                       ("Heading2", "It is your choice"), ("Heading2", "If you say no"),
                       ("Heading2", "Who can come"), ("Heading2", "How to accept"),
                       ("Heading2", "Interpreters and help to take part"), ("Heading2", "Free legal advice"),
                       ("Heading2", "Local children law solicitors")],
    LetterKind.INVITATION: [("Heading1", "Invitation to a family group decision making meeting")],
    LetterKind.OUTCOME: [("Heading1", "After the family group decision making meeting")],
}
PLAN_HEADINGS = [("Title", "Family plan"), *(("Heading1", text) for text in (
    "The concerns", "Who took part", "Questions for the family", "Bottom lines",
    "The child's views, in their own words", "What we will do", "If the plan breaks down", "Support agreed",
    "Review", "Who this plan was sent to", "Signatures"))]
# "[withheld]" is the plan's own mark where text that must not reach the family was taken out (the coordinator
# is told which fields); anything else in brackets is a placeholder.
LEFTOVERS = re.compile(r"\[(?!withheld\])[^\]\n]{2,}\]|\{\{|\}\}|\{%|%\}|\{#|#\}|%\(\w+\)s|\{page\}"
                       "|[\ue000-\ue0ff\x1e]")


@pytest.fixture
def ctx(sqlite_workspace: Workspace) -> Iterator[ServiceContext]:
    with sqlite_workspace.context() as context:
        context.settings = context.settings.model_copy(update={
            "local_solicitors": ["Example & Co, 1 Law Street, Exampleton EX1 1LW, 01632 960999"]})
        yield context


def all_text(document) -> str:  # type: ignore[no-untyped-def]
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for section in document.sections for p in section.footer.paragraphs]
    return "\n".join(parts)


def headings(document) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(p.style.style_id, p.text) for p in document.paragraphs
            if p.style.style_id.startswith("Heading") or p.style.style_id == "Title"]


def has_page_numbers(document) -> bool:  # type: ignore[no-untyped-def]
    codes = [field.get(qn("w:instr")).split()[0] for section in document.sections
             for field in section.footer._element.iter(qn("w:fldSimple"))]
    return "PAGE" in codes and "NUMPAGES" in codes


def check_document(path: Path, language: str, expected_headings: list[tuple[str, str]], domain: str) -> str:
    document = docx.Document(str(path))
    text = all_text(document)
    assert not LEFTOVERS.search(text), LEFTOVERS.search(text)
    gettext = translations(language, domain).gettext
    assert headings(document) == [(style, gettext(words)) for style, words in expected_headings]
    assert has_page_numbers(document)
    for table in document.tables:
        first = table.rows[0]._tr.trPr
        header_like = table.style is not None and table.style.style_id != "TableGrid"
        assert not header_like or (first is not None and first.find(qn("w:tblHeader")) is not None)
    return text


def english_phrases(domain: str) -> list[str]:
    """Runs of four or more words from the template's English, between its placeholders."""
    with (locales_dir() / f"{domain}.pot").open("rb") as pot:
        messages = [m.id if isinstance(m.id, str) else m.id[0] for m in read_po(pot) if m.id]
    pieces = [piece.strip(" .,:;") for message in messages for piece in re.split(r"%\(\w+\)s|\{\w+\}", message)]
    return [piece for piece in pieces if len(piece.split()) >= 4]


def no_english_left(text: str, language: str, domain: str) -> None:
    if language == "en_GB":
        return
    left = [phrase for phrase in english_phrases(domain) if phrase in text
            and phrase not in translations(language, domain).gettext(phrase)]
    assert left == [], f"{language}: English left in the document: {left}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_letter_prints_well(ctx, tmp_path, kind, language) -> None:
    family: Family = build_family(ctx)
    recipient = family.grandmother if kind is LetterKind.OFFER else family.mother
    letter = letters.generate_letter(ctx, family.case.id, recipient.person_id, kind, language=language,
                                     output=tmp_path / f"{kind}-{language}.docx")
    text = check_document(letter.path, language, LETTER_HEADINGS[kind], "letters")
    no_english_left(text, language, "letters")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plan_prints_well(ctx, tmp_path, language) -> None:
    case = _agreed_plan(ctx)
    printed = plans.print_plan(ctx, case.id, tmp_path / f"plan-{language}.docx", language=language)
    text = check_document(printed.docx, language, PLAN_HEADINGS, "plans")
    no_english_left(text, language, "plans")
    gettext = translations(language, "plans").gettext
    document = docx.Document(str(printed.docx))
    signatures = document.tables[-1]
    named = [(row.cells[0].text, as_read(row.cells[1].text)) for row in signatures.rows[1:]]
    assert named[0] == (gettext("Plan lead"), "Ngozi Okafor") and (gettext("Family member"), "Grace Okafor") in named


def test_the_network_map_prints_well(ctx, tmp_path) -> None:
    family = build_network(ctx)
    printed = network.print_network_map(ctx, family.case.id, tmp_path / "map.docx")
    document = docx.Document(str(printed.docx))
    assert has_page_numbers(document)
    assert not LEFTOVERS.search(all_text(document))
    described = [shape.get("descr") for shape in document.element.body.iter(qn("wp:docPr"))]
    assert len(described) == 2 and described[0].startswith("Genogram of the") and "Ada" in described[0]
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    heading = document.styles["Heading 1"].paragraph_format
    assert heading.keep_with_next is True


@pytest.mark.libreoffice
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_numbers_reach_the_pdf(ctx, tmp_path, language) -> None:
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        need_external("LibreOffice", "soffice and pdftotext are needed to convert and read back the PDF")
    family: Family = build_family(ctx)
    made = [letters.generate_letter(ctx, family.case.id, family.mother.person_id, kind, language=language,
                                    output=tmp_path / f"{kind}.docx").path
            for kind in (LetterKind.OFFER, LetterKind.OUTCOME)]
    case = _agreed_plan(ctx, family_name="Nowak")
    made.append(plans.print_plan(ctx, case.id, tmp_path / "plan.docx", language=language).docx)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *map(str, made)], capture_output=True, check=True, timeout=300)
    label = translations(language, "plans").gettext("Page {page} of {pages}")
    for path in made:
        pages = subprocess.run(["pdfinfo", str(path.with_suffix(".pdf"))], capture_output=True, text=True,
                               check=True).stdout
        count = int(re.search(r"Pages:\s+(\d+)", pages).group(1))
        for page in range(1, count + 1):
            shown = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(path.with_suffix(".pdf")),
                                    "-"], capture_output=True, text=True, check=True).stdout
            words = label.replace("{page}", str(page)).replace("{pages}", str(count)).split()
            assert all(word in shown for word in words), (path.name, page, words)
