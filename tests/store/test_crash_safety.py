"""A process killed with SIGKILL mid-write leaves a consistent database: committed work present, no partial work."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _integrity(path: Path) -> None:
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def _kill_after(args: list[str], delay: float, wait_for_line: str | None) -> list[str]:
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert process.stdout is not None
    lines: list[str] = []
    if wait_for_line is not None:
        lines.append(process.stdout.readline().strip())
        assert lines[0] == wait_for_line
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    rest, _ = process.communicate(timeout=30)
    return lines + rest.split()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_killed_case_writer_leaves_every_committed_case_whole(sqlite_url, seed):
    path, reported = _kill_worker("cases", sqlite_url, seed, 0.3, 1.5)
    with sqlite3.connect(path) as db:
        stored = {row[0]: row[1] for row in db.execute(
            "SELECT c.reference, count(k.id) FROM fgdm_case c LEFT JOIN case_child k ON k.case_id = c.id "
            "GROUP BY c.reference")}
        unfinished = db.execute("SELECT count(*) FROM fgdm_case WHERE referral_reason = ''").fetchone()[0]
    assert set(reported) <= set(stored), "a case the worker saw committed is missing"
    assert all(count == 3 for count in stored.values()), "a case was left with only some of its children"
    assert len(stored) - len(reported) <= 1
    assert unfinished <= 1


@pytest.mark.parametrize("seed", [4, 5, 6, 7])
def test_killed_migration_leaves_the_schema_empty_or_complete_and_upgradable(tmp_path, seed, clock):
    from fgdm.config import Settings
    from fgdm.services.shared.context import Workspace
    from fgdm.store.migrate import current_revision, head_revision

    path = tmp_path / "migrating.sqlite3"
    delay = random.Random(seed).uniform(0.0, 0.25)
    _kill_after([sys.executable, "-m", "tests.store.crash_worker", "migrate", f"sqlite:///{path}"], delay, "ready")
    _integrity(path)
    with sqlite3.connect(path) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "fgdm_case" not in tables or "alembic_version" in tables, "tables exist but no revision was recorded"
    workspace = Workspace(Settings(database_url=f"sqlite:///{path}"), clock=clock)
    assert current_revision(workspace.engine) == head_revision()
    workspace.dispose()


def _kill_worker(job: str, sqlite_url: str, seed: int, low: float, high: float) -> tuple[Path, list[str]]:
    """Run the crash worker's job, SIGKILL it after a seeded delay, check the file's integrity, and return
    the file and what the worker reported committed."""
    delay = random.Random(seed).uniform(low, high)
    reported = _kill_after([sys.executable, "-m", "tests.store.crash_worker", job, sqlite_url], delay, "ready")[1:]
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    _integrity(path)
    return path, reported


def _seed_case(url: str) -> None:
    """One case with a held FGDM meeting, so plans may start and case files have something to copy."""
    from fgdm.config import Settings
    from fgdm.services import cases as case_service
    from fgdm.services.shared.context import Workspace
    from tests.factories import make_case

    workspace = Workspace(Settings(database_url=url))
    with workspace.context() as ctx:
        case = make_case(ctx)
        case_service.advance_stage(ctx, case.id)
        case_service.advance_stage(ctx, case.id)
    workspace.dispose()


@pytest.mark.parametrize("seed", [8, 9])
def test_killed_import_leaves_whole_batches_only(sqlite_url, seed):
    _seed_case(sqlite_url)
    path, reported = _kill_worker("import", sqlite_url, seed, 0.5, 2.0)
    with sqlite3.connect(path) as db:
        imported = db.execute("SELECT count(*) FROM fgdm_case WHERE reference LIKE 'IMP-%'").fetchone()[0]
        children = db.execute("SELECT count(*) FROM case_child k JOIN fgdm_case c ON c.id = k.case_id "
                              "WHERE c.reference LIKE 'IMP-%'").fetchone()[0]
    assert imported % 5 == 0, "an import batch was left half written"
    assert len(reported) * 5 <= imported <= (len(reported) + 1) * 5
    assert children == imported, "an imported case lost its child"


@pytest.mark.parametrize("seed", [10, 11])
def test_killed_plan_saves_leave_every_committed_save(sqlite_url, seed):
    _seed_case(sqlite_url)
    path, reported = _kill_worker("plan", sqlite_url, seed, 0.5, 2.0)
    with sqlite3.connect(path) as db:
        actions = db.execute("SELECT count(*) FROM plan_action").fetchone()[0]
        contingency = db.execute("SELECT contingency FROM family_plan").fetchone()[0]
    saved = len(reported)
    assert saved <= actions <= saved + 1
    assert contingency == "" or contingency.startswith(f"Version {actions - 1} ") or contingency.startswith(
        f"Version {actions} "), "the plan's wording and its actions disagree about the last save"
    assert contingency == "" or contingency.endswith("y" * 3000), "a save was left half written"
