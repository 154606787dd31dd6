"""The coordinator's week on the command line: the contact log, the documents written for a case, my week, and
one output folder for every generated file (never the folder the command was run in)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fgdm.cli import app
from fgdm.i18n import format_day, format_day_short
from fgdm.services.shared.clock import london_today, system_clock
from fgdm.services.shared.context import Workspace
from tests.factories import make_case
from tests.meetings_support import add_member, schedule

runner = CliRunner()


def a_wednesday_ahead() -> date:
    """A weekday a week or two ahead of the real day the command line runs on (it has no frozen clock)."""
    later = london_today(system_clock) + timedelta(days=7)
    return later + timedelta(days=(2 - later.weekday()) % 7)


def _run(url: str, *args: str) -> tuple[str, str]:
    result = runner.invoke(app, ["--db", url, *args])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.stdout, result.stderr


@pytest.fixture
def documents_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No output folder set: the default, fgdm in the documents folder of a home of the test's own; run from
    another folder, which must stay empty."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("FGDM_OUTPUT_DIR", "XDG_DOCUMENTS_DIR", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "clone").mkdir()
    monkeypatch.chdir(tmp_path / "clone")
    return tmp_path / "home" / "Documents" / "fgdm"


def test_generated_files_go_to_the_documents_folder_with_their_full_path_said(
        sqlite_workspace: Workspace, sqlite_url: str, documents_folder: Path) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
        add_member(ctx, case, "Ngozi")
    printed, _ = _run(sqlite_url, "network", "print", "--case", case.reference)
    _, said = _run(sqlite_url, "report", "quarterly", "--quarter", "2026-Q2", "--format", "docx")
    today = london_today(system_clock).isoformat()
    assert Path(printed.strip()) == documents_folder / f"{case.reference}-network-map-coordinator-{today}.docx"
    assert said.strip().endswith(f"to {documents_folder / 'quarterly-return-2026-Q2.docx'}")
    assert sorted(path.suffix for path in documents_folder.iterdir()) == [".docx", ".docx"]
    assert list(Path.cwd().iterdir()) == []


def test_the_documents_of_a_case_are_listed_and_reprinted(sqlite_workspace: Workspace, sqlite_url: str,
                                                          tmp_path: Path) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
        add_member(ctx, case, "Ngozi")
    printed, _ = _run(sqlite_url, "network", "print", "--case", case.reference, "--shareable")
    _run(sqlite_url, "export", "--case", case.reference, "-o", str(tmp_path / "case.json"))
    listed = json.loads(_run(sqlite_url, "documents", "list", "--case", case.reference, "--format", "json")[0])
    assert [(d["kind"], d["file"], d["file_exists"]) for d in listed] == [
        ("case_file", str(tmp_path / "case.json"), True), ("network_map", printed.strip(), True)]
    Path(printed.strip()).unlink()
    table, _ = _run(sqlite_url, "documents", "list", "--case", case.reference)
    assert "Network map, shareable copy · The family" in table and "file no longer there: reprint it" in table
    reprinted, _ = _run(sqlite_url, "documents", "reprint", str(listed[1]["id"]))
    assert reprinted.strip() == printed.strip() and Path(printed.strip()).is_file()


def test_notes_are_added_listed_and_their_follow_up_cleared_and_my_week_shows_them(
        sqlite_workspace: Workspace, sqlite_url: str) -> None:
    day = a_wednesday_ahead()
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx, referral_date="2026-10-01")
        schedule(ctx, case, kind="baseline", day=day.isoformat())
    ref = case.reference
    today = format_day(london_today(system_clock))
    _, said = _run(sqlite_url, "note", "add", "--case", ref, "--who", "Grandmother, Irene", "--how", "phone",
                   "--agreed", "Irene will host the meeting", "--follow-up", day.isoformat())
    assert said.strip() == f"Noted phone with Grandmother, Irene on {today} (note 1)"
    listed, _ = _run(sqlite_url, "note", "list", "--case", ref)
    assert f"{today}  Phone        Grandmother, Irene  follow up {format_day(day)}" in listed
    week, _ = _run(sqlite_url, "week", "--week-of", day.isoformat())
    monday = day - timedelta(days=2)
    assert f"Week of {format_day(monday)} to {format_day(monday + timedelta(days=6))}" in week
    assert f"Wed {format_day_short(day)} · follow up phone with Grandmother, Irene" in week
    assert f"Wed {format_day_short(day)} 10:00 · Baseline with referrer" in week
    _run(sqlite_url, "note", "edit", "--case", ref, "--note", "1", "--follow-up", "")
    assert "follow up phone" not in _run(sqlite_url, "week", "--week-of", day.isoformat())[0]
    shown = json.loads(_run(sqlite_url, "note", "list", "--case", ref, "--format", "json")[0])
    assert [(n["who"], n["method"], n["follow_up_on"]) for n in shown] == [("Grandmother, Irene", "phone", None)]


def test_a_note_in_the_future_is_refused_in_a_sentence_naming_the_field(sqlite_workspace: Workspace,
                                                                       sqlite_url: str) -> None:
    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
    result = runner.invoke(app, ["--db", sqlite_url, "note", "add", "--case", case.reference, "--who", "Aunt",
                                 "--how", "visit", "--agreed", "Tea", "--on", a_wednesday_ahead().isoformat()])
    assert result.exit_code != 0
    assert "noted_on: the date of the contact cannot be in the future" in str(result.exception)
    assert "No notes" in runner.invoke(app, ["--db", sqlite_url, "note", "list", "--case", case.reference]).stderr


def test_a_document_record_changed_outside_fgdm_cannot_aim_a_reprint_or_an_open_at_another_file(
        sqlite_workspace: Workspace, sqlite_url: str, tmp_path: Path) -> None:
    """On the team database a colleague's own login can change a case's document rows with plain SQL: a reprint
    must not overwrite the file a row names, nor the Documents tab hand any file it names to the desktop."""
    import sqlite3

    from fgdm.services import case_documents

    with sqlite_workspace.context() as ctx:
        case = make_case(ctx)
    _run(sqlite_url, "export", "--case", case.reference, "-o", str(tmp_path / "case.json"))
    victim = tmp_path / "settings.json"
    victim.write_text('{"keep": "me"}', encoding="utf-8")
    launcher = tmp_path / "run-me.desktop"
    launcher.write_text("[Desktop Entry]\nExec=touch /tmp/pwned\n", encoding="utf-8")
    database = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    with database:
        database.execute("UPDATE case_document SET path = ?", (str(victim),))
        (document_id,) = database.execute("SELECT id FROM case_document").fetchone()
    reprinted, _ = _run(sqlite_url, "documents", "reprint", str(document_id))
    assert victim.read_text(encoding="utf-8") == '{"keep": "me"}'
    assert Path(reprinted.strip()) == tmp_path / "output" / "settings.json"
    with database:
        database.execute("UPDATE case_document SET path = ? WHERE id = ?", (str(launcher), document_id))
    database.close()
    with sqlite_workspace.context() as ctx:
        problem = case_documents.get_document(ctx, document_id).why_not_opened()
        assert problem == (f"{launcher} is not a case file export as fgdm writes one, so fgdm does not open it; "
                           "reprint it (p) to write it again")
        assert case_documents.get_document(ctx, case_documents.list_documents(ctx, case.id)[0].id
                                           ).why_not_opened() is None
