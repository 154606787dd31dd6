"""Letters read back from the .docx (and the PDF): names exactly, dates by Babel, the offer paragraph."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel.lists import format_list
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from fgdm.domain.duty import separate_offer_warning
from fgdm.domain.enums import Attendance, LetterKind, MeetingKind, MeetingStatus, PlanStatus
from fgdm.i18n import format_day, format_time_of_day, locale_for, translations
from fgdm.models import Case, FamilyPlan, Meeting, MeetingAttendee, NetworkMember, Venue
from fgdm.services import letters, offers
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import SafetyBreach, ValidationFailed
from tests.conftest import need_external
from tests.factories import make_case, make_staff
from tests.services.offers.test_offers import add_member

LANGUAGES = ["en_GB", "cy", "pl", "ur"]
TODAY = date(2026, 11, 23)
CHILDREN = [("Zoë", "O'Connor-Nowak"), ("عائشہ", "خان")]
OFFER_PARAGRAPH = ("Before we apply to the court for a care order or a supervision order for %(children)s, the law "
                   "(section 31ZA of the Children Act 1989) says that we must offer you a family group decision "
                   "making meeting. We are offering you that meeting now. This offer is part of the letter before "
                   "proceedings.")
KEY_PARAGRAPH = {
    LetterKind.OFFER: OFFER_PARAGRAPH,
    LetterKind.INVITATION: "The meeting is on %(date)s, starting at %(time)s.",
    LetterKind.OUTCOME: "Thank you for taking part in the family group decision making meeting about %(children)s "
                        "on %(date)s.",
}


@dataclass
class Family:
    case: Case
    mother: NetworkMember
    father: NetworkMember
    grandmother: NetworkMember
    aunt: NetworkMember


def _meeting(ctx: ServiceContext, case: Case, status: MeetingStatus, day: date, venue_id: int | None) -> Meeting:
    with ctx.write() as session:
        meeting = Meeting(case_id=case.id, kind=MeetingKind.FGDM_MEETING, status=status, venue_id=venue_id,
                          starts_at=datetime(day.year, day.month, day.day, 10, tzinfo=UTC),
                          ends_at=datetime(day.year, day.month, day.day, 13, tzinfo=UTC),
                          held_on=day if status is MeetingStatus.HELD else None, ical_uid=f"{uuid.uuid4()}@fgdm")
        session.add(meeting)
    return meeting


def build_family(ctx: ServiceContext) -> Family:
    coordinator = make_staff(ctx, "rhiannon", name="Rhiannon Ap Iorwerth", phone="01632 960 123",
                             email="rhiannon@example.org", job_title="FGDM coordinator")
    children = [{"given_name": g, "family_name": f, "date_of_birth": "2018-05-04", "legal_status": "pre_proceedings"}
                for g, f in CHILDREN]
    case = make_case(ctx, lbp_date="2026-11-02", coordinator_id=coordinator.id, children=children)
    mother = add_member(ctx, case, "Siân", "O'Brien", is_parent=True, parental_responsibility=True,
                        preferred_language="cy", address="Flat 2, 7 Heol y Bont\nCaerdydd CF10 1AA",
                        address_confidential=True, household="refuge")
    father = add_member(ctx, case, "Łukasz", "Wójcik", is_parent=True, not_to_be_told=True, preferred_language="pl",
                        address="14 Mill Lane\nExampleton EX1 2AB")
    grandmother = add_member(ctx, case, "فاطمہ", "بی بی", parental_responsibility=True, preferred_language="ur",
                             address="3 Park Row\nExampleton EX2 9ZZ")
    aunt = add_member(ctx, case, "Ngozi", "Okafor", preferred_language="so", relationship_to_child="aunt",
                      address="99 Secret Road\nHideaway HD1 1AA", address_confidential=True)
    with ctx.write() as session:
        venue = Venue(name="Exampleton Family Centre", address="1 Green Street\nExampleton EX3 4CD")
        session.add(venue)
        session.flush()
        venue_id = venue.id
    held = _meeting(ctx, case, MeetingStatus.HELD, date(2026, 11, 16), venue_id)
    _meeting(ctx, case, MeetingStatus.PLANNED, date(2026, 12, 7), venue_id)
    with ctx.write() as session:
        session.add(FamilyPlan(case_id=case.id, status=PlanStatus.AGREED, review_date=date(2027, 2, 15)))
        session.add(MeetingAttendee(meeting_id=held.id, network_member_id=mother.id, attendance=Attendance.ATTENDED))
    return Family(case, mother, father, grandmother, aunt)


def docx_text(path: Path) -> str:
    """The letter's paragraphs as a reader sees them: without the invisible isolates that keep Latin text in
    order in a right-to-left letter (tests/documents/test_direction.py checks those)."""
    return "\n".join(p.text for p in Document(str(path)).paragraphs).replace("\u2066", "").replace("\u2069", "")


def expected_paragraph(kind: LetterKind, language: str) -> str:
    names = format_list([f"{g} {f}" for g, f in CHILDREN], locale=locale_for(language))
    values = {"children": names, "date": format_day(date(2026, 11, 16) if kind is LetterKind.OUTCOME
                                                    else date(2026, 12, 7), language),
              "time": format_time_of_day(datetime(2026, 12, 7, 10, tzinfo=UTC), language)}
    return translations(language, "letters").gettext(KEY_PARAGRAPH[kind]) % values


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_template_renders_in_every_language(ctx, family, tmp_path, kind, language) -> None:
    recipient = family.grandmother if kind is LetterKind.OFFER else family.mother
    person_id = recipient.person_id
    ctx.settings = ctx.settings.model_copy(update={"local_solicitors": ["Example & Co, 1 Law Street, 01632 960 999"]})
    letter = letters.generate_letter(ctx, family.case.id, person_id, kind, language=language,
                                     output=tmp_path / f"{kind}-{language}.docx")
    # The fixture's letter before proceedings went out on 2 November: an offer written now is a separate one.
    after_lbp = [separate_offer_warning(date(2026, 11, 2))]
    assert letter.language == language and letter.notices == (after_lbp if kind is LetterKind.OFFER else [])
    text = docx_text(letter.path)
    for given, family_name in CHILDREN:
        assert f"{given} {family_name}" in text
    assert letter.recipient in text
    assert format_day(TODAY, language) in text
    assert expected_paragraph(kind, language) in text
    assert "Rhiannon Ap Iorwerth" in text and "01632 960 123" in text
    if language != "en_GB":
        assert translations(language, "letters").gettext("Yours sincerely,") in text


def test_formatted_dates_are_babels(ctx, family, tmp_path) -> None:
    letter = letters.generate_letter(ctx, family.case.id, family.mother.person_id, "offer", language="en_GB",
                                     output=tmp_path / "offer.docx")
    text = docx_text(letter.path)
    assert "23 November 2026" in text and "2 November 2026" in text
    welsh = letters.generate_letter(ctx, family.case.id, family.mother.person_id, "offer", output=tmp_path / "cy.docx")
    assert welsh.language == "cy" and "23 Tachwedd 2026" in docx_text(welsh.path)


def test_urdu_paragraphs_are_right_to_left(ctx, family, tmp_path) -> None:
    letter = letters.generate_letter(ctx, family.case.id, family.grandmother.person_id, "offer",
                                     output=tmp_path / "ur.docx")
    assert letter.language == "ur"
    document = Document(str(letter.path))
    normal = document.styles["Normal"].element             # every paragraph and run inherits its direction
    assert normal.pPr.find(qn("w:bidi")) is not None
    assert [c.tag for c in normal.rPr].index(qn("w:rtl")) < [c.tag for c in normal.rPr].index(qn("w:lang"))
    assert normal.rPr.find(qn("w:lang")).get(qn("w:bidi")) == "ur"
    styles = {p.style.style_id for p in document.paragraphs}
    assert styles <= {"Normal", "Heading1", "Heading2", "ListBullet"}
    based_on_normal = [document.styles.get_by_id(i, WD_STYLE_TYPE.PARAGRAPH).base_style for i in styles - {"Normal"}]
    assert all(base is not None and base.style_id == "Normal" for base in based_on_normal)
    assert "فاطمہ بی بی" in docx_text(letter.path)
    english = letters.generate_letter(ctx, family.case.id, family.grandmother.person_id, "offer", language="en_GB",
                                      output=tmp_path / "en.docx")
    english_normal = Document(str(english.path)).styles["Normal"].element
    assert english_normal.pPr is None or english_normal.pPr.find(qn("w:bidi")) is None


def test_language_without_a_catalog_falls_back_to_english_and_says_so(ctx, family, tmp_path) -> None:
    letter = letters.generate_letter(ctx, family.case.id, family.aunt.person_id, "invitation",
                                     output=tmp_path / "so.docx")
    assert letter.language == "en_GB"
    assert len(letter.notices) == 1 and "Somali (so)" in letter.notices[0] and "English" in letter.notices[0]
    assert "Invitation to a family group decision making meeting" in docx_text(letter.path)


def test_generation_is_recorded_with_the_template_version(ctx, family, tmp_path) -> None:
    letter = letters.generate_letter(ctx, family.case.id, family.mother.person_id, "offer",
                                     output=tmp_path / "offer.docx")
    [row] = letters.list_letters(ctx, family.case.id)
    assert re.fullmatch("[0-9a-f]{64}", row.template_version) and row.template_version == letter.template_version
    assert (row.kind, row.person_id, row.language, row.generated_by) == (LetterKind.OFFER, family.mother.person_id,
                                                                         "cy", "owner")
    assert row.recipient == "Siân O'Brien" and row.filename == str(letter.path)
    assert row.template_name == "letters/offer.j2"
    assert (letter.path.stat().st_mode & 0o777) == 0o600


def test_template_version_changes_with_any_file_the_wording_comes_from(ctx, family, tmp_path) -> None:
    """The main template, an included one (the solicitors list) and the language's catalog all count."""
    def version(language: str) -> str:
        return letters.generate_letter(ctx, family.case.id, family.mother.person_id, "offer", language=language,
                                       output=tmp_path / f"{language}.docx").template_version

    english, welsh = version("en_GB"), version("cy")
    assert english == version("en_GB") and english != welsh
    council = tmp_path / "council" / "letters"
    council.mkdir(parents=True)
    shipped = Path(__file__).parents[2] / "templates" / "letters" / "_solicitors.j2"
    (council / "_solicitors.j2").write_text(shipped.read_text() + "\n- Example & Co, 01632 960 999\n")
    ctx.settings = ctx.settings.model_copy(update={"template_dir": council.parent})
    assert version("en_GB") not in (english, welsh)


