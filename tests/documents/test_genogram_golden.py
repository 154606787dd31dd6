"""Golden genogram layouts of the demo's hardest families, as `fgdm network show --format json` prints them.

Regenerate after a layout change: FGDM_REGENERATE_GOLDEN=1 pytest -n 0 tests/documents/test_genogram_golden.py

The demo (seed 7, 40 cases, the tests' frozen day) is the same on every machine, and dot gives the same layout
for the same graph run after run; but another Graphviz version may place boxes a column or two apart. So every
run compares the layout's structure (the generation of each row, the people of each row left to right, which
lines join whom, who is outside the tree), and the whole JSON, coordinates included, exactly where `dot -V` is
the version the golden files were made with.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fgdm import demo
from fgdm.cli import app
from fgdm.config import Settings
from fgdm.documents import genogram_engine
from fgdm.services.shared.context import Workspace
from tests.conftest import FROZEN_NOW, need_external

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("FGDM_REGENERATE_GOLDEN") == "1"
"""Read when the module is imported: the suite's fixtures clear FGDM_ variables before each test."""
SEED, CASES = 7, 40
HARDEST = {
    "FG-2025-0007": "four generations, the most people (19), six sibships, three separations",
    "FG-2026-0008": "four generations, 19 people, three children",
    "FG-2026-0027": "half-siblings: parents with children of more than one partnership",
    "FG-2025-0001": "four generations, five partnerships, the mother's former partner not to be told",
    "FG-2026-0011": "a child with a step-parent: three parents over one sibship",
    "FG-2026-0031": "four separations, someone not to be told",
    "FG-2026-0012": "four children; the parents' couple turned so each parent stands beside their own siblings",
}
"""Chosen from the demo's 40 cases; in every one the parents' two families marry into each other."""
runner = CliRunner()


def dot_version() -> str:
    return subprocess.run([str(genogram_engine.dot_path()), "-V"], capture_output=True, text=True,
                          check=False).stderr.strip()


@pytest.fixture(scope="module")
def demo_url(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("golden") / "demo.sqlite3"
    shutil.copy(sqlite_template, path)
    workspace = Workspace(Settings(database_url=f"sqlite:///{path}"), clock=lambda: FROZEN_NOW)
    with workspace.context() as ctx:
        demo.generate_service(ctx, seed=SEED, cases=CASES)
    workspace.dispose()
    yield f"sqlite:///{path}"


def structure(layout: dict[str, Any]) -> dict[str, Any]:
    """What a reader sees of the layout, whatever the columns: rows, their order, the lines and who they join."""
    rows: dict[int, list[str]] = {}
    generations: dict[int, int] = {}
    for node in sorted(layout["nodes"], key=lambda node: (node["row"], node["x"])):
        rows.setdefault(node["row"], []).append(f'{node["person_id"]} {node["name"]}')
        generations[node["row"]] = node["generation"]
    return {
        "engine": layout["engine"],
        "rows": [(generations[row], people) for row, people in sorted(rows.items())],
        "lines": sorted((line["kind"], line["relationship"], line["quality"], line["from"], line["to"])
                        for line in layout["lines"]),
        "outside_the_tree": layout["outside_the_tree"],
    }


@pytest.mark.parametrize("reference", sorted(HARDEST))
def test_the_hardest_demo_families_keep_their_layout(demo_url: str, reference: str) -> None:
    if genogram_engine.dot_path() is None:
        need_external("Graphviz dot", "install graphviz to lay out genograms")
    result = runner.invoke(app, ["--db", demo_url, "network", "show", "--case", reference, "--format", "json"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    layout = json.loads(result.stdout)
    golden = GOLDEN / f"genogram-{reference}.json"
    if REGENERATE:
        golden.write_text(json.dumps({"case": reference, "why": HARDEST[reference], "dot": dot_version(),
                                      "layout": layout}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    kept = json.loads(golden.read_text(encoding="utf-8"))
    assert structure(layout) == structure(kept["layout"]), f"{reference}: {HARDEST[reference]}"
    if kept["dot"] == dot_version():
        assert layout == kept["layout"]
