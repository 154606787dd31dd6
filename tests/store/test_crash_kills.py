"""Hundreds of writers killed mid-write, and not one inconsistency: 200 kills on SQLite, 50 on PostgreSQL.

Each round forks a process that writes through the services (new cases, plan saves, backups over the same
file, a restore into an empty store), reports every commit on a pipe, and is killed with SIGKILL after a
seeded delay. After each kill: SQLite's integrity and foreign key checks pass; every case the writer saw
committed is there with all its children; a plan holds exactly the actions of the saves that finished (or
one more); the backup file is absent or a sound backup; the restore target is empty or wholly restored.
Forking the already-loaded test process makes a kill cost a fraction of a second, so hundreds fit in a run.
"""

from __future__ import annotations

import os
import random
import select
import shutil
import signal
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from fgdm.config import Settings
from fgdm.services import cases, plans, records
from fgdm.services.shared.context import Workspace
from fgdm.store.engine import make_engine, sqlite_path
from tests.conftest import _truncate_all
from tests.factories import make_case

KILLS = {"sqlite": 200, "postgresql": 50}


def _forever(url: str, step: Callable[[Workspace, int], str], report: int) -> None:
    """The child: repeat `step`, writing one line to the pipe after each commit, until it is killed."""
    workspace = Workspace(Settings(database_url=url), migrate=False)
    number = 0
    while True:
        number += 1
        done = step(workspace, number)
        os.write(report, f"{done}\n".encode())


def kill_during(url: str, step: Callable[[Workspace, int], str], delay: float, *,
                after_first: bool = False) -> list[str]:
    """Fork a writer running `step`, SIGKILL it after `delay` seconds (or once it has reported its first commit),
    and return what it reported committed."""
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the writer: never returns to pytest
        os.close(reading)
        try:
            _forever(url, step, writing)
        finally:
            os._exit(1)
    os.close(writing)
    first = b""
    if after_first:
        ready, _, _ = select.select([reading], [], [], 120)
        first = os.read(reading, 65536) if ready else b""
    else:
        time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    chunks = [first]
    while chunk := os.read(reading, 65536):
        chunks.append(chunk)
    os.close(reading)
    return b"".join(chunks).decode().split()


def new_case(workspace: Workspace, number: int) -> str:
    with workspace.context() as ctx:
        case = cases.create_case(ctx, {"family_name": f"Crash{number}", "referral_date": "2026-10-01", "children": [
            {"given_name": f"Child{n}", "date_of_birth": "2019-01-01"} for n in range(2)]})
    return case.reference


