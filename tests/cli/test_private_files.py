"""Every file and folder a command writes is its user's alone (0600 files, 0700 folders), even under the usual
umask 022 that would leave them readable by everyone on the machine.

`WRITERS` names every command that writes a file, with a run of it on a demo service. The first test finds the
commands that take an output (-o, --pdf, --update) by walking the command line, so a new one without a run here
fails until it is added.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from fgdm import demo
from fgdm.cli import app
from fgdm.documents.pdf import soffice_path
from fgdm.services.shared.context import Workspace
from fgdm.store.engine import make_engine
from fgdm.store.migrate import upgrade
from tests.conftest import need_external, not_owner_only

runner = CliRunner()
OUTPUT_OPTIONS = {"-o", "--output", "--pdf", "--update"}
WITHOUT_OUTPUT_OPTION = {"demo", "db upgrade", "restore", "letter offer (the output folder)"}
"""Commands that write a file without being given one: the demo database, the upgrade's safety copy, the
restored database, letters in the default output folder."""


def _one(url: str, sql: str) -> str:
    engine = create_engine(url)
    with engine.connect() as connection:
        value = connection.execute(text(sql)).scalars().first()
    engine.dispose()
    assert value is not None, sql
    return str(value)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo service, made once and copied for each command."""
    from fgdm.config import Settings

    path = tmp_path_factory.mktemp("demo") / "fgdm.sqlite3"
    workspace = Workspace(Settings(database_url=f"sqlite:///{path}"))
    try:
        with workspace.context() as ctx:
            demo.generate_service(ctx, seed=3, cases=8)
    finally:
        workspace.dispose()
    return path


Run = Callable[[str, Path, Path], list[str]]
"""A command's arguments, given the database URL, the output folder (not yet made) and a scratch folder."""


def _sar(url: str, out: Path, _scratch: Path) -> list[str]:
    person = _one(url, "SELECT person_id FROM network_member WHERE NOT not_to_be_told AND contact_status "
                       "<> 'excluded' AND is_parent ORDER BY id")
    said = runner.invoke(app, ["--db", url, "sar", "draft", "--person", person])
    assert said.exit_code == 0, said.output
    return ["sar", "release", said.stderr.split()[1], "-o", str(out / "answer")]


def _planned(url: str) -> str:
    return _one(url, "SELECT id FROM meeting WHERE status = 'planned' AND kind = 'fgdm_meeting' ORDER BY id")


def _invited(url: str) -> tuple[str, str]:
    meeting = _planned(url)
    person = _one(url, f"SELECT m.person_id FROM meeting_attendee a JOIN network_member m ON m.id = "
                       f"a.network_member_id WHERE a.meeting_id = {meeting} AND NOT m.not_to_be_told ORDER BY a.id")
    reference = _one(url, f"SELECT c.reference FROM fgdm_case c JOIN meeting m ON m.case_id = c.id "
                          f"WHERE m.id = {meeting}")
    return reference, person


def _offered(url: str) -> tuple[str, str]:
    """A parent or holder of parental responsibility the offer letter goes to: an invited member may be neither,
    and which one the demo invites first changes with the day it is made."""
    member = _one(url, "SELECT m.id FROM network_member m WHERE (m.is_parent OR m.parental_responsibility) "
                       "AND NOT m.not_to_be_told AND NOT EXISTS (SELECT 1 FROM best_interests_exception e "
                       "WHERE e.case_id = m.case_id) ORDER BY m.id")
    return (_one(url, f"SELECT c.reference FROM fgdm_case c JOIN network_member m ON m.case_id = c.id "
                      f"WHERE m.id = {member}"),
            _one(url, f"SELECT person_id FROM network_member WHERE id = {member}"))


def _letter(kind: str, *extra: str) -> Run:
    def run(url: str, out: Path, _scratch: Path) -> list[str]:
        reference, person = _invited(url)
        return ["letter", kind, "--case", reference, "--to", person, "-o", str(out / f"{kind}.docx"), *extra]
    return run


