"""The import contracts in pyproject.toml hold: layers one way, only the TUI imports textual, features reach
each other through their public faces, only the command line starts the demo, and the workbench and command
line never touch the store. The same check `.ci/run` makes, kept in the suite so a local run shows it too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def test_lint_imports_keeps_every_contract():
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if command is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]' brings it)")
    result = subprocess.run([command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout
    for contract in ("Only the TUI imports textual", "Layers point one way",
                     "The demo service is a client that only the command line starts",
                     "Features reach each other only through their public faces"):
        assert f"{contract} KEPT" in result.stdout