def test_a_template_edited_while_fgdm_runs_is_used_and_versioned_at_once(ctx, family, tmp_path) -> None:
    """Templates are kept compiled between letters: an edit to an included file, made while the workbench is open
    (a council's letters officer at work), still reaches the very next letter and gives it a new version."""
    council = tmp_path / "council" / "letters"
    council.mkdir(parents=True)
    shipped = Path(__file__).parents[2] / "templates" / "letters" / "_solicitors.j2"
    included = council / "_solicitors.j2"
    included.write_text(shipped.read_text())
    ctx.settings = ctx.settings.model_copy(update={"template_dir": council.parent})

    def letter(name: str) -> letters.GeneratedLetter:
        return letters.generate_letter(ctx, family.case.id, family.mother.person_id, "offer",
                                       output=tmp_path / f"{name}.docx")

    before = letter("before")
    included.write_text(shipped.read_text() + "\n- Quayside Family Law, 01632 960 777\n")
    os.utime(included, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))  # a later time, however coarse the clock
    after = letter("after")
    assert "Quayside Family Law" not in docx_text(before.path) and "Quayside Family Law" in docx_text(after.path)
    assert after.template_version != before.template_version


def test_parent_not_to_be_told_still_gets_the_offer_but_no_invitation(ctx, family, tmp_path) -> None:
    letter = letters.generate_letter(ctx, family.case.id, family.father.person_id, "offer", output=tmp_path / "f.docx")
    assert "Łukasz Wójcik" in docx_text(letter.path) and letter.language == "pl"
    with pytest.raises(SafetyBreach, match="not to be told"):
        letters.generate_letter(ctx, family.case.id, family.father.person_id, "invitation",
                                output=tmp_path / "invite.docx")
    with pytest.raises(SafetyBreach, match=r"meeting\.date"):
        letters.generate_letter(ctx, family.case.id, family.father.person_id, "outcome",
                                output=tmp_path / "outcome.docx")
    assert not (tmp_path / "invite.docx").exists() and not (tmp_path / "outcome.docx").exists()
    assert [r.kind for r in letters.list_letters(ctx, family.case.id)] == [LetterKind.OFFER]