def _outcome(url: str, out: Path, _scratch: Path) -> list[str]:
    plan = _one(url, "SELECT id FROM family_plan WHERE meeting_id IS NOT NULL AND plan_lead_member_id IS NOT NULL "
                     "ORDER BY id")
    return ["letter", "outcome", "--case", _one(url, f"SELECT c.reference FROM fgdm_case c JOIN family_plan p ON "
                                                     f"p.case_id = c.id WHERE p.id = {plan}"),
            "--to", _one(url, f"SELECT m.person_id FROM family_plan p JOIN network_member m ON "
                              f"m.id = p.plan_lead_member_id WHERE p.id = {plan}"),
            "--meeting", _one(url, f"SELECT meeting_id FROM family_plan WHERE id = {plan}"),
            "-o", str(out / "outcome.docx")]


def _pending_offers(url: str) -> str:
    """A case in pre-proceedings whose parents still wait for the offer in the letter (and nobody is not to be told,
    whose letter a batch would refuse to write where it names the family's meeting)."""
    return _one(url, "SELECT c.reference FROM fgdm_case c JOIN case_child k ON k.case_id = c.id "
                     "WHERE k.legal_status = 'pre_proceedings' "
                     "AND NOT EXISTS (SELECT 1 FROM network_member m WHERE m.case_id = c.id AND m.not_to_be_told) "
                     "AND NOT EXISTS (SELECT 1 FROM best_interests_exception b WHERE b.case_id = c.id) "
                     "AND EXISTS (SELECT 1 FROM network_member m WHERE m.case_id = c.id "
                     "AND (m.is_parent OR m.parental_responsibility) AND NOT EXISTS (SELECT 1 FROM fgdm_offer o "
                     "WHERE o.network_member_id = m.id AND o.in_lbp AND o.response <> 'pending')) ORDER BY c.id")


def _plan_case(url: str) -> str:
    return _one(url, "SELECT c.reference FROM fgdm_case c JOIN family_plan p ON p.case_id = c.id ORDER BY c.id")


def _any_case(url: str) -> str:
    return _one(url, "SELECT reference FROM fgdm_case ORDER BY id")


