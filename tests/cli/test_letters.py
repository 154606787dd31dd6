"""`fgdm letter`, `fgdm offer` and `fgdm duty`, run as a coordinator or a script would run them."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from docx import Document
from typer.testing import CliRunner

from fgdm.cli import app
from tests.documents.test_letters import build_family

runner = CliRunner()


def run(sqlite_url: str, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--db", sqlite_url, *args])


def test_offer_letter_for_one_person_in_welsh_then_listed(sqlite_workspace, sqlite_url, tmp_path) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
    target = tmp_path / "siân.docx"
    result = run(sqlite_url, "letter", "offer", "--case", family.case.reference, "--to", str(family.mother.person_id),
                 "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(target)
    assert "Annwyl Siân O'Brien," in [p.text for p in Document(str(target)).paragraphs]
    listed = run(sqlite_url, "letter", "list", "--case", family.case.reference, "--format", "json")
    [row] = json.loads(listed.stdout)
    assert (row["kind"], row["language"], row["recipient"], row["file"]) == ("offer", "cy", "Siân O'Brien",
                                                                            str(target))
    assert len(row["template_version"]) == 64


def test_language_fallback_is_said_on_stderr(sqlite_workspace, sqlite_url, tmp_path) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
    result = run(sqlite_url, "letter", "invitation", "--case", family.case.reference,
                 "--to", str(family.aunt.person_id), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Somali (so) translation" in result.stderr and "in English" in result.stderr
    named = rf"-invitation-person{family.aunt.person_id}-en_GB-\d{{4}}-\d\d-\d\d\.docx$"
    assert re.search(named, result.stdout.strip())


def test_batch_offers_record_answers_and_duty(sqlite_workspace, sqlite_url, tmp_path) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
    reference = family.case.reference
    batch = run(sqlite_url, "letter", "offer", "--case", reference, "--all-pending", "-o", str(tmp_path / "out"))
    assert batch.exit_code == 0, batch.output
    assert len(batch.stdout.split()) == 3 and all(line.endswith(".docx") for line in batch.stdout.split())
    for member in (family.mother, family.father, family.grandmother):
        recorded = run(sqlite_url, "offer", "record", "--case", reference, "--to", str(member.person_id),
                       "--on", "2026-11-02")
        assert recorded.exit_code == 0, recorded.output
    listed = json.loads(run(sqlite_url, "offer", "list", "--case", reference, "--format", "json").stdout)
    ids = {row["name"]: row["offer_id"] for row in listed["offers"]}
    assert listed["offers"][1]["not_to_be_told"] is True
    duty = json.loads(run(sqlite_url, "duty", "--case", reference, "--format", "json").stdout)
    assert [d["state"] for d in duty] == ["pending", "pending"]
    assert duty[0]["missing"][0]["by"] == "2026-11-09"
    for name, answer in (("Siân O'Brien", "declined"), ("Łukasz Wójcik", "no_response"), ("فاطمہ بی بی", "declined")):
        answered = run(sqlite_url, "offer", "respond", "--case", reference, "--offer", str(ids[name]),
                       "--response", answer, "--on", "2026-11-06")
        assert answered.exit_code == 0, answered.output
    text = run(sqlite_url, "duty", "--case", reference)
    assert text.exit_code == 0
    assert "Zoë O'Connor-Nowak" in text.stdout and "MET: offered to every parent and PR holder" in text.stdout
    again = run(sqlite_url, "letter", "offer", "--case", reference, "--all-pending")
    assert again.exit_code == 0 and again.stdout == "" and "no offer letter is due" in again.stderr


def test_exception_and_application_commands(sqlite_workspace, sqlite_url) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
    reference = family.case.reference
    made = run(sqlite_url, "offer", "exception", "--case", reference, "--scope", "offer", "--decided-by",
               "Priya Shah, Head of Service", "--decided-on", "2026-11-10", "--reason",
               "an offer would expose the children to serious harm")
    assert made.exit_code == 0, made.output
    assert run(sqlite_url, "offer", "application", "--case", reference, "--on", "2026-11-20").exit_code == 0
    duty = run(sqlite_url, "duty", "--case", reference)
    assert duty.stdout.count("EXCEPTED: Priya Shah, Head of Service decided on 10 November 2026") == 2


def test_bad_input_is_one_line_on_stderr_and_changes_nothing(sqlite_workspace, sqlite_url) -> None:
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
    result = subprocess.run([sys.executable, "-c", "from fgdm.cli import main; main()", "--db", sqlite_url,
                             "offer", "record", "--case", family.case.reference,
                             "--to", str(family.mother.person_id), "--on", "31/11/2026"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("fgdm: Offered on is not a day in the calendar")
    assert "write it as DD/MM/YYYY, for example 23/11/2026" in result.stderr
    listed = json.loads(run(sqlite_url, "offer", "list", "--case", family.case.reference, "--format", "json").stdout)
    assert all(row["offer_id"] is None for row in listed["offers"])


def test_an_invitation_asks_for_an_answer_before_the_meeting_not_after_it(sqlite_workspace, sqlite_url,
                                                                          tmp_path) -> None:
    """Five working days to answer would run past a meeting two days off; the letter asks by the day before."""
    from datetime import date, timedelta

    from fgdm.domain.enums import MeetingStatus
    from fgdm.i18n import format_day
    from tests.documents.test_letters import _meeting

    today = date.today()
    soon = today + timedelta(days=2 if today.weekday() < 3 else 4)  # a weekday with a weekday before it
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
        meeting = _meeting(ctx, family.case, MeetingStatus.PLANNED, soon, None)
    target = tmp_path / "invitation.docx"
    result = run(sqlite_url, "letter", "invitation", "--case", family.case.reference, "--to",
                 str(family.aunt.person_id), "--meeting", str(meeting.id), "-o", str(target))
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    day_before = soon - timedelta(days=1)
    assert f"Please tell the coordinator by {format_day(day_before, 'en_GB')} whether you can come" in text, text


def test_the_closing_of_a_letter_goes_over_a_page_with_the_signature(sqlite_workspace, sqlite_url, tmp_path) -> None:
    """Urdu's longer lines took an invitation onto a second page that began with the coordinator's name, with
    'Yours sincerely,' left alone at the foot of the first: the closing keeps with the block after it."""
    with sqlite_workspace.context() as ctx:
        family = build_family(ctx)
    target = tmp_path / "invitation-ur.docx"
    result = run(sqlite_url, "letter", "invitation", "--case", family.case.reference, "--to",
                 str(family.aunt.person_id), "--lang", "ur", "-o", str(target))
    assert result.exit_code == 0, result.output
    *_, closing, signature = Document(str(target)).paragraphs
    assert closing.text == "مخلص،" and "\n" in signature.text
    assert closing.paragraph_format.keep_with_next and signature.paragraph_format.keep_together
