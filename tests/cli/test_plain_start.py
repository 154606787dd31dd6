"""`fgdm` with only the options that choose the records and the user opens the workbench without typer, and
takes those options exactly as the root command does; anything else goes to the root command."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from fgdm.cli import root
from fgdm.cli.plain import plain_workbench
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
