"""A process for the crash-safety test to kill: it writes through the services and reports each commit."""

from __future__ import annotations

import sys

from fgdm.config import Settings
from fgdm.services import cases
from fgdm.services.context import Workspace
from fgdm.store.engine import make_engine
from fgdm.store.migrate import upgrade


def write_cases(url: str) -> None:
    workspace = Workspace(Settings(database_url=url))
    number = 0
    print("ready", flush=True)
    while True:
        number += 1
        with workspace.context() as ctx:
            case = cases.create_case(ctx, {
                "family_name": f"Crash{number}", "referral_date": "2026-10-01",
                "children": [{"given_name": f"Child{n}", "date_of_birth": "2019-01-01"} for n in range(3)]})
            cases.update_case(ctx, case.id, {"referral_reason": "x" * 2000})
        print(case.reference, flush=True)


def migrate(url: str) -> None:
    engine = make_engine(url)
    print("ready", flush=True)
    upgrade(engine, backup=False)
    print("migrated", flush=True)


if __name__ == "__main__":
    {"cases": write_cases, "migrate": migrate}[sys.argv[1]](sys.argv[2])
