"""The printed family plan, opened again with python-docx (and LibreOffice): order, locale and safety."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from datetime import date
from pathlib import Path

import docx
import pytest
from babel.messages.extract import extract_from_file
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fgdm.documents import family_plan
from fgdm.domain.disclosure import WITHHELD
from fgdm.domain.enums import ActionStatus, Attendance, NotAgreedReason
from fgdm.domain.support_categories import DEFAULT_SUPPORT_CATEGORIES
from fgdm.i18n import translations
from fgdm.models import Case, MeetingAttendee
from fgdm.services import plans, support
from fgdm.services.shared.context import ServiceContext, Workspace
from tests.conftest import need_external
from tests.factories import make_case, make_staff
from tests.services.plans.test_plans_fixtures import add_member, hold_meeting

ACTIONS = ["Ngozi collects Ada from school every Monday", "Nana has Ada for tea on Wednesdays",
           "Mum goes to the parenting course", "Social worker arranges a GP check-up",
           "Uncle Emeka fixes the bunk bed"]
SECRET_ADDRESS = "Flat 3, 14 Quiet Lane, Safetown SF1 2AB"


ACTION_COLUMNS = 6
"""No., who, what, by when, checked by, progress: the only table of the plan with six columns."""


def as_read(text: str) -> str:
    """The text without the invisible direction isolates a right-to-left document wraps Latin text in
    (tests/documents/test_direction.py checks those)."""
    return text.replace("\u2066", "").replace("\u2069", "")


def docx_text(path: Path) -> tuple[str, list[list[str]]]:
    """All the text of a .docx (body, tables, footer) and the action table's rows."""
    document = docx.Document(str(path))
    parts = [as_read(p.text) for p in document.paragraphs]
    tables = []
    for table in document.tables:
        rows = [[as_read(cell.text) for cell in row.cells] for row in table.rows]
        tables.append(rows)
        parts.extend(cell for row in rows for cell in row)
    parts.extend(p.text for section in document.sections for p in section.footer.paragraphs)
    action_rows = next((rows for rows in tables if len(rows[0]) == ACTION_COLUMNS), [])
    return "\n".join(parts), action_rows


def _agreed_plan(ctx: ServiceContext, **case_fields: object) -> Case:
    case = make_case(ctx, **case_fields)
    aunt = add_member(ctx, case.id, "Ngozi", phone="07700 900123", email="ngozi@example.org",
                      address="2 Elm Road, Anytown")
    nana = add_member(ctx, case.id, "Grace", relationship="Grandmother", address=SECRET_ADDRESS,
                      address_confidential=True, phone="01632 960777")
    add_member(ctx, case.id, "Dean", "Smith", relationship="Father's partner", not_to_be_told=True)
    hold_meeting(ctx, case.id, held_on=date(2026, 11, 20), attended=[aunt, nana])
    plan = plans.start_version(ctx, case.id)
    plans.update_plan(ctx, plan.id, {"plan_lead_member_id": aunt.id,  # type: ignore[arg-type]
                                     "child_views": "I want to stay at my school",
                                     "bottom_lines": "Ada must not have contact with Dean Smith",
                                     "contingency": "If Ngozi is ill, Nana steps in", "review_date": "2027-02-15"})
    plans.add_question(ctx, plan.id, {"question": "Where will Ada live?",  # type: ignore[arg-type]
                                      "answer": "With her aunt Ngozi during the week"})
    for number, what in enumerate(ACTIONS):
        who = {"who_member_id": aunt.id} if number == 0 else {"who_text": "Social worker"}
        plans.add_action(ctx, plan.id, {**who, "what": what,  # type: ignore[arg-type]
                                        "by_when": f"2026-12-{10 + number:02d}", "checked_by": "Social worker"})
    weekly = support.add_item(ctx, case.id, {"category": "childcare", "description": "After-school club",
                                             "amount": "33.33", "frequency": "weekly",
                                             "start_date": "2026-10-01", "end_date": "2026-12-31",
                                             "recipient_member_id": aunt.id})
    bed = support.add_item(ctx, case.id, {"category": "beds_and_furniture", "description": "Bunk bed",
                                          "amount": "1250.00", "start_date": "2026-11-23"})
    support.add_item(ctx, case.id, {"category": "travel", "description": "Taxi never approved", "amount": "12"})
    for item in (weekly, bed):
        support.approve_item(ctx, item.id)  # type: ignore[arg-type]
    support.pay_item(ctx, bed.id)  # type: ignore[arg-type]
    plans.record_agreement(ctx, plan.id, decided_by="Sam Adeyemi", decided_on=date(2026, 11, 21))  # type: ignore[arg-type]
    return case


