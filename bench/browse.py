"""Browse the workbench headless on a database, as a coordinator would, then print the peak memory in MB.

    python bench/browse.py sqlite:///bench/.cache/large.sqlite3

Run by bench/run.py in its own process, so the peak is the workbench's alone (see `peak_megabytes`).
"""

from __future__ import annotations

import asyncio
import contextlib
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from measures import settings_for  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.widgets import TabbedContent  # noqa: E402
from textual.worker import WorkerCancelled  # noqa: E402

from fgdm.services import cases  # noqa: E402
from fgdm.services.shared.context import Workspace  # noqa: E402
from fgdm.tui.app import FgdmApp  # noqa: E402
from fgdm.tui.case_tabs import CASE_TABS  # noqa: E402


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the workbench is idle. A search typed a letter at a time cancels the search before it, as
    a coordinator's typing does, so a cancelled worker is waited past, not treated as a failure."""
    for _ in range(4):
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def browse(url: str) -> None:
    """Home, the whole case list paged to its end, then for two searches the first case found, on every tab."""
    workspace = Workspace(settings_for(url))
    app = FgdmApp(workspace)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press(*["pagedown"] * 20, "end")
        await settle(pilot)
        for term in ("a", "e"):
            await pilot.press("slash", *term)
            await settle(pilot)
            with workspace.context() as ctx:
                app.open_case(cases.list_cases(ctx, search=term, limit=1).rows[0].id)
            await settle(pilot)
            for spec in CASE_TABS:
                app.screen.query_one("#case-tabs", TabbedContent).active = f"tab-{spec.id}"
                await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)


def peak_megabytes() -> float:
    """This process's peak resident memory in MB, counting its own address space only.

    On Linux `ru_maxrss` is not that: exec keeps the parent's peak at the fork, so bench/run.py, which has
    exported and imported 1,000 case files before it starts this script, used to report its own 370 MB as
    the workbench's. VmHWM belongs to the address space exec made, so it starts afresh.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, kilobytes elsewhere


def main() -> None:
    asyncio.run(browse(sys.argv[1]))
    print(peak_megabytes())


if __name__ == "__main__":
    main()
