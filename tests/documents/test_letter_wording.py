"""What the letters say: headings that no template comment can break, the council's own solicitors or the
national line, no placeholder ever reaching a family, the offer tied to its letter before proceedings, and an
outcome letter true to the plan and to the recipient's own part."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document
from sqlmodel import select
from typer.testing import CliRunner

from fgdm.cli import app
from fgdm.domain.duty import separate_offer_warning
from fgdm.domain.enums import ActionStatus, Attendance, Gender, PlanStatus
from fgdm.models import Case, FamilyPlan, MeetingAttendee, Person, PlanAction
from fgdm.services import letters, offers
from fgdm.services.shared.context import ServiceContext
from fgdm.services.shared.errors import ValidationFailed
from tests.documents.test_letters import Family, build_family, docx_text
from tests.documents.test_letters_safety import council_templates, records

NATIONAL_LINE = "The Law Society's Find a Solicitor service (solicitors.lawsociety.org.uk)"
SOLICITORS = ["Example & Co, 1 Law Street, Exampleton EX1 1LW, 01632 960 999",
              "Sample Legal LLP, 2 Court Row, Exampleton EX1 2CR, 01632 960 998"]


def headings(path) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(p.style.style_id, p.text) for p in Document(str(path)).paragraphs
            if p.style.style_id.startswith("Heading")]


def offer(ctx: ServiceContext, family: Family, tmp_path, **kwargs):  # type: ignore[no-untyped-def]
    return letters.generate_letter(ctx, family.case.id, family.grandmother.person_id, "offer", language="en_GB",
                                   output=tmp_path / "offer.docx", **kwargs)


def test_a_comment_that_strips_whitespace_cannot_break_a_heading(ctx, family, tmp_path) -> None:
    council_templates(ctx, tmp_path / "council", {"_solicitors.j2": (
        "{#- A council's note, closed with the whitespace-stripping marker. -#}\n"
        "## {% trans %}Local children law solicitors{% endtrans %}\n"
        "{#- and another -#}\n"
        "- Example & Co\n{%- if true -%}\n## Second heading {{ '' }}\n{% endif %}\n")})
    letter = offer(ctx, family, tmp_path)
    found = headings(letter.path)
    assert ("Heading2", "Local children law solicitors") in found and ("Heading2", "Second heading") in found
    assert not any(text.startswith("2") for _style, text in found)
    bullets = [p.text for p in Document(str(letter.path)).paragraphs if p.style.style_id == "ListBullet"]
    assert bullets == ["Example & Co"]


def test_without_solicitors_the_letter_gives_the_national_line_and_warns(ctx, family, tmp_path) -> None:
    letter = offer(ctx, family, tmp_path)
    text = docx_text(letter.path)
    assert NATIONAL_LINE in text and "Local children law solicitors" not in text
    assert "[" not in text and "]" not in text
    assert any("no local children law solicitors are set" in notice for notice in letter.notices)


def test_the_councils_solicitors_are_listed_as_bullets(ctx, family, tmp_path) -> None:
    ctx.settings = ctx.settings.model_copy(update={"local_solicitors": SOLICITORS})
    letter = offer(ctx, family, tmp_path)
    document = Document(str(letter.path))
    assert ("Heading2", "Local children law solicitors") in headings(letter.path)
    assert [p.text for p in document.paragraphs if p.style.style_id == "ListBullet"] == SOLICITORS
    assert NATIONAL_LINE in docx_text(letter.path)
    assert not any("solicitors" in notice for notice in letter.notices)


@pytest.mark.parametrize("wording", ["- [Insert the name of each solicitor here]\n",
                                     "Call {{ '{{' }} phone }} today\n", "Dear %(name)s\n"])
def test_a_placeholder_in_the_wording_stops_the_letter(ctx, family, tmp_path, wording) -> None:
    council_templates(ctx, tmp_path / "council", {"_solicitors.j2": wording})
    with pytest.raises(ValidationFailed, match="still holds"):
        offer(ctx, family, tmp_path)
    assert not (tmp_path / "offer.docx").exists() and records(ctx) == 0


def test_brackets_in_a_persons_own_details_are_not_a_placeholder(ctx, family, tmp_path) -> None:
    with ctx.write() as session:
        person = session.get(Person, family.grandmother.person_id)
        person.address = "Flat [B], 3 Park Row\nExampleton EX2 9ZZ"
        session.add(person)
    assert "Flat [B], 3 Park Row" in docx_text(offer(ctx, family, tmp_path).path)


def _set_lbp(ctx: ServiceContext, family: Family, day: date) -> None:
    with ctx.write() as session:
        case = session.get(Case, family.case.id)
        case.lbp_date = day
        session.add(case)


def test_an_offer_written_before_its_lbp_carries_that_letters_date(ctx, family, tmp_path) -> None:
    _set_lbp(ctx, family, date(2026, 11, 30))
    letter = offer(ctx, family, tmp_path)
    text = docx_text(letter.path)
    assert "Part of the letter before proceedings dated 30 November 2026" in text
    assert "23 November 2026" not in text and "by 7 December 2026" in text
    assert not any("separate offer" in notice for notice in letter.notices)
    assert all(status.warnings == [] for status in offers.duty_status(ctx, family.case.id))


def test_an_offer_written_after_its_lbp_warns_and_the_duty_says_so(ctx, family, tmp_path) -> None:
    letter = offer(ctx, family, tmp_path)
    assert separate_offer_warning(date(2026, 11, 2)) in letter.notices
    assert "23 November 2026" in docx_text(letter.path)
    statuses = offers.duty_status(ctx, family.case.id)
    assert statuses and all(separate_offer_warning(date(2026, 11, 2)) in s.warnings for s in statuses)


def test_the_cli_warns_before_it_writes(sqlite_workspace, sqlite_url, tmp_path) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
    runner = CliRunner()
    target = tmp_path / "offer.docx"
    result = runner.invoke(app, ["--db", sqlite_url, "letter", "offer", "--case", family.case.reference,
                                 "--to", str(family.grandmother.person_id), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("fgdm: warning: no local children law solicitors are set")
    assert "fgdm: warning: an offer letter written after the letter before proceedings" in result.stderr
    assert result.stderr.count("separate offer") == 1 and result.stdout.strip() == str(target)
    duty = runner.invoke(app, ["--db", sqlite_url, "duty", "--case", family.case.reference])
    assert "  ! an offer letter written after the letter before proceedings of 2 November 2026" in duty.stdout


def test_the_offer_says_what_happens_on_no_and_how_to_ask_for_help(ctx, family, tmp_path) -> None:
    letter = offer(ctx, family, tmp_path)
    found = [text for _style, text in headings(letter.path)]
    assert "If you say no" in found and "Interpreters and help to take part" in found
    assert "we may still apply to the court" in docx_text(letter.path)


def _outcome(ctx: ServiceContext, family: Family, tmp_path, name: str = "outcome.docx"):  # type: ignore[no-untyped-def]
    return letters.generate_letter(ctx, family.case.id, family.mother.person_id, "outcome", language="en_GB",
                                   output=tmp_path / name)


def _attendance(ctx: ServiceContext, family: Family, attendance: Attendance) -> None:
    with ctx.write() as session:
        row = session.exec(select(MeetingAttendee).where(
            MeetingAttendee.network_member_id == family.mother.id)).one()
        row.attendance = attendance
        session.add(row)


def _plan(ctx: ServiceContext, family: Family, status: PlanStatus) -> FamilyPlan:
    with ctx.write() as session:
        plan = session.exec(select(FamilyPlan).where(FamilyPlan.case_id == family.case.id)).one()
        plan.status = status
        session.add(plan)
    return plan


def test_apologies_are_not_thanked_as_taking_part(ctx, family, tmp_path) -> None:
    _attendance(ctx, family, Attendance.SENT_APOLOGIES)
    text = docx_text(_outcome(ctx, family, tmp_path).path)
    assert "taking part" not in text and "We are sorry that you could not come" in text


def test_a_draft_plan_is_not_said_to_come_with_the_letter(ctx, family, tmp_path) -> None:
    _plan(ctx, family, PlanStatus.DRAFT)
    text = docx_text(_outcome(ctx, family, tmp_path).path)
    assert "being finished" in text and "comes with this letter" not in text
    _plan(ctx, family, PlanStatus.AGREED)
    assert "A copy of the plan comes with this letter" in docx_text(_outcome(ctx, family, tmp_path, "2.docx").path)


def test_the_outcome_letter_lists_the_recipients_own_part(ctx, family, tmp_path) -> None:
    plan = _plan(ctx, family, PlanStatus.AGREED)
    with ctx.write() as session:
        session.add(PlanAction(plan_id=plan.id, position=1, who_member_id=family.mother.id,
                               what="Take Zoë to school each morning", by_when=date(2027, 1, 8),
                               status=ActionStatus.NOT_STARTED))
        session.add(PlanAction(plan_id=plan.id, position=2, who_member_id=family.aunt.id, what="Not hers"))
    letter = _outcome(ctx, family, tmp_path)
    assert ("Heading2", "Your part in the plan") in headings(letter.path)
    bullets = [p.text for p in Document(str(letter.path)).paragraphs if p.style.style_id == "ListBullet"]
    assert bullets == ["Take Zoë to school each morning (by 8 January 2027)"]


@pytest.mark.parametrize(("gender", "salutation"), [(Gender.FEMALE, "Szanowna Pani"), (Gender.MALE, "Szanowny Panie"),
                                                    (Gender.UNKNOWN, "Dzień dobry")])
def test_the_polish_salutation_follows_the_recorded_gender(ctx, family, tmp_path, gender, salutation) -> None:
    with ctx.write() as session:
        person = session.get(Person, family.father.person_id)
        person.gender = gender
        session.add(person)
    letter = letters.generate_letter(ctx, family.case.id, family.father.person_id, "offer",
                                     output=tmp_path / "pl.docx")
    assert letter.language == "pl"
    assert f"{salutation} Łukasz Wójcik," in docx_text(letter.path).splitlines()
    assert "Szanowna/Szanowny" not in docx_text(letter.path)
