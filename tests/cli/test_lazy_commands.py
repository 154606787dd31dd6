"""The command line imports a sub-command only when it is run, and says the same as if it had imported them all."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from fgdm.cli.root import FgdmGroup, app

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "textual", "alembic", "docx", "PIL", "icalendar", "jinja2",
         "babel", "jsonschema", "jsonschema_rs", "fgdm.services", "fgdm.models", "fgdm.store", "fgdm.config")
"""What `fgdm --version` and `fgdm --help` need none of."""

IMPORTED = """
import json, sys
from fgdm.cli import main
sys.argv = ["fgdm", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_import_none_of_the_services_or_libraries(option: str) -> None:
    done = subprocess.run([sys.executable, "-c", IMPORTED, option], capture_output=True, text=True, check=True)
    modules = json.loads(done.stderr.strip().splitlines()[-1])
    heavy = [name for name in modules if any(name == top or name.startswith(f"{top}.") for top in HEAVY)]
    assert heavy == []
    assert "fgdm" in done.stdout


def test_each_command_listed_by_help_is_summed_up_as_its_own_module_says() -> None:
    """The summaries `--help` shows without importing are the first paragraph of each command's own help."""
    group = typer.main.get_command(app)
    assert isinstance(group, FgdmGroup)
    context = typer.Context(group)
    for name, lazy in FgdmGroup.LAZY.items():
        command = group.get_command(context, name)
        assert command is not None and command.help is not None
        assert command.help.strip().split("\n\n")[0].replace("\n", " ") == lazy.summary, name


def test_help_lists_the_same_commands_before_and_after_they_are_imported() -> None:
    """`--help` from the summaries alone reads exactly as it does from the commands themselves."""
    lazy, loaded = typer.main.get_command(app), typer.main.get_command(app)
    for name in loaded.list_commands(typer.Context(loaded)):
        loaded.get_command(typer.Context(loaded), name)
    listed = lazy.get_help(typer.Context(lazy, info_name="fgdm"))
    assert "duty " in listed and "retention " in listed
    assert listed == loaded.get_help(typer.Context(loaded, info_name="fgdm"))


def test_a_mistyped_command_is_still_matched_to_the_nearest() -> None:
    result = CliRunner().invoke(app, ["casez"])
    assert result.exit_code == 2
    assert "Did you mean 'cases'?" in result.output