def _holidays(_url: str, _out: Path, scratch: Path) -> list[str]:
    source = scratch / "bank-holidays.json"
    source.write_text(json.dumps({"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "Christmas Day", "date": "2030-12-25"}]}}), encoding="utf-8")
    return ["meeting", "bank-holidays", "--update", str(source)]


def _backup_to_restore(url: str, _out: Path, scratch: Path) -> list[str]:
    backup = scratch / "copy.sqlite3"
    assert runner.invoke(app, ["--db", url, "backup", "-o", str(backup)]).exit_code == 0
    os.chmod(scratch, 0o700)
    return ["restore", str(backup)]


WRITERS: dict[str, Run] = {
    "export": lambda url, out, _: ["export", "--case", _any_case(url), "-o", str(out / "case.json")],
    "sar release": _sar,
    "meeting ics": lambda url, out, _: ["meeting", "ics", _planned(url), "-o", str(out / "meeting.ics")],
    "diary ics": lambda url, out, _: ["diary", "ics", "--coordinator", _one(url, "SELECT s.username FROM staff s "
                                      "JOIN meeting m ON m.coordinator_id = s.id ORDER BY m.id"),
                                      "--from", "2025-01-01", "--to", "2027-12-31", "-o", str(out / "diary.ics")],
    "letter offer": lambda url, out, _: ["letter", "offer", "--case", _pending_offers(url), "--all-pending",
                                         "-o", str(out / "offers")],
    "letter invitation": _letter("invitation"),
    "letter outcome": _outcome,
    "plan print": lambda url, out, _: ["plan", "print", "--case", _plan_case(url), "-o", str(out / "plan.docx")],
    "network print": lambda url, out, _: ["network", "print", "--case", _any_case(url), "-o", str(out / "map.docx")],
    "report quarterly": lambda _url, out, _: ["report", "quarterly", "--quarter", "2026-Q2", "--format", "csv",
                                              "-o", str(out / "return.csv")],
    "report quarterly (docx)": lambda _url, out, _: ["report", "quarterly", "--quarter", "2026-Q2", "--format",
                                                     "docx", "-o", str(out / "return.docx")],
    "report cin-module5": lambda _url, out, _: ["report", "cin-module5", "--year", "2026-27", "-o",
                                                str(out / "module5.xml")],
    "backup": lambda _url, out, _: ["backup", "-o", str(out / "backup.sqlite3")],
    "meeting bank-holidays": _holidays,
    "restore": _backup_to_restore,
    "letter offer (the output folder)": lambda url, _out, _: ["letter", "offer", "--case", _offered(url)[0],
                                                              "--to", _offered(url)[1]],
    "plan print --pdf": lambda url, out, _: ["plan", "print", "--case", _plan_case(url), "-o",
                                             str(out / "plan.docx"), "--pdf"],
    "letter invitation --pdf": _letter("invitation", "--pdf"),
    "network print --pdf": lambda url, out, _: ["network", "print", "--case", _any_case(url), "-o",
                                                str(out / "map.docx"), "--pdf"],
}
"""Each command that writes a file (and each way one writes differently: a PDF, a Word summary)."""


RUN_BY_THEIR_OWN_TESTS = {"demo": "test_the_demo_makes_its_folder_and_database_owner_only",
                          "db upgrade": "test_an_upgrades_safety_copy_is_owner_only"}


def _commands() -> Iterator[tuple[str, set[str]]]:
    """Every command and group of the command line, with its options."""
    def walk(command: typer.core.TyperGroup | typer.core.TyperCommand, path: list[str]) -> Iterator[
            tuple[str, set[str]]]:
        options = {option for param in command.params for option in getattr(param, "opts", [])}
        yield " ".join(path), options
        if hasattr(command, "list_commands"):
            context = typer.main._click.Context(command)
            for name in command.list_commands(context):
                yield from walk(command.get_command(context, name), [*path, name])
    yield from walk(typer.main.get_command(app), [])


def test_every_command_that_writes_a_file_is_run_here() -> None:
    writing = {path for path, options in _commands() if options & OUTPUT_OPTIONS}
    assert writing, "the walk found no command with an output"
    assert writing <= {name.split(" --")[0].split(" (")[0] for name in WRITERS}, writing - set(WRITERS)
    for name in WITHOUT_OUTPUT_OPTION:
        assert name in WRITERS or name in RUN_BY_THEIR_OWN_TESTS, name
    assert all(test in globals() for test in RUN_BY_THEIR_OWN_TESTS.values())


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_the_command_writes_owner_only_files_and_folders(name: str, demo_file: Path, tmp_path: Path,
                                                         umask_022: None) -> None:
    if "--pdf" in name and soffice_path() is None:
        need_external("LibreOffice", "the PDF is converted by soffice")
    database = tmp_path / "db" / "fgdm.sqlite3"
    database.parent.mkdir(mode=0o700)
    shutil.copyfile(demo_file, database)
    url = f"sqlite:///{database}"
    out, scratch = tmp_path / "out" / "nested", tmp_path / "scratch"
    scratch.mkdir()
    arguments = WRITERS[name](url, out, scratch)
    target = f"sqlite:///{tmp_path / 'restored' / 'fgdm.sqlite3'}" if name == "restore" else url
    result = runner.invoke(app, ["--db", target, *arguments])
    assert result.exit_code == 0, result.output + repr(result.exception)
    data, output = Path(os.environ["FGDM_DATA_DIR"]), Path(os.environ["FGDM_OUTPUT_DIR"])
    written = [root for root in (tmp_path / "out", data, output, tmp_path / "restored") if root.exists()]
    assert written, f"{name} wrote nothing where the test looks"
    for root in written:
        assert not_owner_only(root) == {}, name


def test_the_demo_makes_its_folder_and_database_owner_only(tmp_path: Path, umask_022: None,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FGDM_DATA_DIR", str(tmp_path / "fresh" / "fgdm"))
    result = runner.invoke(app, ["demo", "--cases", "2"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    assert (tmp_path / "fresh" / "fgdm" / "fgdm-demo.sqlite3").exists()
    assert not_owner_only(tmp_path / "fresh") == {}


def test_an_upgrades_safety_copy_is_owner_only(tmp_path: Path, umask_022: None) -> None:
    folder = tmp_path / "db"
    folder.mkdir(mode=0o700)
    url = f"sqlite:///{folder / 'fgdm.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine, "0013", backup=False)
    engine.dispose()
    result = runner.invoke(app, ["--db", url, "db", "upgrade"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    assert len(list(folder.iterdir())) >= 2, "the upgrade made no safety copy"
    assert not_owner_only(folder) == {}

