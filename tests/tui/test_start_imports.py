"""Starting the workbench imports what home needs and nothing more: no documents, reports or migrations.

Each check runs in a fresh interpreter, as `fgdm` does, and reads `sys.modules` once home shows its data.
Not timed (the bench times the start); this fails when a start pays for a library it does not use.
"""

from __future__ import annotations

import json
import subprocess
import sys

from fgdm.services.shared.context import Workspace

NOT_AT_START = ("docx", "PIL", "icalendar", "jsonschema", "jsonschema_rs", "alembic", "fgdm.documents",
                "fgdm.reports")
"""Libraries and packages a start to home never needs: python-docx, Pillow, icalendar, jsonschema (both),
Alembic, and fgdm's documents and reports."""

HOME = """
import asyncio, json, sys
import fgdm.cli
at_import = sorted(sys.modules)
from textual.widgets import Static
from fgdm.config import Settings
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp

async def show_home() -> None:
    app = FgdmApp(Workspace(Settings(database_url=sys.argv[1])))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if "needing action" in str(app.screen.query_one("#home-greeting", Static).render()):
                return
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
    raise SystemExit("home never showed its data")

asyncio.run(show_home())
print(json.dumps({"cli": at_import, "home": sorted(sys.modules)}))
"""


def loaded_from(modules: list[str]) -> list[str]:
    """The modules of `NOT_AT_START` among these (a package or any module inside it)."""
    return sorted(name for name in modules
                  if any(name == package or name.startswith(f"{package}.") for package in NOT_AT_START))




def test_importing_the_command_line_and_starting_to_home_import_nothing_they_do_not_use(
        filled_workspace: Workspace) -> None:
    done = subprocess.run([sys.executable, "-c", HOME, str(filled_workspace.engine.url)], capture_output=True,
                          text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded_from(modules["cli"]) == []
    assert loaded_from(modules["home"]) == []
    assert "fgdm.services.home" in modules["home"]  # the start did read home through its service


def test_the_check_sees_a_library_that_is_imported() -> None:
    """The check itself: a start that did import python-docx or a documents module is caught."""
    assert loaded_from(["docx.shared", "fgdm.documents", "fgdm.documentsx", "textual"]) == ["docx.shared",
                                                                                              "fgdm.documents"]
