"""`fgdm demo`, run as a newcomer would: into the separate demo database, or into a database they name."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fgdm import cli
from fgdm.cli import app
from fgdm.cli import demo as demo_cli
from fgdm.config import default_database_url, demo_database_url
from fgdm.store.engine import sqlite_path

runner = CliRunner()


def _references(*options: str) -> list[str]:
    listed = runner.invoke(app, [*options, "cases", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    return [row["reference"] for row in json.loads(listed.stdout)]


def test_demo_fills_a_named_empty_database_with_at_least_sixty_cases(tmp_path: Path):
    database = str(tmp_path / "named.sqlite3")
    result = runner.invoke(app, ["--db", database, "demo", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert "Generating the demo service" in result.stderr
    assert "60 cases referred since" in result.stdout
    assert f"fgdm --db {database} cases" in result.stdout
    example = result.stdout.split("export --case ")[1].split()[0]
    references = _references("--db", database)
    assert len(references) >= 60 and example in references
    exported = runner.invoke(app, ["--db", database, "export", "--case", example])
    assert exported.exit_code == 0, exported.output
    assert json.loads(exported.stdout)["case"]["reference"] == example


def test_a_database_that_holds_cases_is_refused_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]):
    database = str(tmp_path / "used.sqlite3")
    assert runner.invoke(app, ["--db", database, "demo", "--cases", "12"]).exit_code == 0
    before = _references("--db", database)
    monkeypatch.setattr(sys, "argv", ["fgdm", "--db", database, "demo", "--cases", "12", "--seed", "2"])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 1
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.startswith("fgdm: Database: Already holds cases") and "Traceback" not in error
    assert _references("--db", database) == before


def test_by_default_the_separate_demo_database_is_filled_and_replaced():
    first = runner.invoke(app, ["demo", "--cases", "12", "--seed", "1"])
    assert first.exit_code == 0, first.output
    assert "fgdm --demo cases" in first.stdout
    demo_file = sqlite_path(demo_database_url())
    assert demo_file is not None and demo_file.exists()
    assert not sqlite_path(default_database_url()).exists()
    seeded_one = _references("--demo")
    again = runner.invoke(app, ["demo", "--cases", "14", "--seed", "2"])
    assert again.exit_code == 0, again.output
    assert "Replaced the previous demo database" in again.stderr
    assert len(_references("--demo")) == 14 != len(seeded_one)


def test_open_starts_the_workbench_on_the_database_just_filled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    opened: list[str] = []
    monkeypatch.setattr(demo_cli, "open_tui", lambda state: opened.append(state.settings().database_url))
    result = runner.invoke(app, ["demo", "--cases", "6", "--open"])
    assert result.exit_code == 0, result.output
    assert opened == [demo_database_url()]


def test_fgdm_database_url_names_the_database_to_fill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    named = tmp_path / "from-environment.sqlite3"
    monkeypatch.setenv("FGDM_DATABASE_URL", f"sqlite:///{named}")
    result = runner.invoke(app, ["demo", "--cases", "6"])
    assert result.exit_code == 0, result.output
    assert len(_references("--db", str(named))) == 6
    assert not sqlite_path(demo_database_url()).exists()
