"""`fgdm` with only the options that choose the records and the user opens the workbench without typer, and
takes those options exactly as the root command does; anything else goes to the root command."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from fgdm.cli import root
from fgdm.cli.plain import plain_workbench, quick_answer
from fgdm.cli.state import CliState


@pytest.mark.parametrize("arguments", [
    [],
    ["--db", "records.sqlite3"],
    ["--db=postgresql://jo@db.example/fgdm", "--user", "jo"],
    ["--user=o'brien", "--demo"],
    ["--demo", "--debug", "--user", "Zoë 🙂"],
])
def test_plain_options_are_taken_as_the_root_command_takes_them(arguments: list[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[CliState] = []
    monkeypatch.setattr("fgdm.cli.workbench.open_tui", opened.append)
    root.app(arguments, standalone_mode=False)
    assert plain_workbench(arguments) == opened[0]


@pytest.mark.parametrize("arguments", [
    ["--help"], ["--version"], ["cases"], ["--db"], ["--db", "--demo"], ["--db", "a", "--db", "b"],
    ["--user", "jo", "week"], ["--unknown"], ["-h"], ["--demo", "--demo"],
])
def test_anything_else_goes_to_the_root_command(arguments: list[str]) -> None:
    assert plain_workbench(arguments) is None


def test_the_root_command_says_what_is_wrong_with_what_plain_parsing_leaves() -> None:
    result = CliRunner().invoke(root.app, ["--db"])
    assert result.exit_code == 2 and "requires an argument" in result.output


@pytest.mark.parametrize("columns", ["80", "200"])
def test_help_and_version_without_typer_say_what_typer_says(columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`fgdm --help` is kept as text (`fgdm/cli/help.txt`): regenerate it when a command or option changes."""
    monkeypatch.setenv("COLUMNS", columns)
    assert quick_answer(["--help"]) == _from_typer(["--db", "unused.sqlite3", "--help"], columns)
    assert quick_answer(["--version"]) == _from_typer(["--db", "unused.sqlite3", "--version"], columns)


def _from_typer(arguments: list[str], columns: str) -> str:
    """What `fgdm` prints when typer parses the command line (an option before the one asked makes it)."""
    program = "import sys; sys.argv[0] = 'fgdm'; from fgdm.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", program, *arguments], capture_output=True, text=True, check=True,
                          env={**os.environ, "COLUMNS": columns}, timeout=60)
    return done.stdout


def test_a_narrow_terminal_s_help_is_typer_s_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    assert quick_answer(["--help"]) is None
    assert quick_answer(["--help", "--demo"]) is None and quick_answer(["cases", "--help"]) is None
