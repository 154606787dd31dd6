"""`fgdm sar` for a father who must not learn of the meeting: held for review, released without the safety note,
the case or anyone else, and read by a member of the public as a document."""

from __future__ import annotations

import json
import re
from pathlib import Path

from docx import Document
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from fgdm import demo
from fgdm.cli import app
from fgdm.services.shared.context import Workspace

runner = CliRunner()
NOTE = "Must not learn of the meeting or the children's address: history of violence towards the mother."


def _run(url: str, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, ["--db", url, *args])
    assert result.exit_code == code, result.output + repr(result.exception)
    return result.stdout + result.stderr + (str(result.exception) if code else "")


def _one(url: str, sql: str, **values: object) -> tuple:  # type: ignore[type-arg]
    engine = create_engine(url)
    with engine.begin() as connection:
        row = connection.execute(text(sql), values).one()
    engine.dispose()
    return tuple(row)


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _not_told(sqlite_workspace: Workspace, url: str) -> tuple[int, str, str, list[str]]:
    """The demo's father not to be told, his case, and everyone else in it (names, addresses, phones)."""
    with sqlite_workspace.context() as ctx:
        demo.generate_service(ctx, seed=3, cases=6)
    person_id, case_id, reference = _one(url, "SELECT m.person_id, m.case_id, c.reference FROM network_member m "
                                              "JOIN fgdm_case c ON c.id = m.case_id WHERE m.not_to_be_told "
                                              "ORDER BY m.id LIMIT 1")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE network_member SET notes = :note WHERE person_id = :p"),
                           {"note": NOTE, "p": person_id})
        others = connection.execute(text(
            "SELECT given_name || ' ' || family_name, address, phone FROM person WHERE id <> :p AND id IN "
            "(SELECT person_id FROM network_member WHERE case_id = :c UNION "
            "SELECT person_id FROM case_child WHERE case_id = :c)"), {"p": person_id, "c": case_id}).all()
        venues = connection.execute(text("SELECT v.name FROM venue v JOIN meeting m ON m.venue_id = v.id "
                                         "WHERE m.case_id = :c"), {"c": case_id}).scalars().all()
        own = set(connection.execute(text("SELECT given_name || ' ' || family_name, address, phone FROM person "
                                          "WHERE id = :p"), {"p": person_id}).one())
    engine.dispose()
    secrets = [value for row in others for value in row if value and value not in own] + list(venues)
    return person_id, reference, str(case_id), secrets


def test_a_not_to_be_told_fathers_answer_waits_for_review_and_tells_him_nothing_of_the_case(
        sqlite_workspace: Workspace, sqlite_url: str, tmp_path: Path) -> None:
    person_id, reference, _, secrets = _not_told(sqlite_workspace, sqlite_url)
    said = _run(sqlite_url, "sar", "draft", "--person", str(person_id))
    draft = re.search(r"Draft (\d+) for .*: for review\.", said)
    assert draft, said
    assert f"is marked not to be told in {reference}" in said
    number = draft.group(1)

    out = tmp_path / "answer"
    refused = _run(sqlite_url, "sar", "release", number, "-o", str(out), code=1)
    assert f"draft {number} for" in refused and "is held for review" in refused and "fgdm sar review" in refused
    assert not out.exists()

    shown = _run(sqlite_url, "sar", "show", number)
    assert "not to be told" in shown  # the reviewer sees why
    _run(sqlite_url, "sar", "review", number, "--reviewed-by", "Priya Shah, data protection officer",
         "--note", "The case and the safety notes are withheld: serious harm to the mother.")
    _run(sqlite_url, "sar", "release", number, "-o", str(out))

    docx_text = _docx_text(out / f"subject-access-{number}.docx")
    json_text = (out / f"subject-access-{number}.json").read_text(encoding="utf-8")
    for released in (docx_text, json_text):
        for withheld in (NOTE, "history of violence", "Must not learn", reference, "not to be told",
                         "In lbp", "True", "/tmp", "template"):
            assert withheld.casefold() not in released.casefold(), withheld
        for secret in secrets:
            assert secret not in released, secret
        assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", released.split('"value"')[0])
    given, family, born = _one(sqlite_url, "SELECT given_name, family_name, date_of_birth FROM person WHERE id = :p",
                               p=person_id)
    assert f"Information held about {given} {family}" in docx_text
    assert re.search(r"Date of birth\n\d{1,2} [A-Z][a-z]+ \d{4}\n", docx_text)
    assert "Review" not in docx_text and "Priya Shah" not in docx_text

    document = json.loads(json_text)
    details = {entry["field"]: entry for entry in document["sections"][0]["records"][0]}
    assert details["Date of birth"]["value"] == born and details["Date of birth"]["text"] != born
    assert "uid" not in json_text and '"id"' not in json_text

    audited = _one(sqlite_url, "SELECT group_concat(action, ' ') FROM audit_event WHERE table_name = "
                               "'subject_access_draft' AND action LIKE 'subject_access%'")[0]
    assert audited.split() == ["subject_access_draft", "subject_access_review", "subject_access_release"]
    listed = _run(sqlite_url, "sar", "list")
    assert "released  reviewed by Priya Shah, data protection officer" in listed


def test_the_released_answer_is_on_the_letterhead_with_page_numbers(
        sqlite_workspace: Workspace, sqlite_url: str, tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        demo.generate_service(ctx, seed=3, cases=2)
    (person_id,) = _one(sqlite_url, "SELECT person_id FROM network_member WHERE NOT not_to_be_told AND "
                                    "contact_status <> 'excluded' AND is_parent ORDER BY id LIMIT 1")
    said = _run(sqlite_url, "sar", "draft", "--person", str(person_id))
    number = re.search(r"Draft (\d+) for .*: ready to release\.", said).group(1)  # type: ignore[union-attr]
    _run(sqlite_url, "sar", "release", number, "-o", str(tmp_path / "answer"))
    document = Document(str(tmp_path / "answer" / f"subject-access-{number}.docx"))
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    text = _docx_text(tmp_path / "answer" / f"subject-access-{number}.docx")
    assert re.search(r"Preferred language\n[A-Z][a-z]+", text) and not re.search(r"\b[a-z]{2}_[A-Z]{2}\b", text)
    assert text.splitlines()[1] == "Exampleshire County Council · Family Group Decision Making Service", \
        "the answer says which council it is from, under its title"
    refused = _run(sqlite_url, "sar", "review", number, "--reviewed-by", "Priya Shah", "--note", "Fine.", code=1)
    assert "needs no review" in refused