def test_english_plan_reads_back_in_order_with_british_formats(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        case = _agreed_plan(ctx)
        printed = plans.print_plan(ctx, case.id, tmp_path / "plan.docx")
    text, rows = docx_text(printed.docx)
    assert printed.language == "en_GB"
    assert [row[2] for row in rows[1:]] == ACTIONS
    assert rows[1] == ["1", "Ngozi Okafor", ACTIONS[0], "10 December 2026", "Social worker", "Not started"]
    assert rows[5][3] == "14 December 2026"
    for expected in ("Family plan", "The Okafor family", "Ada Okafor, born 4 May 2018",
                     "Agreed by Sam Adeyemi on 21 November 2026", "20 November 2026",
                     "Ngozi Okafor\nAunt", "Grace Okafor\nGrandmother", "Where will Ada live?",
                     "I want to stay at my school", "If Ngozi is ill, Nana steps in",
                     "£33.33 a week from 1 October 2026 to 31 December 2026", "£466.62", "£1,250.00 once",
                     "Total support agreed: £1,716.62", "This plan will be reviewed on 15 February 2027.",
                     "Signatures"):
        assert expected in text, expected
    assert "Taxi never approved" not in text
    for secret in (SECRET_ADDRESS, "07700 900123", "ngozi@example.org", "01632 960777", "2 Elm Road"):
        assert secret not in text
    assert "Dean Smith" not in text and "[withheld]" in text  # the bottom line named him
    assert printed.withheld == ["bottom_lines"]


def test_welsh_plan_from_the_family_language(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        case = _agreed_plan(ctx, language="cy")
        printed = plans.print_plan(ctx, case.id, tmp_path / "cynllun.docx")
        english = plans.print_plan(ctx, case.id, tmp_path / "plan.docx", language="en_GB")
    text, rows = docx_text(printed.docx)
    assert printed.language == "cy"
    assert rows[0] == ["Rhif", "Pwy", "Beth", "Erbyn pryd", "Pwy sy'n gwirio", "Cynnydd"]
    assert rows[1][3:] == ["10 Rhagfyr 2026", "Social worker", "Heb ddechrau"]
    for expected in ("Cynllun teulu", "Teulu Okafor", "Cytunwyd gan Sam Adeyemi ar 21 Tachwedd 2026",
                     "£33.33 yr wythnos o 1 Hydref 2026 hyd 31 Rhagfyr 2026", "Gofal plant", "Llofnodion"):
        assert expected in text, expected
    assert "Family plan" in docx_text(english.docx)[0]


def test_polish_plan_with_polish_dates(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        case = _agreed_plan(ctx, language="pl")
        printed = plans.print_plan(ctx, case.id, tmp_path / "plan.docx")
    text, rows = docx_text(printed.docx)
    assert (printed.language, rows[1][3]) == ("pl", "10 grudnia 2026")
    assert "Plan rodzinny" in text and "Uzgodniony przez: Sam Adeyemi, dnia 21 listopada 2026" in text


def test_urdu_plan_reads_right_to_left_with_urdu_dates(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        case = _agreed_plan(ctx, language="ur")
        printed = plans.print_plan(ctx, case.id, tmp_path / "plan.docx")
    text, rows = docx_text(printed.docx)
    assert printed.language == "ur"
    assert rows[0] == ["نمبر", "کون", "کیا", "کب تک", "کون جانچے گا", "پیش رفت"]
    assert rows[1][3:] == ["10 دسمبر، 2026", "Social worker", "شروع نہیں ہوا"]
    for expected in ("خاندانی منصوبہ", "Sam Adeyemi نے 21 نومبر، 2026 کو منظور کیا", "بچوں کی دیکھ بھال", "دستخط"):
        assert expected in text, expected
    document = docx.Document(str(printed.docx))
    normal = document.styles["Normal"].element            # every paragraph and run inherits its direction
    assert normal.pPr.find(qn("w:bidi")) is not None and normal.rPr.find(qn("w:rtl")) is not None
    assert normal.rPr.find(qn("w:lang")).get(qn("w:bidi")) == "ur"
    assert all(t._tbl.tblPr.find(qn("w:bidiVisual")) is not None for t in document.tables)
    assert all(p.style.name in ("Normal", "Title", "Heading 1", "List Bullet") for p in document.paragraphs)


def test_language_without_a_translation_falls_back_to_english(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        case = _agreed_plan(ctx, language="so")
        printed = plans.print_plan(ctx, case.id, tmp_path / "plan.docx")
    assert printed.language == "en_GB"
    assert "Family plan" in docx_text(printed.docx)[0]


def test_draft_and_not_agreed_versions_say_so(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
        plan = plans.start_version(ctx, case.id)
        draft = plans.print_plan(ctx, case.id, tmp_path / "draft.docx")
        plans.add_action(ctx, plan.id, {"who_text": "Dad", "what": "Move back in"})  # type: ignore[arg-type]
        plans.record_not_agreed(ctx, plan.id, reason=NotAgreedReason.FAILS_BOTTOM_LINE,  # type: ignore[arg-type]
                                detail="Ada cannot live with her father", decided_by="Sam")
        refused = plans.print_plan(ctx, case.id, tmp_path / "refused.docx", version_no=1)
    assert "DRAFT: not yet agreed" in docx_text(draft.docx)[0]
    assert ("Not agreed by Sam on 23 November 2026: Fails bottom line. Ada cannot live with her father"
            in docx_text(refused.docx)[0])


@pytest.mark.parametrize("language", ["cy", "pl", "ur"])
def test_every_fixed_wording_is_translated(language: str) -> None:
    catalog = translations(language, "plans")
    found = [message for _line, message, *_rest in extract_from_file("python", family_plan.__file__)]
    labels = [member.label for enum in (ActionStatus, NotAgreedReason) for member in enum]
    labels += list(DEFAULT_SUPPORT_CATEGORIES.values())
    assert len(found) > 40
    missing = [m for m in found + labels if catalog.gettext(m) == m]
    assert missing == []


name_part = st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ", min_size=3, max_size=6)


@st.composite
def networks(draw: st.DrawFn) -> list[dict[str, object]]:
    """A few members with random safety flags; every name and detail carries a unique token."""
    members = []
    for index in range(draw(st.integers(min_value=1, max_value=6))):
        token = f"{draw(name_part)}{index}q"
        members.append({"given_name": f"Zed{token}", "family_name": f"Fam{token}",
                        "address": f"{index} Hidden Row {token}", "address_confidential": draw(st.booleans()),
                        "not_to_be_told": draw(st.booleans()), "phone": f"01632 96{index:04d}",
                        "email": f"p{token.lower()}@example.org"})
    return members


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(network=networks(), data=st.data())
def test_no_confidential_field_reaches_the_printed_plan(sqlite_workspace: Workspace, tmp_path: Path,
                                                        network: list[dict[str, object]],
                                                        data: st.DataObject) -> None:
    """Even when the coordinator types forbidden details into free text, the family's copy never has them."""
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx, reference=f"FG-P-{uuid.uuid4().hex[:8]}")
        members = [add_member(ctx, case.id, m["given_name"], m["family_name"],  # type: ignore[arg-type]
                              **{k: v for k, v in m.items() if k not in ("given_name", "family_name")})
                   for m in network]
        hold_meeting(ctx, case.id, attended=[m for m, facts in zip(members, network, strict=True)
                                             if not facts["not_to_be_told"]])
        plan = plans.start_version(ctx, case.id)
        details = [str(m[key]) for m in network for key in ("address", "phone", "email")]
        names = [f"{m['given_name']} {m['family_name']}" for m in network]
        for member, facts in zip(members, network, strict=True):
            who = {"who_text": "Social worker"} if facts["not_to_be_told"] else {"who_member_id": member.id}
            mention = data.draw(st.sampled_from(details + names))
            plans.add_action(ctx, plan.id, {**who, "what": f"Visit {mention} weekly"})  # type: ignore[arg-type]
        plans.update_plan(ctx, plan.id, {"contingency": data.draw(st.sampled_from(details + names)).upper()})  # type: ignore[arg-type]
        printed = plans.print_plan(ctx, case.id, tmp_path / f"{case.reference}.docx")
    text = docx_text(printed.docx)[0].casefold()
    for facts in network:
        for key in ("phone", "email"):
            assert str(facts[key]).casefold() not in text
        if facts["address_confidential"]:
            assert str(facts["address"]).casefold() not in text
        if facts["not_to_be_told"]:
            assert f"{facts['given_name']} {facts['family_name']}".casefold() not in text


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=60).filter(str.strip))
def test_any_typed_text_prints(tmp_path: Path, text: str) -> None:
    """Accents, emoji, right-to-left script, {{ braces }} and pasted control characters all print."""
    plan = family_plan.PlanDocument(
        language="en_GB", council_name="Council", service_name="Service", family_name=text, case_reference="X",
        children=[(text, None)], version_no=1, status=family_plan.PlanStatus.DRAFT, child_views=text,
        questions=[(text, text)],
        actions=[family_plan.PrintedAction(who=text, what=text, by_when=None, checked_by=text,
                                           status=ActionStatus.NOT_STARTED)])
    written = family_plan.write_family_plan(plan, tmp_path / "plan.docx")
    _text, rows = docx_text(written)
    kept = "".join(ch for ch in text if ch in "\t\n\r" or (ord(ch) >= 32 and ch not in "\ufffe\uffff"))
    assert rows[1][2].replace("\n", "") == kept.replace("\n", "").replace("\r", "")


def _printed_pdf_text(sqlite_workspace: Workspace, tmp_path: Path, *options: str, **case_fields: object) -> str:
    """The agreed plan printed through LibreOffice, read back by pdftotext (with `options`)."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        need_external("LibreOffice", "install libreoffice-writer to convert plans to PDF")
    if shutil.which("pdftotext") is None:
        need_external("pdftotext", "install poppler-utils to read the PDF back")
    with sqlite_workspace.context() as ctx:
        case = _agreed_plan(ctx, **case_fields)
        printed = plans.print_plan(ctx, case.id, tmp_path / "plan.docx", pdf=True)
    assert printed.pdf is not None, printed.pdf_problem
    return subprocess.run(["pdftotext", *options, str(printed.pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_pdf_through_libreoffice_shows_the_actions(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    flat = " ".join(_printed_pdf_text(sqlite_workspace, tmp_path).split())
    positions = [flat.find(action) for action in ACTIONS]
    assert -1 not in positions and positions == sorted(positions), flat
    for words in ("Family plan", "£466.62", "15 February 2027"):
        assert words in flat, words


def test_who_took_part_leaves_out_anyone_since_marked_not_to_be_told(sqlite_workspace: Workspace,
                                                                     tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
        aunt = add_member(ctx, case.id, "Ngozi")
        uncle = add_member(ctx, case.id, "Emeka", relationship="Uncle")
        worker = make_staff(ctx, "sam", name="Sam Adeyemi")
        meeting = hold_meeting(ctx, case.id, attended=[aunt, uncle])
        with ctx.write() as session:
            session.add(MeetingAttendee(meeting_id=meeting.id, staff_id=worker.id, attendance=Attendance.ATTENDED,
                                        role="Social worker"))
            uncle.not_to_be_told = True                        # told of later: he must not appear
        plan = plans.start_version(ctx, case.id)
        plans.add_action(ctx, plan.id, {"what": "Tea on Wednesdays", "who_text": "Nana"})  # type: ignore[arg-type]
        printed = plans.print_plan(ctx, case.id, tmp_path / "plan.docx")
    text, _rows = docx_text(printed.docx)
    assert "Ngozi Okafor\nAunt" in text and "Sam Adeyemi\nSocial worker" in text
    assert "Emeka" not in text and "Uncle" not in text and WITHHELD not in text, "no trace of him, not even withheld"


def test_polish_pdf_keeps_each_amount_on_one_line(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    """Polish writes pounds as "1 250,00 GBP", which the total column broke into "1 250,00 G" and "BP"."""
    text = _printed_pdf_text(sqlite_workspace, tmp_path, "-layout", language="pl")
    split = re.search(r"\d,\d\d( G| GB)?$", text, re.MULTILINE)
    assert "1 250,00 GBP" in text.replace("\u00a0", " ") and not split, text


def test_the_contingency_contact_gives_the_coordinators_job_in_the_familys_language(
        sqlite_workspace: Workspace, tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        coordinator = make_staff(ctx, "oroper", name="Owen Roper", job_title="FGDM coordinator", phone="01632 960470")
        case = _agreed_plan(ctx, language="pl", coordinator_id=coordinator.id)
        printed = plans.print_plan(ctx, case.id, tmp_path / "plan.docx")
    text, _rows = docx_text(printed.docx)
    assert "Jeśli plan się nie powiedzie, prosimy o kontakt: Owen Roper, Koordynator FGDM, Family Group Decision " \
           "Making Service, 01632 960470." in text.splitlines(), [line for line in text.splitlines() if "Owen" in line]
