"""Whole-application measures: the workbench starting, importing case files, and memory while browsing."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

from bare_app import BareApp
from measures import Bench, Result
from sqlalchemy import text
from textual.widgets import Static

from fgdm.config import Settings
from fgdm.services import case_file
from fgdm.services.shared.context import Workspace
from fgdm.tui.app import FgdmApp

BROWSE = Path(__file__).with_name("browse.py")


async def _show_home(workspace: Workspace) -> None:
    app = FgdmApp(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(1_000):
            if str(app.screen.query_one("#home-greeting", Static).render()) != "Loading…":
                return
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
    raise RuntimeError("home never showed its data; run fgdm on this database to see why")


async def _show_bare() -> None:
    async with BareApp().run_test(size=(120, 40)) as pilot:
        await pilot.pause()


def tui_start(bench: Bench) -> Result:
    """Start the workbench headless until home shows the service's data, against the bare app."""
    return Result("TUI start to home with data", *bench.pair(lambda: asyncio.run(_show_home(bench.workspace)),
                                                             lambda: asyncio.run(_show_bare())),
                  "<= 1.5x", max_ratio=1.5)


IMPORTED = 1_000


def import_case_files(bench: Bench) -> Result:
    """Export up to 1,000 cases, then import them into a fresh empty database, each run into a new one."""
    ctx = bench.context()
    with bench.workspace.engine.connect() as connection:
        ids = connection.execute(text("SELECT id FROM fgdm_case ORDER BY id LIMIT :n"), {"n": IMPORTED}).scalars()
        documents = [json.loads(json.dumps(case_file.export_case(ctx, case_id))) for case_id in ids]
    timings = []
    for run in range(bench.repeat):
        target = Workspace(Settings(database_url=f"sqlite:///{bench.scratch / f'import-{run}.sqlite3'}"))
        try:
            with target.context() as empty:
                started = time.perf_counter()
                case_file.import_case_files(empty, documents, as_records=True)
                timings.append((time.perf_counter() - started) * 1000)
        finally:
            target.dispose()
    timings.sort()
    ms = timings[len(timings) // 2]
    rate = len(documents) / (ms / 1000)
    return Result(f"import {len(documents):,} case files", ms, None, ">= 300 cases/s", min_rate=300.0, rate=rate,
                  note=f"{rate:,.0f} cases/s into empty SQLite")


def browsing_memory(bench: Bench) -> Result:
    """Peak resident memory of the workbench browsing this database, in its own process."""
    done = subprocess.run([sys.executable, str(BROWSE), bench.url], capture_output=True, text=True, check=True)
    megabytes = float(done.stdout.strip().splitlines()[-1])
    return Result("peak memory browsing", megabytes, None, "<= 300 MB", max_ms=300.0,
                  note="peak RSS (VmHWM) of bench/browse.py", unit="MB")


__all__ = ["BareApp", "browsing_memory", "import_case_files", "tui_start"]