def test_offer_exception_stops_the_offer_letter(ctx, family, tmp_path) -> None:
    offers.record_exception(ctx, family.case.id, {"scope": "offer", "decided_by": "Priya Shah",
                                                  "decided_on": "2026-11-10",
                                                  "reason": "an offer would put the children at risk"})
    with pytest.raises(Exception, match="best-interests decision covers"):
        letters.generate_letter(ctx, family.case.id, family.father.person_id, "offer", output=tmp_path / "f.docx")
    assert not (tmp_path / "f.docx").exists()
    assert letters.generate_pending_offers(ctx, family.case.id, output_dir=tmp_path / "batch") == []
    assert not any((tmp_path / "batch").iterdir())


def test_batch_writes_every_pending_offer_in_each_language(ctx, family, tmp_path) -> None:
    offers.record_offer(ctx, family.case.id, {"network_member_id": family.mother.id, "offered_on": "2026-11-02"})
    offer = offers.list_offers(ctx, family.case.id)[0]
    offers.record_response(ctx, offer.offer_id, "declined", on=date(2026, 11, 5))
    made = letters.generate_pending_offers(ctx, family.case.id, output_dir=tmp_path / "batch")
    assert {(m.recipient, m.language) for m in made} == {("Łukasz Wójcik", "pl"), ("فاطمہ بی بی", "ur")}
    assert all(m.path.parent == tmp_path / "batch" and m.path.exists() for m in made)


