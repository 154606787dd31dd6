"""Browse the workbench headless on a database, as a coordinator would, then print the peak memory in MB.

    python bench/browse.py sqlite:///bench/.cache/large.sqlite3

Run by bench/run.py in its own process, so the peak (ru_maxrss) is the workbench's alone.
"""

from __future__ import annotations

import asyncio
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from measures import settings_for  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.widgets import TabbedContent  # noqa: E402

from fgdm.services import cases  # noqa: E402
from fgdm.services.context import Workspace  # noqa: E402
from fgdm.tui.app import FgdmApp  # noqa: E402
from fgdm.tui.case_tabs import CASE_TABS  # noqa: E402


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(4):
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


def main() -> None:
    asyncio.run(browse(sys.argv[1]))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


if __name__ == "__main__":
    main()