@dataclass
class Ledger:
    """What the killed writers reported committed, and the store's state the checks compare it with."""

    url: str
    folder: Path
    plan_id: int = 0
    actions: int = 0
    restore_cases: int = 0
    references: set[str] = field(default_factory=set)
    kills: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)

    def saw(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def query(self, sql: str, **params: Any) -> list[Any]:
        engine = make_engine(self.url)
        try:
            with engine.connect() as connection:
                return list(connection.execute(text(sql), params))
        finally:
            engine.dispose()


def _integrity(url: str) -> None:
    path = sqlite_path(url)
    if path is None:
        return
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()


def check_cases(ledger: Ledger, reported: list[str]) -> None:
    ledger.references |= set(reported)
    stored = dict(ledger.query("SELECT c.reference, count(k.id) FROM fgdm_case c LEFT JOIN case_child k "
                               "ON k.case_id = c.id WHERE c.family_name LIKE 'Crash%' GROUP BY c.reference"))
    assert ledger.references <= set(stored), "a case the writer saw committed is missing"
    assert all(count == 2 for count in stored.values()), "a case was left with only some of its children"
    assert len(stored) - len(ledger.references) <= ledger.kills, "more unreported cases than kills"


def plan_step(plan_id: int) -> Callable[[Workspace, int], str]:
    def step(workspace: Workspace, number: int) -> str:
        with workspace.context() as ctx:
            plans.add_action(ctx, plan_id, {"who_text": f"Aunt {number}", "what": "School run " * 20})
        return str(number)
    return step


def check_plan(ledger: Ledger, reported: list[str]) -> None:
    actions = ledger.query("SELECT count(*) FROM plan_action WHERE plan_id = :plan", plan=ledger.plan_id)[0][0]
    assert ledger.actions + len(reported) <= actions <= ledger.actions + len(reported) + 1
    positions = ledger.query("SELECT position FROM plan_action WHERE plan_id = :plan ORDER BY position",
                             plan=ledger.plan_id)
    assert [p for (p,) in positions] == list(range(actions)), "two actions share a place in the plan"
    ledger.actions = actions


def backup_step(target: Path) -> Callable[[Workspace, int], str]:
    def step(workspace: Workspace, number: int) -> str:
        with workspace.context() as ctx:
            records.backup(ctx, target)
        return str(number)
    return step


def check_backup(ledger: Ledger, reported: list[str]) -> None:
    target = ledger.folder / "killed.backup"
    assert target.exists() or not reported, "a backup the writer finished is missing"
    if target.exists():
        assert records.verify_backup(target).cases >= 1
    ledger.saw(f"backups finished: {bool(reported)}")


def restore_step(source: Path, target_url: str) -> Callable[[Workspace, int], str]:
    def step(_workspace: Workspace, number: int) -> str:
        if number > 1:  # one restore per round; then wait to be killed
            time.sleep(60)
        target = Workspace(Settings(database_url=target_url), migrate=False)
        with target.context() as ctx:
            records.restore(ctx, source)
        return "restored"
    return step


def _empty_target(ledger: Ledger, template: Path) -> str:
    if sqlite_path(ledger.url) is None:
        _truncate_all(ledger.url)
        return ledger.url
    target = ledger.folder / "restore-target.sqlite3"
    for leftover in ledger.folder.glob("*restore-target*"):
        leftover.unlink()
    shutil.copy(template, target)
    return f"sqlite:///{target}"


def check_restore(ledger: Ledger, target_url: str, expected: int, reported: list[str]) -> None:
    _integrity(target_url)
    engine = make_engine(target_url)
    try:
        with engine.connect() as connection:
            held = connection.execute(text("SELECT count(*) FROM fgdm_case")).scalar()
    finally:
        engine.dispose()
    assert held in (0, expected), f"a killed restore left {held} of {expected} cases"
    assert held == expected or not reported, "a restore the writer finished is not there"
    ledger.saw(f"restore target held {held} cases")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[tuple[str, Ledger]]:
    if request.param == "sqlite":
        path = tmp_path / "live.sqlite3"
        shutil.copy(sqlite_template, path)
        url = f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_url")
        _truncate_all(url)
    ledger = Ledger(url=url, folder=tmp_path)
    _reseed(ledger)
    yield request.param, ledger


def test_writers_killed_hundreds_of_times_leave_no_inconsistency(store, tmp_path, sqlite_template):
    backend, ledger = store
    rounds = random.Random(21)
    source = tmp_path / "source.backup"
    source_url = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    shutil.copy(sqlite_template, tmp_path / "source.sqlite3")
    made = Workspace(Settings(database_url=source_url))
    with made.context() as ctx:
        for _ in range(3):
            make_case(ctx)
        records.backup(ctx, source)
    made.dispose()
    while ledger.kills < KILLS[backend]:
        job = ("cases", "plan", "backup", "restore")[ledger.kills % 4]
        delay = rounds.uniform(0.02, 0.2 if job == "restore" else 0.4)
        ledger.kills += 1
        if job == "cases":
            check_cases(ledger, kill_during(ledger.url, new_case, delay))
        elif job == "plan":
            check_plan(ledger, kill_during(ledger.url, plan_step(ledger.plan_id), delay))
        elif job == "backup":
            check_backup(ledger, kill_during(ledger.url, backup_step(tmp_path / "killed.backup"), delay))
        else:
            target = _empty_target(ledger, sqlite_template)
            finish = ledger.kills % 8 == 0  # every other restore is killed only after it has finished
            check_restore(ledger, target, 3, kill_during(ledger.url, restore_step(source, target), delay,
                                                         after_first=finish))
            if target == ledger.url:  # PostgreSQL: the restore went into the store itself; start it again
                _truncate_all(ledger.url)
                ledger.references.clear()
                ledger.actions = 0
                _reseed(ledger)
        _integrity(ledger.url)
    assert ledger.kills >= KILLS[backend]
    assert {"restore target held 0 cases", "restore target held 3 cases", "backups finished: True"} <= set(
        ledger.outcomes), f"the kills never landed both before and after a restore or backup: {ledger.outcomes}"


def _reseed(ledger: Ledger) -> None:
    """One case with a held FGDM meeting and a plan for the plan writer to add to."""
    workspace = Workspace(Settings(database_url=ledger.url))
    with workspace.context() as ctx:
        case = make_case(ctx)
        cases.advance_stage(ctx, case.id)
        cases.advance_stage(ctx, case.id)
        ledger.plan_id = plans.start_version(ctx, case.id).id
    workspace.dispose()