_RTL_RUNS = re.compile("(?:\u202b[^\u202c]*\u202c[ ]?)+")


def _logical(pdf_text: str) -> str:
    """pdftotext writes right-to-left words in visual order, each wrapped in U+202B..U+202C; put them back."""
    def restore(run: re.Match[str]) -> str:
        words = re.findall("\u202b([^\u202c]*)\u202c", run.group(0))
        return " ".join(reversed(words)) + (" " if run.group(0).endswith(" ") else "")
    return _normalised(_RTL_RUNS.sub(restore, pdf_text))


def _normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.libreoffice
@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_shows_the_same_text(ctx, family, tmp_path, language) -> None:
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        need_external("LibreOffice", "soffice and pdftotext are needed to convert and read back the PDF")
    letter = letters.generate_letter(ctx, family.case.id, family.grandmother.person_id, "offer", language=language,
                                     output=tmp_path / f"offer-{language}.docx", pdf=True)
    assert letter.pdf_path is not None and letter.pdf_path.exists(), letter.notices
    pdf_text = subprocess.run(["pdftotext", "-raw", str(letter.pdf_path), "-"],
                              capture_output=True, text=True, check=True).stdout
    (tmp_path / "shown.txt").write_text(pdf_text)
    shown = _logical(pdf_text)
    expected = [letter.recipient, f"{CHILDREN[0][0]} {CHILDREN[0][1]}", format_day(TODAY, language),
                expected_paragraph(LetterKind.OFFER, language)]
    if language == "ur":
        # A right-to-left page comes out of pdftotext in visual order, broken wherever digits or Latin text
        # interrupt the Urdu, so the check is that every word is there, as many times as it should be.
        assert not Counter(_words(" ".join(expected))) - Counter(_words(shown))
        return
    for text in expected:
        if _ARABIC_SCRIPT.search(text):
            # A name in Urdu inside a left-to-right letter: pdftotext may put a final letter's glyph on a line
            # of its own (with the Noto fonts), so the check is that every letter of it is on the page.
            assert not Counter(_letters(text)) - Counter(_letters(shown)), text
        else:
            assert _normalised(text) in shown


_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")


def _letters(text: str) -> list[str]:
    return [c for c in unicodedata.normalize("NFKC", text) if not c.isspace() and c not in "\u202a\u202b\u202c"]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _normalised(text))


def test_offer_letter_needs_the_letter_before_proceedings(ctx, tmp_path) -> None:
    coordinator = make_staff(ctx, "jo", name="Jo Bloggs")
    case = make_case(ctx, coordinator_id=coordinator.id)
    mother = add_member(ctx, case, "Grace", is_parent=True, parental_responsibility=True)
    with pytest.raises(ValidationFailed, match="letter before proceedings"):
        letters.generate_letter(ctx, case.id, mother.person_id, "offer", output=tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def test_a_moved_meetings_invitation_replaces_the_earlier_letter_for_those_who_had_one(ctx, family, tmp_path) -> None:
    from fgdm.services import meetings

    letters.generate_letter(ctx, family.case.id, family.mother.person_id, LetterKind.INVITATION,
                            language="en_GB", output=tmp_path / "first.docx")
    [planned] = [view.meeting for view in meetings.list_meetings(ctx, family.case.id)
                 if view.meeting.status is MeetingStatus.PLANNED]
    meetings.move_meeting(ctx, planned.id, {"day": "2026-12-09", "start_time": "13:00", "end_time": "16:00"},
                          overrides={"fgdm_meeting_late": "The family's first free day"})
    again = docx_text(letters.generate_letter(ctx, family.case.id, family.mother.person_id, LetterKind.INVITATION,
                                              language="en_GB", output=tmp_path / "again.docx").path)
    assert ("This letter replaces our earlier letter: the meeting has moved from 7 December 2026 at 10:00 to the "
            "new time below.") in again
    assert "The meeting is on 9 December 2026, starting at 13:00." in again
    welsh = docx_text(letters.generate_letter(ctx, family.case.id, family.mother.person_id, LetterKind.INVITATION,
                                              language="cy", output=tmp_path / "cy.docx").path)
    assert "Mae'r llythyr hwn yn disodli ein llythyr cynharach" in welsh
    first_letter = docx_text(letters.generate_letter(ctx, family.case.id, family.grandmother.person_id,
                                                     LetterKind.INVITATION, language="en_GB",
                                                     output=tmp_path / "grandmother.docx").path)
    assert "replaces" not in first_letter and "9 December 2026" in first_letter
